"""Background work for inquiries: the notification (and optional confirmation) email,
sent by the worker, with retries; and the note to an inquiry's new assignee.

django-tasks does not retry, so the task does: on failure it records the attempt (a
count and the exception's class name, never its message, which can hold addresses)
and enqueues itself again with ``run_after`` back-off, up to
``INQUIRY_NOTIFY_MAX_ATTEMPTS``. Tasks carry the inquiry id only.

At most once: a conditional UPDATE claims the inquiry (``notify_claimed_at``) before
any mail goes out, so two workers never send for the same row; each email's own
timestamp (``notified_at``, ``confirmation_sent_at``) is set as soon as it is sent and
checked again after the claim. A worker that dies mid-send leaves the claim in place
and its task row is closed, never re-run (core/task_recovery.py): the inbox shows
the delivery as unknown and a person decides (the inquiry's *Send the notification
again*, or ``requeue_failed_notifications --stuck ID``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from wagtail.models import Locale

from django_tasks import task

from inquiries.emails import (
    STAFF_LANGUAGE,
    build_assignment,
    build_confirmation,
    build_notification,
    safe_address,
)
from inquiries.models.inquiry import Inquiry, InquiryStatus

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> timedelta:
    base = settings.INQUIRY_NOTIFY_RETRY_BASE_SECONDS
    seconds = min(
        base * 2 ** max(attempts - 1, 0), settings.INQUIRY_NOTIFY_RETRY_MAX_SECONDS
    )
    return timedelta(seconds=seconds)


def schedule_retry(inquiry_id: int, attempts: int) -> bool:
    """Enqueue the next attempt after the back-off; False when the backend cannot
    defer (the immediate backend in tests): the row then waits for a requeue."""
    backend = send_inquiry_notification.get_backend()
    if not backend.supports_defer:
        return False
    run_after = timezone.now() + retry_delay(attempts)
    send_inquiry_notification.using(run_after=run_after).enqueue(inquiry_id)
    return True


def _staff_page(page):
    """Staff read labels in Spanish: the source page when it exists."""
    source_locale = Locale.objects.filter(language_code=STAFF_LANGUAGE).first()
    if source_locale is None or page.locale_id == source_locale.pk:
        return page
    source = page.get_translation_or_none(source_locale)
    return source.specific if source is not None else page


def _pending(inquiry, page) -> tuple[bool, str]:
    notify = inquiry.notified_at is None and bool(page.recipients())
    confirm_to = ""
    if page.send_confirmation and inquiry.confirmation_sent_at is None:
        confirm_to = safe_address(inquiry.submitter_email())
    return notify, confirm_to


@task()
def send_inquiry_notification(inquiry_id: int) -> str:
    """Email staff (and, if the page says so, confirm to the reader) about one
    inquiry. Returns what happened: sent, done, spam, gone, busy, retry, failed."""
    rows = Inquiry.objects.filter(pk=inquiry_id)
    inquiry = rows.select_related("page").first()
    if inquiry is None:
        return "gone"
    if inquiry.status == InquiryStatus.SPAM:
        return "spam"
    page = inquiry.page.specific
    notify, confirm_to = _pending(inquiry, page)
    if not notify and not confirm_to:
        return "done"

    claimed = rows.filter(notify_claimed_at__isnull=True).update(
        notify_claimed_at=timezone.now(), notify_attempts=F("notify_attempts") + 1
    )
    if not claimed:
        return "busy"
    inquiry.refresh_from_db()
    notify, confirm_to = _pending(inquiry, page)
    try:
        if notify:
            build_notification(inquiry, _staff_page(page)).send()
            rows.update(notified_at=timezone.now())
        if confirm_to:
            build_confirmation(inquiry, page, confirm_to).send()
            rows.update(confirmation_sent_at=timezone.now())
    except Exception as exc:  # noqa: BLE001 - any delivery failure is retried
        error = type(exc).__name__[:100]
        rows.update(notify_claimed_at=None, notify_error=error)
        attempts = inquiry.notify_attempts
        if attempts < settings.INQUIRY_NOTIFY_MAX_ATTEMPTS and schedule_retry(
            inquiry_id, attempts
        ):
            logger.warning(
                "inquiry %s: delivery attempt %s failed (%s), retry scheduled",
                inquiry_id,
                attempts,
                error,
            )
            return "retry"
        logger.error(
            "inquiry %s: delivery failed after %s attempts (%s)",
            inquiry_id,
            attempts,
            error,
        )
        return "failed"
    rows.update(notify_claimed_at=None, notify_error="")
    logger.info("inquiry %s: delivered", inquiry_id)
    return "sent"


@task()
def send_assignment_email(
    inquiry_id: int, assignee_id: int, assigned_by_id=None
) -> str:
    """Tell the assignee an inquiry is theirs. One attempt: a failure is logged (the
    inquiry is in their inbox listing anyway). Returns sent, gone, moved, no-address
    or failed."""
    inquiry = Inquiry.objects.filter(pk=inquiry_id).select_related("page").first()
    users = get_user_model().objects
    assignee = users.filter(pk=assignee_id, is_active=True).first()
    if inquiry is None or assignee is None:
        return "gone"
    if inquiry.assignee_id != assignee_id:
        return "moved"  # reassigned before the worker got here
    if not safe_address(assignee.email):
        logger.warning(
            "inquiry %s: assignee %s has no address", inquiry_id, assignee_id
        )
        return "no-address"
    assigned_by = users.filter(pk=assigned_by_id).first() if assigned_by_id else None
    try:
        build_assignment(inquiry, assignee, assigned_by).send()
    except Exception as exc:  # noqa: BLE001 - logged; the assignment itself stands
        logger.error(
            "inquiry %s: assignment email failed (%s)", inquiry_id, type(exc).__name__
        )
        return "failed"
    return "sent"
