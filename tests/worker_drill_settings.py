"""Settings of the worker subprocess in the worker-kill drill
(tests/test_worker_kill_drill.py): the test settings with the database queue, the
test database the drill names (``DRILL_DATABASE_NAME``), a real SMTP server on
``DRILL_SMTP_PORT`` and short heartbeat timings, so a killed worker's task goes
stale in seconds. Never used outside that drill."""

import os

from clac_cms.settings.test import *  # noqa: F403
from clac_cms.settings.test import DATABASES, TASK_REPEATABLE, TASK_TIMEOUT_SECONDS

DRILL_TASK = "tests.worker_drill_tasks.index_when_allowed"
HEARTBEAT_SECONDS = 1
HEARTBEAT_TIMEOUT_SECONDS = 3

# A copy: the test settings' dict is the one the test process runs on.
DATABASES = {
    **DATABASES,
    "default": {**DATABASES["default"], "NAME": os.environ.get("DRILL_DATABASE_NAME")},
}
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
TASK_HEARTBEAT_SECONDS = HEARTBEAT_SECONDS
TASK_HEARTBEAT_TIMEOUT_SECONDS = HEARTBEAT_TIMEOUT_SECONDS
TASK_TIMEOUT_SECONDS = {**TASK_TIMEOUT_SECONDS, DRILL_TASK: 600}
TASK_REPEATABLE = [*TASK_REPEATABLE, DRILL_TASK]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("DRILL_SMTP_PORT", "25"))
EMAIL_USE_TLS = EMAIL_USE_SSL = False
# Longer than the drill holds a reply before the kill: the worker waits, it does
# not time out and retry.
EMAIL_TIMEOUT = 60
