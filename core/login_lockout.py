"""Staff sign-in lockout (django-axes): the translated 429 page and a log line.

django-axes counts failed sign-ins per (username, address) (in Redis, or its
database table without it) and, past ``AXES_FAILURE_LIMIT``, answers with ``lockout_response`` instead of the
login form. The log line says that a lockout happened, without the username or
the address (our logs carry no personal data; see core/logs.py).
"""

import logging

from django.conf import settings
from django.dispatch import receiver
from django.shortcuts import render

from axes.signals import user_locked_out

logger = logging.getLogger("clac.security")


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    minutes = cooloff_minutes()
    response = render(
        request,
        "429_login.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


@receiver(user_locked_out)
def log_lockout(sender, request=None, **kwargs):
    logger.warning(
        "staff sign-in locked out", extra={"cooloff_minutes": cooloff_minutes()}
    )
