"""Spam defence without third parties: a honeypot, a signed form token, a per-IP rate
and a content rule. Every threshold is an ``INQUIRY_*`` setting (see settings/base.py).

Bots are not told they were caught: a suspicious submission is stored with status
"spam" (staff can release it) and the sender sees the usual thank-you page. Only far
above the rate limit is a post refused (429) and nothing stored.
"""

import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

TOKEN_SALT = "inquiries.form-token"  # noqa: S105 - a salt, not a secret
LINK_RE = re.compile(r"https?://|www\.|\[url", re.IGNORECASE)


# --- Signed token ---------------------------------------------------------------------


def issue_token(form_key, issued_at: float | None = None) -> str:
    """A signed token naming the form, when it was served and a one-time nonce."""
    payload = {
        "f": str(form_key),
        "t": int(time.time() if issued_at is None else issued_at),
        "n": secrets.token_urlsafe(12),
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=False)


def check_token(token: str, form_key) -> str | None:
    """Why the token is suspicious ("token_missing", "token_invalid", "too_fast",
    "token_expired", "token_replayed"), or None when it is fine.

    A good token is consumed: the same token posted again is a replay."""
    if not token:
        return "token_missing"
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
        issued = int(payload["t"])
        nonce = str(payload["n"])
        form = str(payload["f"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "token_invalid"
    if form != str(form_key):
        return "token_invalid"
    age = time.time() - issued
    if age > settings.INQUIRY_MAX_FORM_AGE_SECONDS:
        return "token_expired"
    if age < settings.INQUIRY_MIN_FILL_SECONDS:
        return "too_fast"
    timeout = max(settings.INQUIRY_MAX_FORM_AGE_SECONDS, 60)
    if not cache.add(f"inquiries:nonce:{nonce}", 1, timeout=timeout):
        return "token_replayed"
    return None


# --- Rate -------------------------------------------------------------------------------


def count_post(ip: str) -> int:
    """Count one post from ``ip`` in the current fixed window; return the count."""
    window = settings.INQUIRY_RATE_WINDOW_SECONDS
    key = f"inquiries:rate:{ip}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 5):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        return 1


def is_refused(count: int) -> bool:
    return count > settings.INQUIRY_RATE_REFUSE


# --- Verdict ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    reason: str = ""

    @property
    def is_spam(self) -> bool:
        return bool(self.reason)


def count_links(values) -> int:
    total = 0
    for value in values:
        if isinstance(value, list | tuple):
            total += count_links(value)
        elif isinstance(value, str):
            total += len(LINK_RE.findall(value))
    return total


def classify(*, honeypot: str, token: str, form_key, rate_count: int, data: dict):
    """Judge a valid submission. The honeypot and rate need no token work; the token
    is checked (and consumed) last so a replay is caught only for otherwise clean
    posts."""
    if honeypot:
        return Verdict("honeypot")
    if rate_count > settings.INQUIRY_RATE_LIMIT:
        return Verdict("rate")
    if count_links(data.values()) > settings.INQUIRY_MAX_LINKS:
        return Verdict("links")
    reason = check_token(token, form_key)
    return Verdict(reason or "")
