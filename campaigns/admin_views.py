"""Staff side of the campaign registry (issue 17): the "Campaign networks" menu.

- Participants (a ModelViewSet): the fields, the descriptions, progress on the
  criteria (with the private evidence file) and activities inline; a reason for a
  status change, kept with the change (``Participant.set_status``); the status
  history on edit and inspect; filters; CSV/XLSX export of public fields only.
- Contacts of participants (personal data: coordinators only, never editors).
- Producer organisations, coordinators' countries (administrators).
- Criteria are a translatable snippet (``wagtail_hooks``) so wagtail-localize's
  "Translate" works; only a Spanish campaign may be chosen.

Every view of the participant viewsets asks ``campaigns.permissions``: querysets
are filtered to the coordinator's countries, single objects outside them are a 404.
Evidence files are streamed by ``evidence_view`` only, never linked by storage URL.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters
from django_countries import countries

from inquiries.admin_views import SafeSpreadsheetMixin

from .models.networks import CountryNetwork
from .models.pages import CampaignPage
from .models.registry import (
    CampaignCriterion,
    CoordinatorScope,
    Participant,
    ParticipantContact,
    ParticipantKind,
    ParticipantStatus,
    ProducerOrganization,
    Progress,
    validity_end,
)
from .models.reports import (
    REPORTABLE_STATUSES,
    ParticipantReport,
    ReportKind,
    ReportState,
)
from .permissions import CountryNetworkPolicy, ParticipantPolicy, participant_policy
from .renewals import due_this_month
from .tasks import send_report_link

contact_policy = ParticipantPolicy(ParticipantContact, participant_path="participant")


class ReportPolicy(ParticipantPolicy):
    """Reports come by signed link only: coordinators review (change), view and
    delete them in their countries; nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


report_policy = ReportPolicy(ParticipantReport, participant_path="participant")


def spanish_campaigns():
    return CampaignPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).order_by("title")


# --- scoping every view ---------------------------------------------------------------


class ScopedMixin:
    """Lists only what the policy lets the user see; a single object outside the
    user's scope is a 404 (it does not exist for them)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.filter(
            pk__in=self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["view", "change", "delete"]
            ).values("pk")
        )

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change", "delete"], obj
        ):
            raise Http404
        return obj


class ScopedObjectMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change", "delete"], obj
        ):
            raise Http404
        return obj


class ScopedIndexView(ScopedMixin, SafeSpreadsheetMixin, generic.IndexView):
    pass


class ScopedCreateView(generic.CreateView):
    pass


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


# --- participants ---------------------------------------------------------------------


def status_history_html(participant):
    changes = participant.status_changes.select_related("changed_by")
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                f"{change.changed_at:%Y-%m-%d %H:%M}",
                change.get_old_status_display() or "—",
                change.get_new_status_display(),
                change.changed_by.get_full_name() or change.changed_by.get_username()
                if change.changed_by
                else "—",
                change.reason or "—",
            )
            for change in changes
        ),
    )
    if not rows:
        return format_html("<p>{}</p>", gettext("No status change yet."))
    return format_html(
        '<table class="listing"><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        gettext("When"),
        gettext("From"),
        gettext("To"),
        gettext("By"),
        gettext("Why"),
        rows,
    )


class StatusHistoryPanel(Panel):
    """Every change of the participant's status: when, from, to, by whom, why."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            if not (self.instance and self.instance.pk):
                return format_html("<p>{}</p>", gettext("No status change yet."))
            return status_history_html(self.instance)


class EvidenceValue:
    """What the file widget shows for a stored evidence file: its name, linked to
    the permission-checked view, never to the storage."""

    def __init__(self, field_file, url):
        self.field_file = field_file
        self.url = url

    def __str__(self):
        return self.field_file.name.rsplit("/", 1)[-1]

    def __bool__(self):
        return bool(self.field_file)


class EvidenceFileInput(forms.ClearableFileInput):
    def is_initial(self, value):
        return bool(value and getattr(value, "instance", None) is not None)

    def format_value(self, value):
        if self.is_initial(value):
            progress = value.instance
            if progress.pk:
                return EvidenceValue(
                    value, reverse("participants:evidence", args=[progress.pk])
                )
        return super().format_value(value)


def scoped_country(form, policy):
    """A form's ``country``, refused when the user's coordinator scope leaves it out."""
    country = form.cleaned_data.get("country")
    user = form.for_user
    if country and user is not None and not policy.may_use_country(user, country):
        raise forms.ValidationError(
            _("You coordinate other countries: choose one of yours.")
        )
    return country


class ParticipantForm(WagtailAdminModelForm):
    status_reason = forms.CharField(
        label=_("Reason for the status change"),
        max_length=300,
        required=False,
        help_text=_("Kept in the status history with your name and the date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "campaign" in self.fields:
            self.fields["campaign"].queryset = spanish_campaigns()
        if "producer_organizations" in self.fields:
            self.fields[
                "producer_organizations"
            ].queryset = ProducerOrganization.objects.order_by("name")
        if "valid_until" in self.fields:
            self.fields["valid_until"].help_text = _(
                "Leave it empty when declaring: it is then the declaration date plus "
                "the shortest validity among the campaign's required criteria (24 "
                "months without any). The day after it, the participant becomes "
                "“Renewal due” and its contact gets an email."
            )

    def clean_country(self):
        return scoped_country(self, participant_policy)

    def clean(self):
        """Declaring (again) with a validity already over would send the
        participant back to "renewal due" the next morning: refuse it."""
        cleaned = super().clean()
        declared_on = cleaned.get("declared_on")
        campaign = cleaned.get("campaign") or getattr(self.instance, "campaign", None)
        if (
            "status" not in self.changed_data
            or cleaned.get("status") != ParticipantStatus.DECLARED
            or not declared_on
            or campaign is None
        ):
            return cleaned
        valid_until = cleaned.get("valid_until")
        typed = valid_until is not None and valid_until > declared_on
        end = valid_until if typed else validity_end(campaign.pk, declared_on)
        if end < timezone.localdate():
            self.add_error(
                "valid_until" if typed else "declared_on",
                _(
                    "The declared status would already have ended on %(date)s: give "
                    "the date of the new declaration, or a later “valid until” date."
                )
                % {"date": formats.date_format(end, "DATE_FORMAT")},
            )
        return cleaned

    def save(self, commit=True):
        if "status" in self.changed_data and self.instance.pk:
            self.instance.set_status(
                self.cleaned_data["status"],
                by=self.for_user,
                reason=self.cleaned_data.get("status_reason", ""),
            )
        return super().save(commit=commit)


RENEWAL_THIS_MONTH = "this_month"


class ParticipantFilterSet(WagtailFilterSet):
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=lambda: list(countries), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ParticipantStatus.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=ParticipantKind.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=lambda request: spanish_campaigns()
    )
    renewal = django_filters.ChoiceFilter(
        label=_("Renewal"),
        choices=[(RENEWAL_THIS_MONTH, _("Due this month or overdue"))],
        widget=forms.RadioSelect,
        empty_label=_("All"),
        method="filter_renewal",
    )

    class Meta:
        model = Participant
        fields = ["country", "status", "kind", "campaign", "renewal"]

    def filter_renewal(self, queryset, name, value):
        return due_this_month(queryset) if value == RENEWAL_THIS_MONTH else queryset


class ParticipantInspectView(ScopedInspectView):
    def get_field_label(self, field_name, field):
        if field_name == "status_history":
            return gettext("Status history")
        return super().get_field_label(field_name, field)

    def get_status_history_display_value(self):
        return status_history_html(self.object)


class ParticipantIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_send_report_link(self.request.user, instance):
            buttons.append(
                ListingButton(
                    _("Send a report link"),
                    url=reverse("participants:report_link", args=[instance.pk]),
                    icon_name="mail",
                    priority=25,
                )
            )
        return buttons


def may_send_report_link(user, participant) -> bool:
    return participant.status in {
        str(status) for status in REPORTABLE_STATUSES
    } and participant_policy.user_has_permission_for_instance(
        user, "change", participant
    )


def confirm_page(request, *, title, text, cancel_url, button=None, status=200):
    return TemplateResponse(
        request,
        "campaigns/admin/confirm_action.html",
        {
            "page_title": title,
            "text": text,
            "cancel_url": cancel_url,
            "button": button or gettext("Yes, continue"),
            "header_icon": "mail",
        },
        status=status,
    )


def report_link_view(request, pk):
    """ "Send a report link": each contact of the participant gets their own
    single-use link, by email in their language (a task, after the commit)."""
    participant = get_object_or_404(Participant, pk=pk)
    if not participant_policy.user_has_permission_for_instance(
        request.user, "change", participant
    ):
        raise Http404
    index_url = reverse("participants:index")
    if not may_send_report_link(request.user, participant):
        messages.error(
            request,
            gettext(
                "Report links go only to participants that are registered, "
                "in progress, declared or due for renewal."
            ),
        )
        return redirect(index_url)
    contacts = list(participant.contacts.order_by("pk"))
    if not contacts:
        messages.error(request, gettext("This participant has no contact."))
        return redirect(index_url)
    if request.method == "POST":
        user_id = request.user.pk
        for contact in contacts:
            transaction.on_commit(
                lambda contact_id=contact.pk: send_report_link.enqueue(
                    contact_id, user_id
                )
            )
        messages.success(
            request,
            gettext("A report link is on its way to %(names)s.")
            % {"names": ", ".join(contact.name for contact in contacts)},
        )
        return redirect(index_url)
    return confirm_page(
        request,
        title=gettext("Send a report link"),
        text=gettext(
            "%(names)s will receive by email, in their language, a link to "
            "report an activity or send evidence for %(participant)s. It works "
            "once, for %(days)s days."
        )
        % {
            "names": ", ".join(f"{c.name} <{c.email}>" for c in contacts),
            "participant": participant.name,
            "days": settings.CAMPAIGN_REPORT_LINK_DAYS,
        },
        cancel_url=index_url,
        button=gettext("Send the link"),
    )


class RenewalsPanel(Component):
    """The dashboard's "Renewals due this month": the participants the user may
    manage (their countries only) that are renewal due, or declared and valid
    until a day of this month; each links to its edit view."""

    name = "renewals_due"
    order = 150
    template_name = "campaigns/admin/renewals_panel.html"
    limit = 20

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        mine = participant_policy.instances_user_has_any_permission_for(
            self.user, ["change", "view"]
        )
        rows = list(due_this_month(mine).select_related("campaign")[: self.limit + 1])
        return {
            "participants": rows[: self.limit],
            "more": len(rows) > self.limit,
            "listing_url": f"{reverse('participants:index')}"
            f"?renewal={RENEWAL_THIS_MONTH}",
        }


#: Public fields only: never a contact, the sign-up or internal notes.
PARTICIPANT_EXPORT = [
    "name",
    "campaign",
    "kind",
    "country",
    "city",
    "latitude",
    "longitude",
    "website",
    "status",
    "declared_on",
    "valid_until",
]


def evidence_view(request, pk):
    """Streams a private evidence file to those the policy allows, as a download
    that no cache keeps and no browser sniffs."""
    progress = get_object_or_404(Progress.objects.select_related("participant"), pk=pk)
    if not participant_policy.user_has_permission_for_instance(
        request.user, "change", progress.participant
    ):
        raise Http404
    return private_file_response(progress.evidence_file)


def private_file_response(field_file):
    """A private file as a download that no cache keeps and no browser sniffs."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=field_file.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ParticipantViewSet(ModelViewSet):
    model = Participant
    name = "participants"
    url_prefix = "campaigns/participants"
    icon = "group"
    menu_label = _("Participants")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ParticipantIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ParticipantInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    filterset_class = ParticipantFilterSet
    search_fields = ["name", "city"]
    list_display = ["name", "campaign", "country", "city", "status", "kind"]
    list_export = PARTICIPANT_EXPORT
    export_filename = "participants"
    inspect_view_fields = [
        "name",
        "campaign",
        "kind",
        "country",
        "city",
        "latitude",
        "longitude",
        "website",
        "status",
        "declared_on",
        "valid_until",
        "listing_consent",
        "is_public",
        "status_history",
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("campaign"),
                    FieldPanel("name"),
                    FieldPanel("kind"),
                    FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("website"),
                    FieldPanel("logo"),
                    FieldPanel("producer_organizations"),
                    MultiFieldPanel(
                        [
                            FieldPanel("listing_consent"),
                            FieldPanel("is_public"),
                        ],
                        heading=_("On the site"),
                    ),
                ],
                heading=_("Participant"),
            ),
            ObjectList(
                [
                    FieldPanel("status"),
                    FieldPanel("status_reason"),
                    FieldRowPanel(
                        [FieldPanel("declared_on"), FieldPanel("valid_until")]
                    ),
                    FieldPanel("declaration"),
                    StatusHistoryPanel(heading=_("Status history")),
                ],
                heading=_("Status"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "progress",
                        heading=_("Progress on the criteria"),
                        panels=[
                            FieldPanel("criterion"),
                            FieldPanel("state"),
                            FieldPanel("date"),
                            FieldPanel("public_note"),
                            FieldPanel("evidence_file", widget=EvidenceFileInput),
                        ],
                    ),
                ],
                heading=_("Progress"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "activities",
                        heading=_("Activities"),
                        panels=[
                            FieldPanel("date"),
                            FieldPanel("kind"),
                            FieldPanel("description"),
                            FieldPanel("link"),
                            FieldPanel("photo"),
                            FieldPanel("photo_consent"),
                            FieldPanel("criterion"),
                        ],
                    ),
                ],
                heading=_("Activities"),
            ),
            ObjectList(
                [
                    FieldPanel("original_language"),
                    InlinePanel(
                        "descriptions",
                        heading=_("Descriptions"),
                        panels=[FieldPanel("language"), FieldPanel("text")],
                    ),
                ],
                heading=_("Descriptions"),
            ),
        ],
        base_form_class=ParticipantForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("evidence/<int:pk>/", evidence_view, name="evidence"),
            path("report-link/<int:pk>/", report_link_view, name="report_link"),
        ]


class CoordinatorsOnlyMixin:
    """The chooser's views refuse whoever may not manage participants at all."""

    def dispatch(self, request, *args, **kwargs):
        if not participant_policy.user_has_any_permission(
            request.user, ["view", "change"]
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ParticipantChooseMixin(CoordinatorsOnlyMixin):
    def get_object_list(self):
        return participant_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        ).order_by("name")


class ParticipantChooseView(ParticipantChooseMixin, chooser_views.ChooseView):
    pass


class ParticipantChooseResultsView(
    ParticipantChooseMixin, chooser_views.ChooseResultsView
):
    pass


class ParticipantChosenView(CoordinatorsOnlyMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        obj = super().get_object(pk)
        if not participant_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change"], obj
        ):
            raise Participant.DoesNotExist
        return obj


class ParticipantChosenMultipleView(
    CoordinatorsOnlyMixin, chooser_views.ChosenMultipleView
):
    def get_objects(self, pks):
        return [
            obj
            for obj in super().get_objects(pks)
            if participant_policy.user_has_any_permission_for_instance(
                self.request.user, ["view", "change"], obj
            )
        ]


class ParticipantChooserViewSet(ChooserViewSet):
    model = Participant
    name = "participant_chooser"
    url_prefix = "campaigns/participant-chooser"
    icon = "group"
    choose_one_text = _("Choose a participant")
    create_action_label = None
    form_fields = None
    choose_view_class = ParticipantChooseView
    choose_results_view_class = ParticipantChooseResultsView
    chosen_view_class = ParticipantChosenView
    chosen_multiple_view_class = ParticipantChosenMultipleView

    def get_urlpatterns(self):
        # No creation from the chooser: participants are added in their viewset.
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if getattr(pattern, "name", "") != "create"
        ]


# --- contacts ------------------------------------------------------------------------


class ContactForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "participant" in self.fields and self.for_user is not None:
            self.fields["participant"].queryset = participant_policy.participants_for(
                self.for_user
            ).order_by("name")


class ContactIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("participant")


class ParticipantContactViewSet(ModelViewSet):
    model = ParticipantContact
    name = "participant_contacts"
    url_prefix = "campaigns/contacts"
    icon = "user"
    menu_label = _("Contacts of participants")
    copy_view_enabled = False
    index_view_class = ContactIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    search_fields = ["name", "email"]
    list_display = ["name", "participant", "role", "email", "language"]
    list_export: list[str] = []  # personal data: no spreadsheet export
    edit_handler = ObjectList(
        [
            FieldPanel("participant"),
            FieldPanel("name"),
            FieldPanel("role"),
            FieldPanel("email"),
            FieldPanel("phone"),
            FieldPanel("language"),
        ],
        base_form_class=ContactForm,
    )


# --- producer organisations, coordinators' countries, criteria -----------------------


class ProducerOrganizationViewSet(ModelViewSet):
    model = ProducerOrganization
    name = "producer_organizations"
    url_prefix = "campaigns/producer-organizations"
    icon = "pick"
    menu_label = _("Producer organisations")
    copy_view_enabled = False
    search_fields = ["name"]
    list_display = ["name", "country", "products", "is_public"]
    list_filter = ["is_public"]
    form_fields = ["name", "country", "products", "website", "logo", "is_public"]


class CoordinatorScopeViewSet(ModelViewSet):
    model = CoordinatorScope
    name = "coordinator_scopes"
    url_prefix = "campaigns/coordinators"
    icon = "globe"
    menu_label = _("Coordinators' countries")
    copy_view_enabled = False
    list_display = ["user", "countries"]
    form_fields = ["user", "countries"]


class CriterionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "campaign" in self.fields:
            self.fields["campaign"].queryset = spanish_campaigns()


class CampaignCriterionViewSet(SnippetViewSet):
    model = CampaignCriterion
    icon = "tasks"
    menu_label = _("Criteria")
    list_display = ["title", "campaign", "code", "required", "target", "locale"]
    list_filter = ["campaign", "required"]
    ordering = ["campaign", "sort_order", "pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("campaign"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("evidence_hint"),
            FieldRowPanel(
                [
                    FieldPanel("required"),
                    FieldPanel("target"),
                    FieldPanel("validity_months"),
                ]
            ),
        ],
        base_form_class=CriterionForm,
    )


# --- reports sent by signed link ------------------------------------------------------


class ReportStateFilter(django_filters.ChoiceFilter):
    """No choice: the reports waiting for review."""

    ALL = "all"

    def filter(self, qs, value):
        if not value:
            return qs.filter(state=ReportState.WAITING)
        if value == self.ALL:
            return qs
        return qs.filter(state=value)


class ParticipantReportFilterSet(WagtailFilterSet):
    state = ReportStateFilter(
        label=_("State"),
        choices=[
            (ReportState.ACCEPTED, ReportState.ACCEPTED.label),
            (ReportState.REFUSED, ReportState.REFUSED.label),
            (ReportStateFilter.ALL, _("All")),
        ],
        empty_label=ReportState.WAITING.label,
        widget=forms.RadioSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("What it reports"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = ParticipantReport
        fields = ["state", "kind"]


class ReportIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("participant")


class ReportFilePanel(Panel):
    """The file sent with the report, linked to the checked download view."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            report = self.instance
            if not (report and report.pk and report.file):
                return format_html("<p>{}</p>", gettext("No file was sent."))
            return format_html(
                '<p><a href="{}" download>{}</a></p>',
                reverse("participant_reports:file", args=[report.pk]),
                report.file.name.rsplit("/", 1)[-1],
            )


class ReportForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "criterion" in self.fields and self.instance.participant_id:
            self.fields["criterion"].queryset = CampaignCriterion.objects.filter(
                campaign_id=self.instance.participant.campaign_id,
                locale__language_code=settings.LANGUAGE_CODE,
            )


class ReportEditView(ScopedEditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_waiting and self.user_has_permission("change"):
            buttons += [
                Button(
                    _("Accept: publish it"),
                    url=reverse("participant_reports:accept", args=[self.object.pk]),
                    icon_name="tick",
                    priority=5,
                ),
                Button(
                    _("Refuse"),
                    url=reverse("participant_reports:refuse", args=[self.object.pk]),
                    icon_name="cross",
                    priority=6,
                ),
            ]
        return buttons


def scoped_report(request, pk):
    report = get_object_or_404(
        ParticipantReport.objects.select_related("participant"), pk=pk
    )
    if not report_policy.user_has_permission_for_instance(
        request.user, "change", report
    ):
        raise Http404
    return report


def report_file_view(request, pk):
    return private_file_response(scoped_report(request, pk).file)


def review_view(request, pk, *, accept: bool):
    report = scoped_report(request, pk)
    edit_url = reverse("participant_reports:edit", args=[report.pk])
    if not report.is_waiting:
        messages.warning(request, gettext("This report was reviewed already."))
        return redirect(edit_url)
    if request.method == "POST":
        done = report.accept(request.user) if accept else report.refuse(request.user)
        if not done:
            messages.warning(request, gettext("This report was reviewed already."))
        elif accept:
            messages.success(
                request,
                gettext("Accepted: it shows on the page of %(name)s.")
                % {"name": report.participant.name},
            )
        else:
            messages.success(request, gettext("Refused: nothing was published."))
        return redirect("participant_reports:index")
    if accept and report.kind == ReportKind.EVIDENCE:
        text = gettext(
            "The criterion becomes met for %(name)s, with this file as its private "
            "evidence and the report's title as its public note."
        )
    elif accept:
        text = gettext(
            "An activity of %(name)s is published on its page, with the report's "
            "date, type, title and description."
        )
    else:
        text = gettext("Nothing of this report is published for %(name)s.")
    return confirm_page(
        request,
        title=gettext("Accept the report") if accept else gettext("Refuse the report"),
        text=text % {"name": report.participant.name},
        cancel_url=edit_url,
    )


class ParticipantReportViewSet(ModelViewSet):
    model = ParticipantReport
    name = "participant_reports"
    url_prefix = "campaigns/reports"
    icon = "doc-full"
    menu_label = _("Reports to review")
    copy_view_enabled = False
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    filterset_class = ParticipantReportFilterSet
    list_display = ["title", "participant", "kind", "date", "state", "created_at"]
    list_export: list[str] = []  # what contacts wrote, not yet reviewed
    ordering = ["created_at", "pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("kind", read_only=True),
            FieldRowPanel([FieldPanel("date"), FieldPanel("activity_kind")]),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("criterion"),
            ReportFilePanel(heading=_("File")),
            FieldPanel("state", read_only=True),
        ],
        base_form_class=ReportForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("file/<int:pk>/", report_file_view, name="file"),
            path(
                "accept/<int:pk>/",
                lambda request, pk: review_view(request, pk, accept=True),
                name="accept",
            ),
            path(
                "refuse/<int:pk>/",
                lambda request, pk: review_view(request, pk, accept=False),
                name="refuse",
            ),
        ]


# --- country networks (issue 18 item 5) --------------------------------------------

network_policy = CountryNetworkPolicy(CountryNetwork)


class CountryNetworkForm(WagtailAdminModelForm):
    def clean_country(self):
        return scoped_country(self, network_policy)


class NetworkIndexView(ScopedMixin, snippet_views.IndexView):
    pass


class NetworkEditView(ScopedObjectMixin, snippet_views.EditView):
    pass


class NetworkDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class NetworkHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class NetworkUsageView(ScopedObjectMixin, snippet_views.UsageView):
    pass


class CountryNetworkViewSet(SnippetViewSet):
    """Country networks, translated like the other snippets (wagtail-localize's
    "Translate"). A coordinator limited to some countries lists, opens and edits
    only their networks (``campaigns.permissions.CountryNetworkPolicy``)."""

    model = CountryNetwork
    icon = "globe"
    menu_label = _("Country networks")
    copy_view_enabled = False
    index_view_class = NetworkIndexView
    edit_view_class = NetworkEditView
    delete_view_class = NetworkDeleteView
    history_view_class = NetworkHistoryView
    usage_view_class = NetworkUsageView
    list_display = ["name", "country", "public_email", "locale"]
    list_filter = ["country"]
    search_fields = ["name"]
    ordering = ["sort_order", "country", "pk"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("country"), FieldPanel("sort_order")]),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            MultiFieldPanel(
                [FieldPanel("public_email"), FieldPanel("website")],
                heading=_("Public contact"),
            ),
            FieldPanel("logo"),
        ],
        base_form_class=CountryNetworkForm,
    )


class CampaignNetworksGroup(ViewSetGroup):
    menu_label = _("Campaign networks")
    menu_icon = "group"
    menu_order = 320
    items = (
        ParticipantViewSet,
        ParticipantReportViewSet,
        ParticipantContactViewSet,
        ProducerOrganizationViewSet,
        CampaignCriterionViewSet,
        CountryNetworkViewSet,
        CoordinatorScopeViewSet,
    )


class CoordinatorScopePolicy(ParticipantPolicy):
    """Coordinators' countries: superusers (and anyone given the model's
    permissions directly, e.g. an administrators' group) only; coordinators do not
    widen their own scope."""

    def user_has_permission(self, user, action):
        if not (user and user.is_active and user.is_authenticated):
            return False
        return user.is_superuser or user.has_perm(
            f"campaigns.{action}_coordinatorscope"
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.all()
