"""The benchmark's WSGI application: the site, plus a reference with no middleware.

``/bench/raw/`` is Django's bare view (``bench/views.py``) served by a handler
with an empty middleware stack: the cost of Django itself (URL resolution, a
view, an ``HttpResponse``) in the same gunicorn worker, the floor every page is
compared with. ``/bench/bare/`` is the same view through the site's middleware.
Everything else is the site, unchanged. ``make bench`` only (``BENCH_BARE_VIEW``).
"""

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler

from clac_cms.wsgi import application as site

RAW_PATH = "/bench/raw/"


class NoMiddlewareHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


raw = NoMiddlewareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == RAW_PATH:
        environ["PATH_INFO"] = "/bench/bare/"
        return raw(environ, start_response)
    return site(environ, start_response)
