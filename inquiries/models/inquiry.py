"""The submission a reader sends through a contact or sign-up form: one inbox for a
form page and all its translations.

This module is the bottom of inquiries/: it imports no other module of the app, so
the notification task (inquiries.tasks) and the submission path
(inquiries.submission) can import it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.models import AbstractFormSubmission


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    SPAM = "spam", _("Spam")
    ARCHIVED = "archived", _("Archived")


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
        _("why it looks like spam"), max_length=32, blank=True, editable=False
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
        return f"{self.page.title} – {self.submit_time:%Y-%m-%d %H:%M}"

    @property
    def delivery_failed(self) -> bool:
        return (
            self.notified_at is None
            and self.notify_claimed_at is None
            and self.notify_attempts >= settings.INQUIRY_NOTIFY_MAX_ATTEMPTS
        )

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
