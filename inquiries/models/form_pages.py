"""Editor-built forms (contact, campaign sign-up): the form pages and their fields.

A form page and its translations share one inbox: a submission records the
``translation_key`` of the page it came through and the language used. Field keys
(``clean_name``) and choice values are synchronised from the Spanish source, so
submissions from every language land under the same keys.

What a post does (rate, validation, spam verdict, storing and notifying) lives in
``inquiries.submission``; the page delegates to it.
"""

from django.conf import settings
from django.db import models
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractFormField,
    FormMixin,
    validate_to_address,
)
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage
from inquiries import submission
from inquiries.forms import ClacFormBuilder
from inquiries.models.inquiry import Inquiry


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

    def get_template(self, request, *args, **kwargs):
        return "inquiries/form_page.html"

    def get_landing_page_template(self, request, *args, **kwargs):
        return "inquiries/form_page_landing.html"

    def confirmation_for(self, inquiry) -> tuple["AbstractClacFormPage", str]:
        """The page whose title and thank-you text the reader's confirmation
        carries, and the language it is written in: this page, in the language
        the reader used. A form that asks for a language may answer otherwise."""
        return self, inquiry.language or settings.LANGUAGE_CODE

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
        return submission.store(self, form, spam_reason=spam_reason)

    @staticmethod
    def release_submission(inquiry) -> None:
        """Back from spam (``Inquiry.release``): new again, and staff notified."""
        submission.release(inquiry)

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
        return submission.serve_post(self, request)

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
