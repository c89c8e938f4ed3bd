"""The submission a reader sends through a contact or sign-up form: one inbox for a
form page and all its translations.

This module is the bottom of inquiries/: it imports no other module of the app, so
the notification task (inquiries.tasks) and the submission path
(inquiries.submission) can import it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.contrib.forms.models import AbstractFormSubmission

from core import task_recovery

# The notification task's path in the queue (inquiries.tasks imports this module).
NOTIFY_TASK_PATH = "inquiries.tasks.send_inquiry_notification"


class InquiryStatus(models.TextChoices):
    # Translators: the status of an inquiry (feminine in es/pt: la consulta).
    NEW = "new", pgettext_lazy("inquiry status", "New")
    # Stored and notified, marked for a person to check (issue 14 item 4).
    TO_REVIEW = "review", _("To review")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    SPAM = "spam", _("Spam")
    ARCHIVED = "archived", _("Archived")


class FlagReason(models.TextChoices):
    """Why a submission was hidden as spam or held for review (shown to staff).
    ``inquiries.spam`` decides; the status follows from the reason."""

    # Bot signals: spam, hidden, nobody notified.
    HONEYPOT = "honeypot", _("Hidden anti-robot field filled in")
    TOKEN_INVALID = "token_invalid", _("Forged form token")
    TOKEN_REPLAYED = "token_replayed", _("Same form sent again (replayed token)")
    TOO_FAST = "too_fast", _("Sent too fast after opening the form")
    # Weaker signals: to review, notified and marked.
    TOKEN_MISSING = "token_missing", _("No form token")
    LINKS = "links", _("Many links in the message")
    RATE = "rate", _("Many messages from the same connection")
    # No longer stored (the form is shown again with a fresh token); older rows
    # may carry it.
    TOKEN_EXPIRED = "token_expired", _("Form open for too long")


BOT_SIGNALS = frozenset(
    {
        FlagReason.HONEYPOT,
        FlagReason.TOKEN_INVALID,
        FlagReason.TOKEN_REPLAYED,
        FlagReason.TOO_FAST,
    }
)
REVIEW_SIGNALS = frozenset(
    {FlagReason.TOKEN_MISSING, FlagReason.LINKS, FlagReason.RATE}
)


def status_for_reason(reason: str) -> str:
    """Spam for a bot signal, to review for any other reason, else new."""
    if reason in BOT_SIGNALS:
        return InquiryStatus.SPAM
    if reason:
        return InquiryStatus.TO_REVIEW
    return InquiryStatus.NEW


class Inquiry(AbstractFormSubmission):
    """One submission of a contact or sign-up form, in any language."""

    form_key = models.UUIDField(
        _("form"),
        db_index=True,
        help_text=_("The translation key shared by a form page and its translations."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InquiryStatus.choices,
        default=InquiryStatus.NEW,
        db_index=True,
    )
    spam_reason = models.CharField(
        _("why it was flagged"),
        max_length=32,
        blank=True,
        editable=False,
        choices=FlagReason.choices,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
        help_text=_("The person who answers this message."),
    )
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("Only staff see these notes. Do not copy personal data here."),
    )
    notified_at = models.DateTimeField(_("notification sent"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent"), null=True, blank=True, editable=False
    )
    notify_attempts = models.PositiveSmallIntegerField(
        _("notification attempts"), default=0
    )
    notify_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    notify_error = models.CharField(
        _("last delivery error"), max_length=100, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-submit_time"]

    def __str__(self):
        # In the site's time zone, as everywhere staff read a time.
        received = timezone.localtime(self.submit_time)
        return f"{self.page.title} – {received:%Y-%m-%d %H:%M}"

    @property
    def delivery_failed(self) -> bool:
        return (
            self.notified_at is None
            and self.notify_claimed_at is None
            and self.notify_attempts >= settings.INQUIRY_NOTIFY_MAX_ATTEMPTS
        )

    @property
    def delivery_unknown(self) -> bool:
        """A worker claimed the send and never finished (it was killed, say): the
        email may or may not have left. Nothing resends it by itself; a person
        checks with the recipients and decides (the detail view says so)."""
        if self.notified_at is not None or self.notify_claimed_at is None:
            return False
        return not self.sending_now

    @property
    def sending_now(self) -> bool:
        """Claimed by a worker that is alive and running its task, for less than
        ``INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS``."""
        if self.notified_at is not None or self.notify_claimed_at is None:
            return False
        return self.notify_claimed_at >= claim_deadline() and self.pk in sending_ids()

    def submitter_email(self) -> str:
        """The answer to the form's first email field, if any."""
        page = self.page.specific
        for field in page.form_fields.all():
            if field.field_type == "email":
                value = self.form_data.get(field.clean_name)
                if isinstance(value, str) and value:
                    return value
        return ""

    def release(self) -> None:
        """Not spam after all: back to the inbox as new, and staff are notified.

        The form page's class owns what happens to its submissions (storing them,
        enqueuing their notification: ``inquiries.submission``), as Wagtail's
        ``process_form_submission`` does; the inquiry asks the class of the page it
        came through."""
        self.page.specific_class.release_submission(self)


def claim_deadline():
    """A claim older than this is not a send in progress, whatever its task says."""
    return timezone.now() - timedelta(
        seconds=settings.INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS
    )


def sending_ids() -> set[int]:
    """The inquiries whose notification task a live worker is running now
    (core/task_recovery.py: its heartbeat beats, the task is within its timeout).
    A claim without one was left by a worker that died: its fate is unknown."""
    ids = set()
    for result in task_recovery.live_running(NOTIFY_TASK_PATH):
        args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
        inquiry_id = args[0] if args else kwargs.get("inquiry_id")
        if isinstance(inquiry_id, int):
            ids.add(inquiry_id)
    return ids


def delivery_unknown_condition() -> models.Q:
    """``Inquiry.delivery_unknown`` as a query: unsent, claimed, not being sent."""
    return models.Q(
        notified_at__isnull=True, notify_claimed_at__isnull=False
    ) & ~models.Q(pk__in=sending_ids(), notify_claimed_at__gte=claim_deadline())
