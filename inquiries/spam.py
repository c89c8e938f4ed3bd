"""Spam defence without third parties: a honeypot, a signed form token, a per-IP rate
and a content rule. Every threshold is an ``INQUIRY_*`` setting (see settings/base.py).

Nothing honest silently becomes spam (issue 14 item 4). Only bot signals hide a
submission (status "spam", no notification; staff can release it): the honeypot, a
forged or replayed token, a post faster than a person can type. Weaker signals (no
token, many links, many submissions from one address) keep it "to review": stored,
and staff are notified with the message clearly marked. An expired token (the form
was open for more than a day) stores nothing: the form comes back with a fresh token.
The sender sees the same thank-you page in every stored case. Only far above the rate
limit is a post refused (429) and nothing stored.

The state this needs (replay nonces, per-address counters) lives in the security
store (``SECURITY_CACHE_ALIAS``), never in the page cache that anyone can flood. When
that store fails, ``SecurityStateUnavailable`` is raised and the form fails closed
(``inquiries.submission``: a 503, nothing stored).
"""

import logging
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches

from inquiries.models.inquiry import BOT_SIGNALS, REVIEW_SIGNALS, FlagReason

logger = logging.getLogger(__name__)

TOKEN_SALT = "inquiries.form-token"  # noqa: S105 - a salt, not a secret
LINK_RE = re.compile(r"https?://|www\.|\[url", re.IGNORECASE)


class SecurityStateUnavailable(Exception):
    """The security store could not be read or written: fail closed."""


def security_cache():
    return caches[settings.SECURITY_CACHE_ALIAS]


def _guarded(operation: str, call, *args, **kwargs):
    """Run one security-store call; any failure becomes SecurityStateUnavailable
    (logged with the exception's class only: keys hold addresses)."""
    try:
        return call(*args, **kwargs)
    except Exception as exc:
        logger.error(
            "inquiries: security store failed on %s (%s): form refused with 503",
            operation,
            type(exc).__name__,
        )
        raise SecurityStateUnavailable(operation) from exc


# --- Signed token ---------------------------------------------------------------------


def issue_token(form_key, issued_at: float | None = None) -> str:
    """A signed token naming the form, when it was served and a one-time nonce."""
    payload = {
        "f": str(form_key),
        "t": int(time.time() if issued_at is None else issued_at),
        "n": secrets.token_urlsafe(12),
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=False)


def read_token(token: str, form_key) -> tuple[str | None, str]:
    """(why the token is suspicious, its nonce). The reason is "token_missing",
    "token_invalid", "too_fast" or "token_expired", or None when the token is good;
    nothing is stored yet (``consume_token`` does, and catches a replay)."""
    if not token:
        return FlagReason.TOKEN_MISSING, ""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
        issued = int(payload["t"])
        nonce = str(payload["n"])
        form = str(payload["f"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return FlagReason.TOKEN_INVALID, ""
    if form != str(form_key):
        return FlagReason.TOKEN_INVALID, ""
    age = time.time() - issued
    if age > settings.INQUIRY_MAX_FORM_AGE_SECONDS:
        return FlagReason.TOKEN_EXPIRED, ""
    if age < settings.INQUIRY_MIN_FILL_SECONDS:
        return FlagReason.TOO_FAST, ""
    return None, nonce


def consume_token(nonce: str) -> str | None:
    """Record a good token's nonce: "token_replayed" when it was used before, else
    None. Raises SecurityStateUnavailable when it cannot be recorded."""
    timeout = max(settings.INQUIRY_MAX_FORM_AGE_SECONDS, 60)
    if not _guarded("nonce", _consume, f"inquiries:nonce:{nonce}", timeout):
        return FlagReason.TOKEN_REPLAYED
    return None


def check_token(token: str, form_key) -> str | None:
    """Why the token is suspicious (as ``read_token``, or "token_replayed"), or
    None when it is fine. A good token is consumed."""
    reason, nonce = read_token(token, form_key)
    if reason:
        return reason
    return consume_token(nonce)


class StoreRefused(Exception):
    """The store answered, but did not keep what it was given."""


def _consume(key: str, timeout: int) -> bool:
    """True when the nonce was new (and is now recorded), False for a replay.

    Django's DatabaseCache swallows database errors in ``add`` and answers False,
    as for a key that exists: read it back, so a failing store is not taken for
    a replay (an honest reader would be hidden as spam)."""
    cache = security_cache()
    if cache.add(key, 1, timeout=timeout):
        return True
    if cache.get(key) is None:
        raise StoreRefused(key)
    return False


# --- Rate -------------------------------------------------------------------------------

#: Every post from an address, valid or not: the refusal tier (429).
POSTS = "posts"
#: Submissions that passed validation and the bot checks: the review tier.
SUBMISSIONS = "submissions"


def _count(scope: str, ip: str) -> int:
    cache = security_cache()
    window = settings.INQUIRY_RATE_WINDOW_SECONDS
    key = f"inquiries:rate:{scope}:{ip}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 5):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr, or the add was not kept
        if cache.add(key, 1, timeout=window + 5):
            return 1
        raise StoreRefused(key) from None


def count_post(ip: str, scope: str = POSTS) -> int:
    """Count one post from ``ip`` in the current fixed window of ``scope``; return
    the count. Raises SecurityStateUnavailable when the store fails."""
    return _guarded(f"rate:{scope}", _count, scope, ip)


def is_refused(count: int) -> bool:
    return count > settings.INQUIRY_RATE_REFUSE


# --- Verdict ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    reason: str = ""

    @property
    def is_spam(self) -> bool:
        return self.reason in BOT_SIGNALS

    @property
    def to_review(self) -> bool:
        return self.reason in REVIEW_SIGNALS

    @property
    def expired(self) -> bool:
        return self.reason == FlagReason.TOKEN_EXPIRED


def count_links(values) -> int:
    total = 0
    for value in values:
        if isinstance(value, list | tuple):
            total += count_links(value)
        elif isinstance(value, str):
            total += len(LINK_RE.findall(value))
    return total


def classify(*, honeypot: str, token: str, form_key, ip: str, data: dict) -> Verdict:
    """Judge a valid submission: bot signals first (spam), then an expired form
    (shown again), then the review signals. Only a submission that gets past the
    honeypot, the token's signature, age and pace counts toward the address's
    review threshold, so failed attempts (form errors) and bots never push honest
    people into review.

    The token's nonce is consumed last, after the count: when the store fails on
    the count the reader gets a 503 with the token unused, so sending the same
    page again is not taken for a replay."""
    if honeypot:
        return Verdict(FlagReason.HONEYPOT)
    reason, nonce = read_token(token, form_key)
    if reason in BOT_SIGNALS or reason == FlagReason.TOKEN_EXPIRED:
        return Verdict(reason)
    submissions = count_post(ip, SUBMISSIONS)
    if nonce:
        replayed = consume_token(nonce)
        if replayed:
            return Verdict(replayed)
    if reason:  # token_missing
        return Verdict(reason)
    if count_links(data.values()) > settings.INQUIRY_MAX_LINKS:
        return Verdict(FlagReason.LINKS)
    if submissions > settings.INQUIRY_RATE_LIMIT:
        return Verdict(FlagReason.RATE)
    return Verdict()
