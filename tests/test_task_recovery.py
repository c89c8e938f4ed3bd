"""Issue 15 item 5: tasks left RUNNING by a killed worker are re-queued when they
are safe to repeat, shown as "fate unknown" otherwise, and reported by /readyz/."""

from datetime import timedelta

from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

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


def test_a_dead_workers_repeatable_task_is_requeued(db):
    result = running(PING)
    assert task_recovery.is_stale(result)
    assert task_recovery.requeue_stale() == 1
    result.refresh_from_db()
    assert result.status == "READY" and result.started_at is None


def test_a_live_workers_task_is_left_alone_until_its_timeout(settings):
    task_recovery.beat("alive")
    result = running(PING, worker="alive")
    assert not task_recovery.is_stale(result)
    assert task_recovery.requeue_stale() == 0
    late = running(PING, worker="alive", started_seconds_ago=61)  # timeout: 60 s
    assert task_recovery.is_stale(late)
    assert task_recovery.requeue_stale() == 1
    result.refresh_from_db()
    late.refresh_from_db()
    assert (result.status, late.status) == ("RUNNING", "READY")


def test_a_notification_whose_fate_is_unknown_is_not_repeated(db):
    result = running(NOTIFY)
    assert task_recovery.requeue_stale() == 0
    result.refresh_from_db()
    assert result.status == "RUNNING"
    assert task_recovery.fate_unknown(result)
    assert not task_recovery.fate_unknown(running(PING))  # repeatable: re-queued


def test_readyz_reports_stale_running_tasks_and_stays_200(client, site_setup):
    running(NOTIFY)
    running(PING)
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["stale_running_tasks"] == 2
    assert body["stale_running_fate_unknown"] == 1


def test_the_heartbeat_beats_and_recovers():
    stale = running(PING)
    Heartbeat("w1", 1).tick()
    assert task_recovery.worker_alive("w1")
    stale.refresh_from_db()
    assert stale.status == "READY"


def test_db_worker_is_ours_and_forgets_its_heartbeat(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default"],
        }
    }
    call_command("db_worker", "--batch", "--worker-id", "w2", "--no-startup-delay")
    assert not task_recovery.worker_alive("w2")
