"""Language handling around Django's LocaleMiddleware."""

import re

from django.middleware.locale import LocaleMiddleware

# A first path segment that looks like a language code (de, xx, pt-pt, zh-hans).
LANGUAGE_LIKE = re.compile(r"^/[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?(?:/|$)")


class ClacLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without redirecting unknown language prefixes.

    ``/de/`` or ``/xx/about/`` would otherwise be redirected to ``/es/de/`` (Wagtail's
    catch-all pattern makes any path "valid"); readers get a plain 404 instead.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and LANGUAGE_LIKE.match(request.path_info):
            response.headers.setdefault("Content-Language", getattr(request, "LANGUAGE_CODE", "es"))
            return response
        return super().process_response(request, response)
