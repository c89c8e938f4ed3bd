"""A repeatable indexing task for the worker-kill drill that waits for a gate file
before it indexes, so the drill can kill the worker deterministically mid-run.
Registered as repeatable only by tests/worker_drill_settings.py."""

import time
from pathlib import Path

from wagtail.tasks import update_reference_index_task

from django_tasks import task


@task()
def index_when_allowed(gate: str, log: str, page_id: int) -> str:
    """Note each start in ``log``, wait until ``gate`` exists, then update the
    page's reference index (Wagtail's own task, run in this one)."""
    with Path(log).open("a") as started:
        started.write("started\n")
    while not Path(gate).exists():
        time.sleep(0.05)
    update_reference_index_task.call("wagtailcore", "page", page_id)
    return "indexed"
