"""Request/response plumbing: language, health probes, security headers, redirects."""

import re

from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.locale import LocaleMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.encoding import iri_to_uri

from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from core import views

# A first path segment that looks like a language code (de, xx, pt-pt, zh-hans).
LANGUAGE_LIKE = re.compile(r"^/[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?(?:/|$)")


class ClacLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without redirecting unknown language prefixes.

    ``/de/`` or ``/xx/about/`` would otherwise be redirected to ``/es/de/`` (Wagtail's
    catch-all pattern makes any path "valid"); readers get a plain 404 instead.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and LANGUAGE_LIKE.match(request.path_info):
            response.headers.setdefault(
                "Content-Language", getattr(request, "LANGUAGE_CODE", "es")
            )
            return response
        return super().process_response(request, response)


# --- Health probes -----------------------------------------------------------------

PROBE_PATHS = {"/healthz/", "/readyz/"}


class HealthCheckMiddleware:
    """Answer ``/healthz/`` and ``/readyz/`` before anything looks at the request.

    Load balancers and orchestrators probe by IP address over plain HTTP. Placed
    first in ``MIDDLEWARE``, this runs before SecurityMiddleware (SSL redirect) and
    CommonMiddleware (ALLOWED_HOSTS), so neither turns a probe into a 301 or a 400.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # The probes' answers get the same security headers as pages (CSP,
        # nosniff, Referrer-Policy, COOP, X-Frame-Options, Permissions-Policy, HSTS
        # over https), without SecurityMiddleware's redirect to https.
        self.probe = ProbeSecurityMiddleware(
            XFrameOptionsMiddleware(
                PermissionsPolicyMiddleware(ClacCSPMiddleware(probe_view))
            )
        )

    def __call__(self, request):
        if request.path_info in PROBE_PATHS and request.method in {"GET", "HEAD"}:
            return self.probe(request)
        return self.get_response(request)


def probe_view(request):
    view = views.healthz if request.path_info == "/healthz/" else views.readyz
    return view(request)


class ProbeSecurityMiddleware(SecurityMiddleware):
    """SecurityMiddleware's headers, never its redirect: probes answer over HTTP."""

    def process_request(self, request):
        return None


# --- Security headers ----------------------------------------------------------------


def build_permissions_policy(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self", "https://x"]}`` → header value."""
    parts = []
    for feature, allowlist in policy.items():
        items = " ".join(
            item if item in {"self", "*"} else f'"{item}"' for item in allowlist
        )
        parts.append(f"{feature}=({items})")
    return ", ".join(parts)


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = build_permissions_policy(
            getattr(settings, "PERMISSIONS_POLICY", {})
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response


class ClacCSPMiddleware(CSPMiddleware):
    """django-csp, with a looser policy for the Wagtail admin.

    Public pages get ``CONTENT_SECURITY_POLICY`` (no inline script or style). The
    admin (``CLAC_ADMIN_CSP_PREFIXES``) uses inline scripts and styles, so responses
    there get ``CLAC_ADMIN_CONTENT_SECURITY_POLICY`` unless a view decorator chose a
    policy itself.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefixes = tuple(getattr(settings, "CLAC_ADMIN_CSP_PREFIXES", ()))
        if (
            not report_only
            and parts.config is None
            and prefixes
            and request.path_info.startswith(prefixes)
        ):
            admin_policy = getattr(settings, "CLAC_ADMIN_CONTENT_SECURITY_POLICY", None)
            if admin_policy:
                parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts


# --- Redirects -------------------------------------------------------------------------


class QueryStringRedirectMiddleware(RedirectMiddleware):
    """Wagtail's RedirectMiddleware, keeping the reader's query string.

    Wagtail drops it (wagtail#7339), which loses ``utm_*`` campaign codes on links
    printed before the move. When the redirect matched the path alone, the original
    query string is appended to the target. A redirect whose ``old_path`` carries a
    query of its own matched it exactly, so nothing is appended then.

    Must come after ``ClacLocaleMiddleware`` in ``MIDDLEWARE``: responses travel
    back up the list, so this sees an old unprefixed path's 404 before
    LocaleMiddleware would redirect it to ``/es/<old path>``.
    """

    def process_response(self, request, response):
        new_response = super().process_response(request, response)
        query = request.META.get("QUERY_STRING", "")
        if new_response is response or not query:
            return new_response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        if get_redirect(request, path) is not None:
            return new_response  # the old path's own query matched: an exact redirect
        location = new_response["Location"]
        base, _, fragment = location.partition("#")
        separator = "&" if "?" in base else "?"
        new_location = f"{base}{separator}{query}"
        if fragment:
            new_location += f"#{fragment}"
        new_response["Location"] = iri_to_uri(new_location)
        return new_response
