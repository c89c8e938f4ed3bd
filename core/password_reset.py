"""The admin's password reset, throttled (issue 15 item 6).

Wagtail's reset view takes its form from ``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``.
``ThrottledPasswordResetForm`` counts each request per address asked for (a keyed
digest of it, never the address) and per client address (``core.http.client_ip``)
in fixed windows, in the never-evicted security cache. Past either limit no email
is sent, and the reader gets the same neutral "if the address exists we sent a
mail" page as always, so nothing says whether an account exists. The refusal is
logged without the address or the client. When the security cache is down,
nothing is sent either (and that is logged as an error).
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from wagtail.admin.forms.auth import PasswordResetForm

from core.http import client_ip

logger = logging.getLogger("clac.security")

KEY_SALT = "clac.password_reset"


def _count(key: str, window: int) -> int:
    """Count one request under ``key`` in the current fixed window."""
    cache = caches[settings.SECURITY_CACHE_ALIAS]
    key = f"{key}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 5):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        return 1


def account_key(email: str) -> str:
    digest = salted_hmac(KEY_SALT, email.strip().lower()).hexdigest()
    return f"password_reset:account:{digest}"


def address_key(ip: str) -> str:
    return f"password_reset:address:{salted_hmac(KEY_SALT, ip).hexdigest()}"


def allowed(email: str, ip: str) -> bool:
    """Count this request; False when the account or the address is over its
    limit in the window (both are counted either way)."""
    window = settings.PASSWORD_RESET_WINDOW_SECONDS
    per_account = _count(account_key(email), window)
    per_address = _count(address_key(ip), window)
    over = []
    if per_account > settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT:
        over.append("account")
    if per_address > settings.PASSWORD_RESET_LIMIT_PER_ADDRESS:
        over.append("address")
    if over:
        logger.warning(
            "password reset throttled: no email sent",
            extra={"limit": ",".join(over), "window_seconds": window},
        )
    return not over


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form; ``save`` sends nothing past the limits."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        ip = client_ip(request) if request is not None else ""
        try:
            ok = allowed(email, ip)
        except Exception:  # fail closed: no mail without a count
            logger.exception("password reset: security cache unavailable, no email")
            return None
        if not ok:
            return None
        return super().save(*args, request=request, **kwargs)
