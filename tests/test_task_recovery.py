"""Issue 15 item 5: tasks left RUNNING by a killed worker are re-queued when they
are safe to repeat, closed as "worker lost" (fate unknown) otherwise, and reported
by /readyz/, which also says how long the oldest task has waited. The drill with
real worker processes is tests/test_worker_kill_drill.py."""

from datetime import timedelta

from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.tasks import update_reference_index_task

import pytest
from django_tasks_db.models import DBTaskResult, get_date_max
from modelsearch.tasks import insert_or_update_object_task

from core import task_recovery
from core.management.commands.db_worker import Heartbeat

pytestmark = pytest.mark.django_db

PING = "core.tasks.ping"
NOTIFY = "inquiries.tasks.send_inquiry_notification"


@pytest.fixture(autouse=True)
def _clean_security_cache(settings):
    caches[settings.SECURITY_CACHE_ALIAS].clear()
    yield
    caches[settings.SECURITY_CACHE_ALIAS].clear()


def running(task_path, worker="dead-worker", started_seconds_ago=5):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status="RUNNING",
        task_path=task_path,
        args_kwargs={"args": ["x"], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=now,
        started_at=now - timedelta(seconds=started_seconds_ago),
        worker_ids=[worker],
    )


def ready(enqueued_seconds_ago, run_after_seconds_ago=None):
    """A READY task enqueued that long ago, deferred to run that long ago (a
    negative number: in the future), or not deferred."""
    now = timezone.now()
    result = DBTaskResult.objects.create(
        status="READY",
        task_path=PING,
        args_kwargs={"args": ["x"], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=(
            get_date_max()
            if run_after_seconds_ago is None
            else now - timedelta(seconds=run_after_seconds_ago)
        ),
    )
    enqueued_at = now - timedelta(seconds=enqueued_seconds_ago)
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=enqueued_at)
    return result


def test_a_dead_workers_repeatable_task_is_requeued(db):
    result = running(PING)
    assert task_recovery.is_stale(result)
    assert task_recovery.recover_stale() == (1, 0)
    result.refresh_from_db()
    assert result.status == "READY" and result.started_at is None
    assert task_recovery.recover_stale() == (0, 0)  # once


def test_a_live_workers_task_is_left_alone_until_its_timeout(settings):
    task_recovery.beat("alive")
    result = running(PING, worker="alive")
    assert not task_recovery.is_stale(result)
    assert task_recovery.recover_stale() == (0, 0)
    late = running(PING, worker="alive", started_seconds_ago=61)  # timeout: 60 s
    assert task_recovery.is_stale(late)
    assert task_recovery.recover_stale() == (1, 0)
    result.refresh_from_db()
    late.refresh_from_db()
    assert (result.status, late.status) == ("RUNNING", "READY")


def test_a_notification_whose_fate_is_unknown_is_not_repeated(db):
    """Its worker is gone: the row is closed (no RUNNING row for ever, /readyz/
    back to 0), never put back in the queue; the inquiry keeps its claim."""
    result = running(NOTIFY)
    assert task_recovery.fate_unknown(result)
    assert task_recovery.recover_stale() == (0, 1)
    result.refresh_from_db()
    assert result.status == "FAILED" and result.finished_at is not None
    assert result.exception_class_path == task_recovery.WORKER_LOST
    assert "not safe to repeat" in result.traceback
    assert task_recovery.fate_unknown(result)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert not task_recovery.fate_unknown(running(PING))  # repeatable: re-queued


def test_a_long_task_of_a_live_worker_is_reported_not_closed(settings):
    """Past its timeout but its worker still beats: it may be hung, or just long
    (a subtree translation must not run twice at once): left RUNNING, stale."""
    task_recovery.beat("alive")
    settings.TASK_DEFAULT_TIMEOUT_SECONDS = 60
    result = running(NOTIFY, worker="alive", started_seconds_ago=61)
    assert task_recovery.is_stale(result)
    assert task_recovery.recover_stale() == (0, 0)
    result.refresh_from_db()
    assert result.status == "RUNNING"


def test_search_and_reference_indexing_are_repeatable():
    """The paths are the tasks' own (a renamed task would silently stop being
    recovered)."""
    for task in (
        insert_or_update_object_task,
        update_reference_index_task,
        purge_urls_from_cache_task,
    ):
        assert task_recovery.is_repeatable(task.module_path)


def test_readyz_reports_stale_running_tasks_and_stays_200(client, site_setup):
    running(NOTIFY)
    running(PING)
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["stale_running_tasks"] == 2
    assert body["stale_running_fate_unknown"] == 1


def test_a_stale_repeatable_task_counts_as_waiting(client, site_setup):
    """The only task was claimed by a worker that died: it waits to be run again,
    and /readyz/ says since when (it said 0: nothing was READY)."""
    result = running(PING)
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=40)
    )
    assert client.get("/readyz/").json()["oldest_queued_task_seconds"] >= 40
    task_recovery.beat("dead-worker")  # it beats again: running, not waiting
    assert client.get("/readyz/").json()["oldest_queued_task_seconds"] == 0


def test_a_deferred_retry_waits_from_when_it_is_due(client, site_setup):
    """A retry deferred by an hour has not waited that hour; one not yet due has
    not waited at all (both were counted from their enqueueing)."""

    def waiting():
        return client.get("/readyz/").json()["oldest_queued_task_seconds"]

    ready(enqueued_seconds_ago=3600, run_after_seconds_ago=-60)
    assert waiting() == 0
    ready(enqueued_seconds_ago=3600, run_after_seconds_ago=10)
    assert 10 <= waiting() < 60
    ready(enqueued_seconds_ago=120)
    assert 120 <= waiting() < 180


def test_the_heartbeat_beats_and_recovers():
    stale = running(PING)
    lost = running(NOTIFY)
    Heartbeat("w1", 1).tick()
    assert task_recovery.worker_alive("w1")
    stale.refresh_from_db()
    lost.refresh_from_db()
    assert (stale.status, lost.status) == ("READY", "FAILED")


def test_db_worker_is_ours_and_forgets_its_heartbeat(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default"],
        }
    }
    call_command("db_worker", "--batch", "--worker-id", "w2", "--no-startup-delay")
    assert not task_recovery.worker_alive("w2")
