"""gunicorn settings for the container (read from the environment).

SIGTERM (docker stop, a rolling deploy) lets each worker finish its request within
``graceful_timeout`` seconds; keep the orchestrator's stop grace period longer.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# No access log here: the proxy logs requests (with client addresses masked).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# /dev/shm for the heartbeat files: containers' /tmp may be a slow overlay.
worker_tmp_dir = "/dev/shm"  # noqa: S108
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
