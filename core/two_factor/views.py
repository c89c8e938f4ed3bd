"""The admin's two-factor page (``/admin/two-factor/``) and a superuser's reset of
another person's devices."""

import logging
from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import django_otp
import segno
from django_otp import DEVICE_ID_SESSION_KEY

from . import devices
from .forms import ConfirmAppForm, PasswordAndCodeForm

logger = logging.getLogger("clac.security")


def spaced_key(device) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device) -> str:
    """The app's set-up link as an inline SVG QR code, made here (no request
    leaves the site, and no script: the admin's CSP holds)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4,
        border=2,
        title=gettext("QR code for your authenticator app"),
        svgclass="clac-two-factor-qr",
    )
    return mark_safe(svg)  # noqa: S308 (segno's own markup, no user input)


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(WagtailAdminTemplateMixin, View):
    """Set up an authenticator app (confirmed with its first code), see the ten
    recovery codes once, make new ones, or remove two-factor sign-in."""

    template_name = "core/two_factor/manage.html"
    page_title = _("Two-factor sign-in")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request):
        return self.render_page()

    def post(self, request):
        action = request.POST.get("action")
        user = request.user
        if action == "confirm" and not devices.has_device(user):
            device = devices.unconfirmed_app_device(user)
            form = ConfirmAppForm(device, request.POST)
            if not form.is_valid():
                return self.render_page(confirm_form=form)
            codes = devices.confirm_app_device(device)
            django_otp.login(request, device)
            logger.info("two-factor sign-in set up")
            return self.render_codes(codes, first_time=True)
        if action in {"codes", "remove"} and devices.has_device(user):
            form = PasswordAndCodeForm(user, request.POST, prefix=action)
            if not form.is_valid():
                return self.render_page(**{f"{action}_form": form})
            if action == "codes":
                return self.render_codes(devices.new_recovery_codes(user))
            devices.remove_devices(user)
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            logger.info("two-factor sign-in removed by its owner")
            messages.success(request, gettext("Two-factor sign-in is now off."))
            return redirect("clac_two_factor")
        return redirect("clac_two_factor")

    def render_page(self, **forms):
        user = self.request.user
        context = self.get_context_data(
            required=devices.requires_two_factor(user),
            enrolled=devices.has_device(user),
        )
        if context["enrolled"]:
            context["codes_left"] = devices.recovery_codes_left(user)
            context["codes_form"] = forms.get("codes_form") or PasswordAndCodeForm(
                user, prefix="codes"
            )
            context["remove_form"] = forms.get("remove_form") or PasswordAndCodeForm(
                user, prefix="remove"
            )
        else:
            device = devices.unconfirmed_app_device(user)
            context["qr_svg"] = qr_svg(device)
            context["key"] = spaced_key(device)
            context["confirm_form"] = forms.get("confirm_form") or ConfirmAppForm(
                device
            )
        return self.render_to_response(context)

    def render_codes(self, codes, first_time=False):
        """The new codes, shown this once: the page never shows them again
        (new ones can be made)."""
        self.template_name = "core/two_factor/recovery_codes.html"
        context = self.get_context_data(codes=codes, first_time=first_time)
        return self.render_to_response(context)


@method_decorator(never_cache, name="dispatch")
class ResetTwoFactorView(WagtailAdminTemplateMixin, View):
    """A superuser removes another person's app and recovery codes (a lost
    phone): that person signs in with the password alone and, if their role
    requires it, sets up a new app straight away."""

    template_name = "core/two_factor/reset_user.html"
    page_title = _("Reset two-factor sign-in")
    header_icon = "key"

    def dispatch(self, request, user_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        return super().dispatch(request, user_id)

    def get_page_subtitle(self):
        return self.person.get_username()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": gettext("Users")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get(self, request, user_id):
        return self.render_to_response(
            self.get_context_data(
                person=self.person,
                enrolled=devices.has_device(self.person),
            )
        )

    def post(self, request, user_id):
        devices.remove_devices(self.person)
        logger.warning("two-factor sign-in reset by a superuser")
        messages.success(
            request,
            format_html(
                gettext("Two-factor sign-in of {username} removed."),
                username=self.person.get_username(),
            ),
        )
        return redirect("wagtailusers_users:index")
