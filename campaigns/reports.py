"""The public side of reports by signed link (issue 18): ``/<lang>/report/<participant
slug>/<token>/`` (``campaigns.urls``), no account needed.

GET shows the form in the URL's language with the participant's name; POST checks
and stores a ``ParticipantReport`` waiting for a coordinator, and marks the link
used in the same transaction (``ReportLink.claim``, a conditional UPDATE). Each
refusal is a translated page with a 4xx and stores nothing: an unknown token (404),
a link for another participant than the URL's (404), an expired or used link
(410), too many posts from one address (429, ``inquiries.spam``'s counters), a file
too large or of another type than PDF, JPEG or PNG by its first bytes (400; a body
over the view's own limit is a 413 from ``core.request_limits`` before it is read).

This is the site's only public view that takes a file: ``accepts_files`` declares
its limit to ``BodyLimitMiddleware``; every other public path still refuses file
parts. Files go to the private storage.
"""

import logging

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.http import client_ip
from core.request_limits import accepts_files
from inquiries import spam

from .directory import translated_criterion_titles
from .models.registry import ActivityKind, CampaignCriterion
from .models.reports import (
    FILE_SIGNATURES,
    ParticipantReport,
    ReportKind,
    ReportLink,
    validate_report_file,
)

logger = logging.getLogger(__name__)

#: A form's fields, beside the file (its largest text is 600 characters).
FORM_ALLOWANCE = 64 * 1024
RATE_SCOPE = "report-links"

REFUSALS = {
    "forged": (
        404,
        _("Report link not found"),
        _(
            "This link is not valid. Check that you copied the whole address from "
            "the email, or ask the campaign's coordinators for a new link."
        ),
    ),
    "wrong_participant": (
        404,
        _("This link is for another participant"),
        _(
            "This report link belongs to another participant than the one in the "
            "address. Use the link exactly as it came in the email."
        ),
    ),
    "expired": (
        410,
        _("This report link has expired"),
        _(
            "Report links work for a limited time. Ask the campaign's coordinators "
            "for a new link."
        ),
    ),
    "used": (
        410,
        _("This report link was already used"),
        _(
            "Each report link works once, and a report was already sent with this "
            "one. Ask the campaign's coordinators for a new link to send another."
        ),
    ),
    "rate": (
        429,
        _("Too many attempts"),
        _(
            "We received many reports from your connection in a short time. Please "
            "wait a few minutes and try again."
        ),
    ),
    "unavailable": (
        503,
        _("Reports cannot be received right now"),
        _("Please try again in a few minutes. Nothing was stored."),
    ),
}


def max_body_bytes() -> int:
    return settings.CAMPAIGN_REPORT_MAX_FILE_BYTES + FORM_ALLOWANCE


def accepted_types() -> str:
    return ",".join(
        extension
        for _magic, _kind, extensions in FILE_SIGNATURES
        for extension in extensions
    )


class CriterionChoiceField(forms.ModelChoiceField):
    titles: dict = {}

    def label_from_instance(self, obj):
        return self.titles.get(obj.translation_key, obj.title)


class ReportForm(forms.ModelForm):
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        required=False,
        validators=[validate_report_file],
        widget=forms.ClearableFileInput(attrs={"accept": accepted_types()}),
    )

    class Meta:
        model = ParticipantReport
        fields = [
            "kind",
            "activity_kind",
            "title",
            "description",
            "date",
            "criterion",
            "file",
        ]
        labels = {
            "kind": _("What do you report?"),
            "activity_kind": _("Type of activity"),
            "title": _("Title"),
            "description": _("Description"),
            "date": _("Date"),
            "criterion": _("Criterion it shows"),
        }
        help_texts = {
            "title": _("A short title, e.g. the name of the event."),
            "description": _(
                "What happened, in a few lines. It may be published once "
                "the coordinators accept it: please write no personal data."
            ),
            "date": _("The date of the activity or of the document (YYYY-MM-DD)."),
            "criterion": _("Required for evidence."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "date": forms.DateInput(attrs={"type": "date"}),
        }
        field_classes = {"criterion": CriterionChoiceField}

    def __init__(self, *args, participant, language, **kwargs):
        super().__init__(*args, **kwargs)
        criteria = list(
            CampaignCriterion.objects.filter(
                campaign_id=participant.campaign_id,
                locale__language_code=settings.LANGUAGE_CODE,
            ).order_by("sort_order", "pk")
        )
        field = self.fields["criterion"]
        field.queryset = CampaignCriterion.objects.filter(
            pk__in=[criterion.pk for criterion in criteria]
        ).order_by("sort_order", "pk")
        field.titles = translated_criterion_titles(criteria, language)
        self.fields["activity_kind"].choices = [
            ("", "---------"),
            *ActivityKind.choices,
        ]
        self.fields["kind"].choices = ReportKind.choices
        self.fields["kind"].initial = ReportKind.ACTIVITY

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ReportKind.EVIDENCE:
            if not cleaned.get("criterion"):
                self.add_error(
                    "criterion", _("Choose the criterion this evidence shows.")
                )
            if not cleaned.get("file") and "file" not in self.errors:
                self.add_error("file", _("Attach the evidence: a PDF, JPEG or PNG."))
        elif kind == ReportKind.ACTIVITY and not cleaned.get("activity_kind"):
            self.add_error("activity_kind", _("Choose the type of activity."))
        return cleaned


def refusal(request, reason, participant=None):
    status, title, text = REFUSALS[reason]
    response = TemplateResponse(
        request,
        "campaigns/report_refused.html",
        {"title": title, "text": text, "reason": reason, "participant": participant},
        status=status,
    )
    if reason == "rate":
        response["Retry-After"] = str(settings.INQUIRY_RATE_WINDOW_SECONDS)
    return private(response)


def private(response):
    """The token is in the URL: no cache keeps the page, no referrer carries it."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def link_problem(link, participant_slug):
    if link is None:
        return "forged"
    if link.participant.slug != participant_slug:
        return "wrong_participant"
    if link.is_used:
        return "used"
    if link.is_expired:
        return "expired"
    return None


def render_form(request, link, form, status=200):
    return private(
        TemplateResponse(
            request,
            "campaigns/report_form.html",
            {
                "participant": link.participant,
                "form": form,
                "max_file_bytes": settings.CAMPAIGN_REPORT_MAX_FILE_BYTES,
            },
            status=status,
        )
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@accepts_files(max_body_bytes)
def report_view(request, participant_slug, token):
    link = ReportLink.find(token)
    problem = link_problem(link, participant_slug)
    if problem:
        return refusal(request, problem)
    language = get_language()
    if request.method != "POST":
        form = ReportForm(participant=link.participant, language=language)
        return render_form(request, link, form)
    try:
        if spam.is_refused(spam.count_post(client_ip(request), RATE_SCOPE)):
            return refusal(request, "rate", link.participant)
    except spam.SecurityStateUnavailable:
        return refusal(request, "unavailable", link.participant)
    form = ReportForm(
        request.POST,
        request.FILES,
        participant=link.participant,
        language=language,
    )
    if not form.is_valid():
        return render_form(request, link, form, status=400)
    with transaction.atomic():
        if not link.claim():
            # Used (or expired) since the form was checked: another post won.
            return refusal(request, "expired" if link.is_expired else "used")
        report = form.save(commit=False)
        report.participant = link.participant
        report.link = link
        report.language = language
        if report.kind == ReportKind.EVIDENCE:
            report.activity_kind = ""
        report.save()
    logger.info("participant %s: report %s received", link.participant_id, report.pk)
    return private(
        TemplateResponse(
            request,
            "campaigns/report_thanks.html",
            {"participant": link.participant, "report": report},
        )
    )
