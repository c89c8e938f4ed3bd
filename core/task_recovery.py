"""Stale RUNNING tasks after a worker died (issue 15 item 5).

django-tasks-db's ``claim()`` only sets RUNNING, ``started_at`` and ``worker_ids``:
after ``kill -9`` a task stays RUNNING for ever. Our worker (``manage.py
db_worker``, core/management/commands/db_worker.py) writes a heartbeat per worker
id to the security cache every ``TASK_HEARTBEAT_SECONDS`` and calls
``requeue_stale`` as often. A RUNNING task is **stale** when its claiming worker's
heartbeat is gone (older than ``TASK_HEARTBEAT_TIMEOUT_SECONDS``) or it started
longer ago than its timeout (``TASK_TIMEOUT_SECONDS`` per task path, else
``TASK_DEFAULT_TIMEOUT_SECONDS``, each above its longest legitimate run).

- Tasks that are safe to repeat (``TASK_REPEATABLE``: reference indexing, CDN
  purges, focal points, ping) are put back in the queue (READY).
- Anything else (a notification email: it may have been sent) is never run
  again. When its worker is gone the row is closed as FAILED with ``WorkerLost``
  (the task table holds no RUNNING row for ever); ``fate_unknown`` says so, and
  the inquiry itself keeps its claim, which the inbox shows to a person as
  "unknown" (inquiries/models/inquiry.py). A non-repeatable task past its timeout
  whose worker still beats is left RUNNING (and reported: it may be hung).
- ``/readyz/`` reports how many are stale and stays 200, and the age of the
  oldest task waiting for a worker (``oldest_waiting_seconds``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone

from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger("clac.tasks")

HEARTBEAT_KEY = "tasks:heartbeat:{}"
WORKER_LOST = "core.task_recovery.WorkerLost"


class WorkerLost(Exception):
    """Recorded on a task whose worker died while running it (never raised)."""


def _cache():
    return caches[settings.SECURITY_CACHE_ALIAS]


def beat(worker_id: str) -> None:
    """Record that ``worker_id`` is alive now."""
    _cache().set(
        HEARTBEAT_KEY.format(worker_id),
        timezone.now().timestamp(),
        timeout=settings.TASK_HEARTBEAT_TIMEOUT_SECONDS,
    )


def forget(worker_id: str) -> None:
    _cache().delete(HEARTBEAT_KEY.format(worker_id))


def worker_alive(worker_id: str, now=None) -> bool:
    last = _cache().get(HEARTBEAT_KEY.format(worker_id))
    if last is None:
        return False
    now = now or timezone.now()
    return now.timestamp() - last <= settings.TASK_HEARTBEAT_TIMEOUT_SECONDS


def timeout_for(task_path: str) -> int:
    return settings.TASK_TIMEOUT_SECONDS.get(
        task_path, settings.TASK_DEFAULT_TIMEOUT_SECONDS
    )


def worker_gone(result: DBTaskResult, now=None) -> bool:
    """The worker that claimed ``result`` last has stopped beating."""
    worker = result.worker_ids[-1] if result.worker_ids else None
    return worker is None or not worker_alive(worker, now)


def is_stale(result: DBTaskResult, now=None) -> bool:
    if result.status != "RUNNING" or result.started_at is None:
        return False
    now = now or timezone.now()
    if now - result.started_at > timedelta(seconds=timeout_for(result.task_path)):
        return True
    return worker_gone(result, now)


def stale_running(now=None) -> list[DBTaskResult]:
    now = now or timezone.now()
    return [
        result
        for result in DBTaskResult.objects.filter(status="RUNNING")
        if is_stale(result, now)
    ]


def is_repeatable(task_path: str) -> bool:
    return task_path in settings.TASK_REPEATABLE


def live_running(task_path: str, now=None) -> list[DBTaskResult]:
    """RUNNING tasks of ``task_path`` that a live worker is running now."""
    now = now or timezone.now()
    return [
        result
        for result in DBTaskResult.objects.filter(status="RUNNING", task_path=task_path)
        if not is_stale(result, now)
    ]


def fate_unknown(result: DBTaskResult, now=None) -> bool:
    """A task that is not safe to repeat, whose worker died while running it: it may
    or may not have done its work (an email sent or not). A person decides."""
    if result.status == "FAILED":
        return result.exception_class_path == WORKER_LOST
    return is_stale(result, now) and not is_repeatable(result.task_path)


def recover_stale(now=None) -> tuple[int, int]:
    """Put stale repeatable tasks back in the queue and close the others whose
    worker is gone (FAILED, ``WorkerLost``); the numbers re-queued and closed.

    Each change is conditional on the row still being the same run (RUNNING,
    same ``started_at``): two workers recovering at once change it once."""
    now = now or timezone.now()
    requeued = closed = 0
    for result in stale_running(now):
        same_run = DBTaskResult.objects.filter(
            pk=result.pk, status="RUNNING", started_at=result.started_at
        )
        if is_repeatable(result.task_path):
            if same_run.update(status="READY", started_at=None):
                requeued += 1
                logger.warning(
                    "stale task re-queued", extra={"task_path": result.task_path}
                )
        elif worker_gone(result, now) and same_run.update(
            status="FAILED",
            finished_at=now,
            return_value=None,
            exception_class_path=WORKER_LOST,
            traceback=(
                f"{WORKER_LOST}: worker {result.worker_ids[-1:]} stopped beating "
                "while running this task; it is not safe to repeat, so it was not "
                "run again (its work may or may not have been done)."
            ),
        ):
            closed += 1
            logger.warning(
                "task of a lost worker closed, not repeated",
                extra={"task_path": result.task_path},
            )
    return requeued, closed


def oldest_waiting_seconds(now=None, stale=None) -> int:
    """How long the oldest task has waited for a worker: READY tasks that are due
    (counted from when they became due: a retry deferred for an hour has not
    waited that hour) and stale repeatable tasks, which wait to be run again
    (counted from their enqueueing; ``stale``: ``stale_running(now)`` if the
    caller has it). 0 when nothing waits."""
    now = now or timezone.now()
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    oldest = (
        DBTaskResult.objects.ready()
        .annotate(due_since=due_since)
        .aggregate(oldest=Min("due_since"))["oldest"]
    )
    stale = stale_running(now) if stale is None else stale
    again = [r.enqueued_at for r in stale if is_repeatable(r.task_path)]
    waiting = [moment for moment in [oldest, *again] if moment is not None]
    if not waiting:
        return 0
    return max(0, round((now - min(waiting)).total_seconds()))
