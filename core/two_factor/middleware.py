"""Two factors for the roles that need them, in the admin."""

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from . import devices

# Reachable before enrolling: the enrolment page itself, signing out, and what
# any admin page loads (its translations).
OPEN_URL_NAMES = [
    "clac_two_factor",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_javascript_catalog",
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
            return redirect_to_login(
                request.get_full_path(), reverse("wagtailadmin_login")
            )
        if devices.requires_two_factor(user):
            return redirect("clac_two_factor")
        return None
