"""Editor-built forms (contact, campaign sign-up) and the submissions they store.

A form page and its translations share one inbox: a submission records the
``translation_key`` of the page it came through and the language used. Field keys
(``clean_name``) and choice values are synchronised from the Spanish source, so
submissions from every language land under the same keys.
"""

from django.conf import settings
from django.db import models, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractFormField,
    AbstractFormSubmission,
    FormMixin,
    validate_to_address,
)
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.http import client_ip
from core.models import BasePage
from inquiries import spam
from inquiries.forms import HONEYPOT_FIELD, TOKEN_FIELD, ClacFormBuilder


def split_lines(value: str) -> list[str]:
    """Split on new lines (or commas when there is a single line), dropping blanks."""
    parts = value.splitlines() if "\n" in value else value.split(",")
    return [part.strip() for part in parts if part.strip()]


class ClacFormField(TranslatableMixin, AbstractFormField):
    """A form field whose key and choice values never change between languages."""

    choices = models.TextField(
        _("choice keys"),
        blank=True,
        help_text=_(
            "For drop-downs, radio buttons and check boxes: one short key per line, "
            "e.g. 'university', 'town'. Keys are stored with each answer and are the "
            "same in every language; readers see the labels below."
        ),
    )
    choice_labels = models.TextField(
        _("choice labels"),
        blank=True,
        help_text=_(
            "What readers see for each key above, one per line, in the same order. "
            "Translators translate these."
        ),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("choice_labels", classname="formbuilder-choices"),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]
    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("choices", overridable=False),
        SynchronizedField("default_value", overridable=False),
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choice_labels"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def get_field_clean_name(self):
        return get_field_clean_name(self.label)

    @property
    def choice_pairs(self) -> list[tuple[str, str]]:
        keys = split_lines(self.choices)
        labels = split_lines(self.choice_labels)
        return [
            (key, labels[i] if i < len(labels) else key) for i, key in enumerate(keys)
        ]


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
        """Not spam after all: back to the inbox as new, and notify staff."""
        from inquiries.tasks import send_inquiry_notification

        with transaction.atomic():
            self.status = InquiryStatus.NEW
            self.spam_reason = ""
            self.save(update_fields=["status", "spam_reason"])
            send_inquiry_notification.enqueue(self.pk)


class AbstractClacFormPage(FormMixin, BasePage):
    """A page with an editor-built form. Submissions are stored, then a worker
    emails the notification: the reader never waits for (or fails on) mail."""

    form_builder = ClacFormBuilder

    intro = models.TextField(
        _("introduction"),
        max_length=1000,
        blank=True,
        help_text=_("A few words above the form: what it is for, what happens next."),
    )
    thank_you_text = models.TextField(
        _("thank-you message"),
        max_length=1000,
        help_text=_("Shown to the reader after sending the form."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Readers must accept the privacy policy to send the form; the consent "
            "box links to this page (in the reader's language when translated)."
        ),
    )
    to_address = models.CharField(
        _("send notifications to"),
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        help_text=_(
            "Email addresses that receive each submission, separated by commas. The "
            "same in every language; translators cannot change it."
        ),
    )
    subject = models.CharField(
        _("email subject"),
        max_length=200,
        blank=True,
        help_text=_("Subject of the notification email staff receive."),
    )
    send_confirmation = models.BooleanField(
        _("send a confirmation to the reader"),
        default=False,
        help_text=_(
            "Email the reader a short note in their language saying the form arrived "
            "(the thank-you message above). It never repeats what they wrote."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        FieldPanel("privacy_page"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("to_address"), FieldPanel("subject")]),
                FieldPanel("send_confirmation"),
            ],
            heading=_("Notification email"),
        ),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("send_confirmation", overridable=False),
        SynchronizedField("privacy_page"),
        TranslatableField("subject"),
    ]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def get_submission_class(self):
        return Inquiry

    def get_submissions(self):
        return Inquiry.objects.filter(form_key=self.translation_key)

    def get_submissions_list_view_class(self):
        from inquiries.views import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_template(self, request, *args, **kwargs):
        return "inquiries/form_page.html"

    def get_landing_page_template(self, request, *args, **kwargs):
        return "inquiries/form_page_landing.html"

    def recipients(self) -> list[str]:
        return [
            address.strip() for address in self.to_address.split(",") if address.strip()
        ]

    def privacy_page_for_reader(self):
        if self.privacy_page_id is None:
            return None
        page = self.privacy_page.localized
        return page if page.live else self.privacy_page

    def process_form_submission(self, form, spam_reason: str = ""):
        from inquiries.tasks import send_inquiry_notification

        status = InquiryStatus.SPAM if spam_reason else InquiryStatus.NEW
        with transaction.atomic():
            inquiry = Inquiry.objects.create(
                form_data=form.submission_data(),
                page=self,
                form_key=self.translation_key,
                language=get_language() or self.locale.language_code,
                status=status,
                spam_reason=spam_reason,
            )
            if not spam_reason and (self.recipients() or self.send_confirmation):
                # The task row is written in the same transaction (an outbox).
                send_inquiry_notification.enqueue(inquiry.pk)
        return inquiry

    def serve(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "POST"):
            response = HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        elif request.method == "POST":
            response = self.serve_post(request, *args, **kwargs)
        elif "thanks" in request.GET:
            response = self.render_landing_page(request, *args, **kwargs)
        else:
            context = self.get_context(request)
            context["form"] = self.get_form(page=self, user=request.user)
            response = self.render_form(request, context)
        response["Cache-Control"] = "private, no-store"
        return response

    def serve_post(self, request, *args, **kwargs):
        rate_count = spam.count_post(client_ip(request))
        if spam.is_refused(rate_count):
            response = TemplateResponse(
                request,
                "inquiries/rate_limited.html",
                self.get_context(request),
                status=429,
            )
            response["Retry-After"] = str(settings.INQUIRY_RATE_WINDOW_SECONDS)
            return response
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            context = self.get_context(request)
            context["form"] = form
            return self.render_form(request, context)
        verdict = spam.classify(
            honeypot=form.cleaned_data.get(HONEYPOT_FIELD) or "",
            token=form.cleaned_data.get(TOKEN_FIELD) or "",
            form_key=self.translation_key,
            rate_count=rate_count,
            data=form.submission_data(),
        )
        self.process_form_submission(form, spam_reason=verdict.reason)
        # The same 303 for everyone (bots learn nothing); a refresh of the
        # thank-you page never sends the form again.
        return HttpResponseRedirect(f"{self.url}?thanks=1", status=303)

    def render_form(self, request, context, status=200):
        return TemplateResponse(
            request, self.get_template(request), context, status=status
        )


class ContactFormField(ClacFormField):
    page = ParentalKey(
        "inquiries.ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ContactPage(AbstractClacFormPage):
    """The page where anyone can write to CLAC."""

    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")
