"""Renewals of the declared status (issue 18): a daily job, and what coordinators
see of it.

- A declared participant whose ``valid_until`` has passed becomes *renewal due*.
- A participant *renewal due* becomes *lapsed* once ``valid_until`` is more than
  ``CAMPAIGN_RENEWAL_GRACE_DAYS`` behind and its renewal-due stage has lasted that
  long too (a status long past its date, e.g. imported, still gets its full grace
  after the notice). Lapses are looked at first: one run never does both.
- Every change goes through ``Participant.set_status`` with no user (the history
  says "—" and the reason names the job), so ``campaigns.tasks`` emails the contact
  once per change in their language. Each participant is locked, checked again and
  saved in its own transaction: a second run the same day, or two at once, find
  nothing to do and send nothing.
"""

import calendar
import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from .models.registry import Participant, ParticipantStatus

logger = logging.getLogger(__name__)


def grace() -> datetime.timedelta:
    return datetime.timedelta(days=settings.CAMPAIGN_RENEWAL_GRACE_DAYS)


def becoming_due(today: datetime.date):
    return Participant.objects.filter(
        status=ParticipantStatus.DECLARED, valid_until__lt=today
    )


def lapsing(today: datetime.date):
    return Participant.objects.filter(
        status=ParticipantStatus.RENEWAL_DUE,
        valid_until__lt=today - grace(),
        status_changed_at__date__lte=today - grace(),
    )


def renewal_deadline(valid_until, due_since: datetime.date):
    """The last day a participant that became renewal due on ``due_since`` keeps
    its place; the job marks it lapsed the day after. None without a date."""
    if valid_until is None:
        return None
    return max(valid_until, due_since - datetime.timedelta(days=1)) + grace()


def _move(pk, candidates, status, reason) -> bool:
    with transaction.atomic():
        participant = candidates.select_for_update().filter(pk=pk).first()
        if participant is None:  # changed since we listed it
            return False
        participant.set_status(status, by=None, reason=reason)
        participant.save()
    return True


def _reason(message, **values) -> str:
    # Kept in the status history as written: in the site's language, like the
    # reasons coordinators type.
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % values


def run_renewals(today=None, *, dry_run=False) -> dict[str, int]:
    """Move the participants whose time has come; returns how many became
    ``renewal_due`` and how many ``lapsed`` (would have, with ``dry_run``)."""
    today = today or timezone.localdate()
    counts = {"renewal_due": 0, "lapsed": 0}
    if dry_run:
        counts["lapsed"] = lapsing(today).count()
        counts["renewal_due"] = becoming_due(today).count()
        return counts
    for pk, valid_until in lapsing(today).values_list("pk", "valid_until"):
        reason = _reason(
            gettext_noop(
                "Renewal job: not renewed within %(days)s days after %(date)s."
            ),
            days=settings.CAMPAIGN_RENEWAL_GRACE_DAYS,
            date=valid_until.isoformat(),
        )
        if _move(pk, lapsing(today), ParticipantStatus.LAPSED, reason):
            counts["lapsed"] += 1
    for pk, valid_until in becoming_due(today).values_list("pk", "valid_until"):
        reason = _reason(
            gettext_noop("Renewal job: the declared status was valid until %(date)s."),
            date=valid_until.isoformat(),
        )
        if _move(pk, becoming_due(today), ParticipantStatus.RENEWAL_DUE, reason):
            counts["renewal_due"] += 1
    logger.info(
        "renewals on %s: %s renewal due, %s lapsed",
        today,
        counts["renewal_due"],
        counts["lapsed"],
    )
    return counts


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = calendar.monthrange(today.year, today.month)[1]
    return today.replace(day=1), today.replace(day=last)


def due_this_month(queryset, today=None):
    """Of ``queryset``, the participants to renew: renewal due, or declared and
    valid until a day of the current month. Soonest first."""
    first, last = month_bounds(today or timezone.localdate())
    return queryset.filter(
        Q(status=ParticipantStatus.RENEWAL_DUE)
        | Q(status=ParticipantStatus.DECLARED, valid_until__range=(first, last))
    ).order_by("valid_until", "name")
