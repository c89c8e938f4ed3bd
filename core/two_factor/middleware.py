"""Two factors for the roles that need them, in the admin."""

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext

from . import devices

# Reachable before enrolling: the enrolment page itself, signing out, and what
# any admin page loads (its icons and its scripts' translations).
OPEN_URL_NAMES = [
    "clac_two_factor",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
]


class TwoFactorRequiredMiddleware:
    """After django-otp's ``OTPMiddleware``: in the admin,

    - a session signed in without its account's code (the sign-in form demands it,
      so only a session from elsewhere, or one whose device was added since by
      another session) is signed out and sent to the sign-in page;
    - a superuser or a member of an ``OTP_REQUIRED_GROUPS`` role without an
      authenticator app is sent to the enrolment page for every admin URL but
      ``OPEN_URL_NAMES`` (static files are not admin URLs).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path_info.startswith(reverse("wagtailadmin_home"))
            and not user.is_verified()
        ):
            response = self.refuse(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def refuse(self, request, user):
        if request.path_info in {reverse(name) for name in OPEN_URL_NAMES}:
            return None
        if devices.has_device(user):
            logout(request)
            if not is_navigation(request):
                return forbidden(gettext("Please sign in again."))
            return redirect_to_login(
                request.get_full_path(), reverse("wagtailadmin_login")
            )
        if devices.requires_two_factor(user):
            if not is_navigation(request):
                return forbidden(gettext("Set up two-factor sign-in first."))
            return redirect("clac_two_factor")
        return None


def is_navigation(request) -> bool:
    """A page the person asked for, not a script's request (the admin's scripts
    fetch HTML fragments and JSON, and would paint a redirected page into the
    page they are on)."""
    return (
        request.method in {"GET", "HEAD"}
        and request.headers.get("Sec-Fetch-Dest", "document") in {"document", "iframe"}
        and request.headers.get("X-Requested-With") != "XMLHttpRequest"
        and "application/json" not in request.headers.get("Accept", "")
    )


def forbidden(message):
    return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")
