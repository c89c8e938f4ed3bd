"""The database task queue: a task enqueued is run by the worker."""

from django.test import override_settings

import pytest
from django_tasks_db.models import DBTaskResult

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_database_backend_task_runs_in_worker_loop(site_setup):
    from django_tasks_db.management.commands.db_worker import Worker

    from core.tasks import ping

    with override_settings(TASKS=DB_BACKEND):
        result = ping.using(backend="default").enqueue("clac")
        row = DBTaskResult.objects.get(id=result.id)
        assert row.status == "READY"
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=1,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()
        row.refresh_from_db()
        assert row.status == "SUCCESSFUL"
        assert row.return_value == "pong clac"
