"""gunicorn settings for the container (read from the environment).

SIGTERM (docker stop, a rolling deploy) lets each worker finish its request within
``graceful_timeout`` seconds; keep the orchestrator's stop grace period longer.
"""

import gc
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


def post_worker_init(worker):
    """Keep the garbage collector off the objects every request shares.

    After the application is loaded, ``gc.freeze()`` moves everything imported so
    far (Django, Wagtail, the templates, the URL resolvers: hundreds of thousands
    of objects) out of the collector's generations, and a larger first-generation
    threshold makes collections rarer: the news index spent about 40 % of its CPU
    in full collections of those objects (docs/performance.md). Memory per worker
    stays bounded: requests' own garbage is still collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(
        int(os.environ.get("GC_THRESHOLD0", "20000")),
        50,
        100,
    )
