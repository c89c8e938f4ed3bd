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
- Anything else (a notification email: it may have been sent) is left RUNNING;
  ``fate_unknown`` says so, so the inbox can show it to a person who decides.
- ``/readyz/`` reports how many are stale and stays 200.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("clac.tasks")

HEARTBEAT_KEY = "tasks:heartbeat:{}"


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


def is_stale(result: DBTaskResult, now=None) -> bool:
    if result.status != "RUNNING" or result.started_at is None:
        return False
    now = now or timezone.now()
    if now - result.started_at > timedelta(seconds=timeout_for(result.task_path)):
        return True
    worker = result.worker_ids[-1] if result.worker_ids else None
    return worker is None or not worker_alive(worker, now)


def stale_running(now=None) -> list[DBTaskResult]:
    now = now or timezone.now()
    return [
        result
        for result in DBTaskResult.objects.filter(status="RUNNING")
        if is_stale(result, now)
    ]


def is_repeatable(task_path: str) -> bool:
    return task_path in settings.TASK_REPEATABLE


def fate_unknown(result: DBTaskResult, now=None) -> bool:
    """A task that is not safe to repeat, whose worker died while running it: it may
    or may not have done its work (an email sent or not). A person decides."""
    return is_stale(result, now) and not is_repeatable(result.task_path)


def requeue_stale(now=None) -> int:
    """Put stale repeatable tasks back in the queue; the number re-queued."""
    count = 0
    for result in stale_running(now):
        if not is_repeatable(result.task_path):
            continue
        updated = DBTaskResult.objects.filter(
            pk=result.pk, status="RUNNING", started_at=result.started_at
        ).update(status="READY", started_at=None)
        if updated:
            count += 1
            logger.warning(
                "stale task re-queued", extra={"task_path": result.task_path}
            )
    return count
