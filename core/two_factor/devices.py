"""Who must use two factors, and the devices behind them.

One authenticator app (a confirmed ``TOTPDevice``) and one set of recovery codes
(a ``StaticDevice`` named ``RECOVERY_DEVICE_NAME``) per person. A code of six
digits is checked against the app only, anything else against the recovery
codes only, so a mistyped app code does not also slow down the recovery codes
(each device throttles its own failures: ``OTP_*_THROTTLE_FACTOR``).
"""

import re

from django.conf import settings
from django.db import transaction

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_DEVICE_NAME = "recovery"
APP_DEVICE_NAME = "app"
TOTP_CODE = re.compile(r"^\d{6}$")


def requires_two_factor(user) -> bool:
    """Superusers and members of a group whose role key is in
    ``OTP_REQUIRED_GROUPS`` must sign in with two factors (when ``OTP_REQUIRED``)."""
    if not settings.OTP_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(clac_role__key__in=settings.OTP_REQUIRED_GROUPS).exists()


def app_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def has_device(user) -> bool:
    """The person has a working authenticator app (recovery codes alone are not
    an enrolment: they come with the app and go with it)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def match(user, code: str):
    """The device that accepts ``code`` (and has now used it up), else None."""
    code = normalise(code)
    if not code:
        return None
    if TOTP_CODE.match(code):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(
            user=user, confirmed=True, name=RECOVERY_DEVICE_NAME
        )
    for device in devices:
        # verify_token counts the failure (throttling) and uses the code up.
        if device.verify_token(code):
            return device
    return None


def unconfirmed_app_device(user) -> TOTPDevice:
    """The app device being set up: the same key until it is confirmed, so the
    QR code does not change when the page is reloaded."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


@transaction.atomic
def confirm_app_device(device: TOTPDevice) -> list[str]:
    """Make ``device`` the person's app (dropping any other) and return fresh
    recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with ``OTP_RECOVERY_CODES`` new ones."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    device.throttle_reset(commit=False)
    device.confirmed = True
    device.save()
    codes = [StaticToken.random_token() for _ in range(settings.OTP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME
    ).count()


@transaction.atomic
def remove_devices(user) -> int:
    """Remove the person's app and recovery codes; how many devices went."""
    apps = TOTPDevice.objects.filter(user=user)
    codes = StaticDevice.objects.filter(user=user)
    count = apps.count() + codes.count()
    apps.delete()
    codes.delete()
    return count
