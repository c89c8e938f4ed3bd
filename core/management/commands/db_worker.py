"""django-tasks-db's ``db_worker``, with a heartbeat and stale-task recovery.

Same name and options (core is before django_tasks_db in INSTALLED_APPS, so
``manage.py db_worker`` is this one: the Makefile and compose need no change).
A thread beats for this worker id every ``TASK_HEARTBEAT_SECONDS``, re-queues
stale repeatable tasks and closes the others of dead workers
(core/task_recovery.py). A worker that exits cleanly forgets
its heartbeat; one that is killed stops beating, and its RUNNING tasks go stale.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from core import task_recovery

logger = logging.getLogger("clac.tasks")


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str, interval: float):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopped = threading.Event()

    def tick(self) -> None:
        task_recovery.beat(self.worker_id)
        task_recovery.recover_stale()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                self.tick()
            except Exception:  # a missed beat must not kill the worker
                logger.exception("task heartbeat failed")
            finally:
                close_old_connections()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()


class Command(DBWorkerCommand):
    help = DBWorkerCommand.help

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        heartbeat = Heartbeat(worker_id, settings.TASK_HEARTBEAT_SECONDS)
        task_recovery.beat(worker_id)  # before the first claim
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
            task_recovery.forget(worker_id)
