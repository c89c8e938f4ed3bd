"""The worker-kill drill (issue 15 item 5): real worker processes (``manage.py
db_worker``, our wrapper with its heartbeat) on the test database, ``kill -9``-ed
mid-task, then a new one started.

- Workers A and B start; one takes a repeatable indexing task that waits on a
  gate file (tests/worker_drill_tasks.py); five readers submit the contact form
  (the real POST); the other sends the first notification to a real SMTP server
  that holds its reply to DATA (tests/smtp_helpers.py ``HoldingInbox``). Both
  are killed.
- While their heartbeats are gone and nothing runs, ``/readyz/`` answers 200 and
  reports both tasks stale (one of unknown fate) and the queue's age; the inbox
  shows the held inquiry under "Unknown", not "Failed, retrying".
- The server accepts the held message; worker C starts: the indexing task is
  re-queued and completes, the other four notifications go out, the held one is
  not sent again (every email exactly once), its task row is closed as failed
  (worker lost) and the inbox still shows its delivery as unknown to a person:
  ``requeue_failed_notifications --stuck`` lists it and queues nothing; the
  officer's *Send the notification again* sends it (their decision).

Runs wherever a second process can open the test database: PostgreSQL (the real
case, CI's second run), or SQLite in a file (``TEST_DATABASE_NAME``); skipped on
SQLite in memory, as ``make test`` has it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from django_tasks_db.models import DBTaskResult

from home.bootstrap import role_group
from inquiries.models import Inquiry
from tests import worker_drill_settings as drill
from tests.inquiry_helpers import make_contact_page, valid_post
from tests.smtp_helpers import HoldingInbox, body_text, free_port, start_smtp
from tests.worker_drill_tasks import index_when_allowed

NEEDS = (
    "the worker-kill drill needs a database a second process can open: "
    "PostgreSQL (DATABASE_URL=postgres://…) or TEST_DATABASE_NAME for SQLite"
)
pytestmark = [
    pytest.mark.slow,
    # Decided before any test database is built (the fixture below double-checks).
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
        and "TEST_DATABASE_NAME" not in os.environ,
        reason=NEEDS,
    ),
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parent.parent
READERS = [f"Lectora {index}" for index in range(5)]
NOTIFY = "inquiries.tasks.send_inquiry_notification"
UNKNOWN_NOTE = (
    "the sending stopped midway (the worker stopped). The email may or may not "
    "have arrived: ask the recipients before sending it again."
)


@pytest.fixture
def shared_database():
    """The test database's name, for the worker processes; skip when they cannot
    open it (SQLite in memory)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(NEEDS)
    return str(connection.settings_dict["NAME"])


@pytest.fixture
def drill_settings(settings):
    """The test process reads the queue as the workers do."""
    settings.TASKS = drill.TASKS
    settings.TASK_HEARTBEAT_SECONDS = drill.TASK_HEARTBEAT_SECONDS
    settings.TASK_HEARTBEAT_TIMEOUT_SECONDS = drill.TASK_HEARTBEAT_TIMEOUT_SECONDS
    settings.TASK_TIMEOUT_SECONDS = drill.TASK_TIMEOUT_SECONDS
    settings.TASK_REPEATABLE = drill.TASK_REPEATABLE
    settings.INQUIRY_RATE_LIMIT = 1000
    settings.INQUIRY_RATE_REFUSE = 2000
    return settings


class Workers:
    """``manage.py db_worker`` processes on the test database, logs in tmp_path."""

    def __init__(self, database, smtp_port, logs):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_drill_settings",
            "DRILL_DATABASE_NAME": database,
            "DRILL_SMTP_PORT": str(smtp_port),
            "PYTHONUNBUFFERED": "1",
        }
        self.logs = logs
        self.processes = {}

    def start(self, name):
        log = (self.logs / f"worker-{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--worker-id",
                f"drill-{name}",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def kill(self, name):
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def log(self, name) -> str:
        return (self.logs / f"worker-{name}.log").read_text()

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()  # graceful: ours forgets its heartbeat
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_for(condition, what, workers, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    logs = "\n".join(
        f"--- worker {name}\n{workers.log(name)[-3000:]}" for name in workers.processes
    )
    pytest.fail(f"timed out waiting for {what}\n{logs}")


def readyz(client) -> dict:
    response = client.get("/readyz/")
    assert response.status_code == 200
    return json.loads(response.content)


def spanish(message) -> str:
    with translation.override("es"):
        return gettext(message)


def reader(message) -> str:
    return body_text(message).split("Nombre: ")[1].split("\n")[0]


def inbox_lists(client, inquiry, delivery) -> bool:
    edit = reverse("inquiries:edit", args=[inquiry.pk])
    response = client.get(reverse("inquiries:index"), {"delivery": delivery})
    assert response.status_code == 200
    return f'href="{edit}"' in response.content.decode()


def test_worker_kill_drill(
    client, home_es, django_user_model, drill_settings, shared_database, tmp_path
):
    page = make_contact_page(home_es)
    officer = django_user_model.objects.create_user(
        "olga", "olga@clac.test", "pw", first_name="Olga"
    )
    officer.groups.add(role_group("inquiry-managers"))
    gate, started = tmp_path / "gate", tmp_path / "index-started.log"
    smtp_port = free_port()
    controller, sink = start_smtp(smtp_port, HoldingInbox())
    workers = Workers(shared_database, smtp_port, tmp_path)
    try:
        # Two workers boot together. The first to look takes the indexing task
        # and waits at its gate; the other sends the first of five readers'
        # notifications, and the server holds it.
        workers.start("A")
        workers.start("B")
        index = index_when_allowed.enqueue(str(gate), str(started), page.pk)
        codes = [
            client.post(
                page.url, valid_post(page, nombre=name, mensaje=f"De {name}")
            ).status_code
            for name in READERS
        ]
        assert codes == [303] * 5
        wait_for(started.exists, "the indexing task to start", workers)
        wait_for(
            lambda: sink.holding.wait(0.1), "the SMTP server to hold DATA", workers
        )
        held = next(
            item
            for item in Inquiry.objects.all()
            if item.form_data["nombre"] == reader(sink.held)
        )
        workers.kill("A")
        workers.kill("B")

        # Nobody works the queue: once the heartbeats expire both tasks are stale.
        stale = wait_for(
            lambda: (body := readyz(client))["stale_running_tasks"] == 2 and body,
            "/readyz/ to report the killed workers' tasks",
            workers,
        )
        assert stale["status"] == "ok"
        assert stale["stale_running_fate_unknown"] == 1
        assert stale["oldest_queued_task_seconds"] >= 1  # four notifications wait
        client.force_login(officer)
        assert inbox_lists(client, held, "unknown")
        assert not inbox_lists(client, held, "retrying")

        # The server has the held message (queued before its reply) and answers no
        # one; the gate opens; worker C starts.
        assert len(sink.envelopes) == 1
        sink.release.set()
        gate.touch()
        workers.start("C")
        wait_for(
            lambda: (
                not DBTaskResult.objects.filter(
                    status__in=["READY", "RUNNING"]
                ).exists()
            ),
            "worker C to drain the queue",
            workers,
        )

        # Every email exactly once: the held one is not sent again.
        assert sorted(reader(env["message"]) for env in sink.envelopes) == READERS
        index_row = DBTaskResult.objects.get(pk=index.id)
        assert (index_row.status, index_row.return_value) == ("SUCCESSFUL", "indexed")
        assert started.read_text() == "started\nstarted\n"  # killed once, re-run once
        notify_rows = DBTaskResult.objects.filter(task_path=NOTIFY)
        assert sorted(notify_rows.values_list("status", flat=True)) == [
            "FAILED",
            *["SUCCESSFUL"] * 4,
        ]
        lost = notify_rows.get(status="FAILED")
        assert lost.args_kwargs["args"] == [held.pk]
        assert lost.exception_class_path == "core.task_recovery.WorkerLost"
        held.refresh_from_db()
        assert held.notified_at is None and held.delivery_unknown
        others = Inquiry.objects.exclude(pk=held.pk)
        assert all(item.notified_at is not None for item in others)
        recovered = readyz(client)
        assert recovered["stale_running_tasks"] == 0
        assert recovered["stale_running_fate_unknown"] == 0
        assert recovered["oldest_queued_task_seconds"] == 0

        # A person sees it as unknown, in the inbox and on its page.
        assert inbox_lists(client, held, "unknown")
        assert not inbox_lists(client, held, "retrying")
        detail = client.get(reverse("inquiries:edit", args=[held.pk])).content.decode()
        assert spanish(UNKNOWN_NOTE) in detail  # the admin in Spanish

        # The operator's command lists it and queues nothing by itself.
        out = tmp_path / "requeue.txt"
        with out.open("w") as stdout:
            call_command("requeue_failed_notifications", "--stuck", stdout=stdout)
        assert f"#{held.pk}" in out.read_text()
        assert not DBTaskResult.objects.filter(status="READY").exists()

        # The officer decides to send it again: it goes out a second time.
        retry = reverse("inquiries:retry", args=[held.pk])
        assert client.post(retry).status_code == 302
        wait_for(lambda: len(sink.envelopes) == 6, "the officer's resend", workers)
        assert [reader(env["message"]) for env in sink.envelopes].count(
            reader(sink.held)
        ) == 2
        held.refresh_from_db()
        assert held.notified_at is not None and not held.delivery_unknown
    finally:
        sink.release.set()
        workers.stop_all()
        controller.stop()
