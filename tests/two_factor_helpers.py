"""Test accounts with two-factor sign-in: a confirmed authenticator app, its
current code, and recovery codes to sign in with (each works once)."""

from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.two_factor.devices import APP_DEVICE_NAME, RECOVERY_DEVICE_NAME


def enrol(user) -> TOTPDevice:
    """The person's authenticator app, confirmed (created when missing), with
    their recovery-code device."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=True
        )
    StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    return device


def fresh_recovery_code(user) -> str:
    """Enrol ``user`` if needed and give them one more recovery code."""
    enrol(user)
    device = StaticDevice.objects.get(user=user, name=RECOVERY_DEVICE_NAME)
    code = StaticToken.random_token()
    device.token_set.create(token=code)
    return code


def totp_code(key: bytes, offset_steps: int = 0) -> str:
    """What an authenticator app shows now for ``key`` (``device.bin_key``)."""
    totp = TOTP(key, step=30, digits=6)
    totp.drift = offset_steps
    return f"{totp.token():06d}"


def key_from_page(text: str) -> bytes:
    """The key as the enrolment page shows it (base32 in groups of four)."""
    compact = text.replace(" ", "").strip()
    return b32decode(compact + "=" * (-len(compact) % 8))
