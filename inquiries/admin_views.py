"""Staff side of inquiries: one inbox across languages (a Wagtail ModelViewSet),
spreadsheet exports that cannot run formulas, and Wagtail's own per-page submission
views restricted to people with the inquiry permissions.

Who may do what: the model permissions on ``inquiries.Inquiry`` decide (view to list
and export, change to edit, release or retry, delete to delete), for the inbox and
for Wagtail's per-page views alike. Editing a form page does not grant access to
what readers sent through it.
"""

from collections import OrderedDict

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.filters import (
    DateRangePickerWidget,
    MultipleUserFilter,
    WagtailFilterSet,
)
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.forms.utils import get_form_types
from wagtail.contrib.forms.views import DeleteSubmissionsView, SubmissionsListView
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy

import django_filters

from inquiries.emails import submission_rows
from inquiries.models import Inquiry, InquiryStatus
from inquiries.models.inquiry import delivery_unknown_condition
from inquiries.summary import FormShape, full_name, localized_form, shapes_for
from inquiries.tasks import send_assignment_email, send_inquiry_notification

#: Statuses a person may release from: spam, and held for review.
RELEASABLE = (InquiryStatus.SPAM, InquiryStatus.TO_REVIEW)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_csv(value):
    """A spreadsheet runs a cell starting with = + - @ (or tab/CR before them) as a
    formula: prefix such text with an apostrophe so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeSpreadsheetMixin:
    """CSV cells neutralised; XLSX cells written as typed strings (Wagtail already
    turns what openpyxl takes for a formula back into a string; we check every
    cell, whatever openpyxl guessed)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_csv(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            yield cell


def require_perm(user, codename: str) -> None:
    if not user.has_perm(f"inquiries.{codename}_inquiry"):
        raise PermissionDenied


def forbidden(request):
    """A real 403 (Wagtail's admin turns PermissionDenied into a redirect to the
    dashboard, which hides the refusal from tests and from HTTP clients)."""
    return TemplateResponse(
        request,
        "inquiries/admin/403.html",
        {"page_title": gettext("Permission denied"), "header_icon": "warning"},
        status=403,
    )


class ForbiddenMixin:
    #: An inquiry permission ("view", "delete"…) checked before anything else.
    inquiry_permission = None

    def dispatch(self, request, *args, **kwargs):
        try:
            if self.inquiry_permission:
                require_perm(request.user, self.inquiry_permission)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)


class SafeSubmissionsListView(
    ForbiddenMixin, SafeSpreadsheetMixin, SubmissionsListView
):
    """Wagtail's per-page submissions list and export, for inquiry viewers only."""

    inquiry_permission = "view"

    def to_row_dict(self, item):
        data = item.get_data()
        return OrderedDict((field, data.get(field)) for field in self.list_export)


def submissions_list_view(request, page_id, results_only=False):
    """Wagtail's per-page submissions list and export with the guarded view class.

    ``inquiries.wagtail_hooks`` registers it at the paths of
    ``wagtailforms:list_submissions`` and ``list_submissions_results``, ahead of
    Wagtail's own, so the form page models need not name an admin view (Wagtail's
    ``get_submissions_list_view`` asks the page for its view class)."""
    form_page = get_object_or_404(Page, id=page_id).specific
    if not isinstance(form_page, FormMixin):
        raise Http404
    view = SafeSubmissionsListView.as_view(results_only=results_only)
    return view(request, form_page=form_page, page_id=page_id)


class InquiryDeleteSubmissionsView(ForbiddenMixin, DeleteSubmissionsView):
    """Wagtail's per-page delete, for users with the delete permission only."""

    inquiry_permission = "delete"


def forms_for_inquiry_staff(user, editable_forms):
    """``filter_form_submissions_for_user`` hook: submissions follow the inquiry
    permissions, not the page permissions."""
    if not user.has_perm("inquiries.view_inquiry"):
        return editable_forms.none()
    return Page.objects.filter(content_type__in=get_form_types())


# --- The inbox ---------------------------------------------------------------------------


class InquiryPermissionPolicy(ModelPermissionPolicy):
    """Inquiries come from readers: nobody adds or copies them in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def form_choices():
    """One entry per form (all its translations), titled in the source language."""
    choices = {}
    pages = (
        Page.objects.filter(content_type__in=get_form_types())
        .select_related("locale")
        .order_by("title")
    )
    for page in pages:
        key = str(page.translation_key)
        if key not in choices or page.locale.language_code == settings.LANGUAGE_CODE:
            choices[key] = page.title
    return sorted(choices.items(), key=lambda item: item[1].lower())


class DeliveryFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        max_attempts = settings.INQUIRY_NOTIFY_MAX_ATTEMPTS
        unsent = Q(notified_at__isnull=True) & ~Q(status=InquiryStatus.SPAM)
        if value == "sent":
            return qs.filter(notified_at__isnull=False)
        if value == "retrying":
            # A send in progress or one whose worker died is not "retrying".
            return qs.filter(
                unsent, notify_claimed_at__isnull=True, notify_attempts__gt=0
            ).exclude(notify_attempts__gte=max_attempts)
        if value == "unknown":
            return qs.filter(unsent, delivery_unknown_condition())
        if value == "failed":
            return qs.filter(
                unsent,
                notify_claimed_at__isnull=True,
                notify_attempts__gte=max_attempts,
            )
        return qs


def inquiry_staff():
    """Active users who may work on inquiries (change permission, directly, through
    a group, or as superusers): who can be assigned one."""
    perm = Q(codename="change_inquiry", content_type__app_label="inquiries")
    granted = Q(user_permissions__in=Permission.objects.filter(perm)) | Q(
        groups__permissions__in=Permission.objects.filter(perm)
    )
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | granted, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class InquiryFilterSet(WagtailFilterSet):
    # Radio buttons with "All", as Wagtail's own generated choice filters.
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=InquiryStatus.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    form_key = django_filters.ChoiceFilter(
        label=_("Form"),
        choices=form_choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    assignee = MultipleUserFilter(
        label=_("Assigned to"), queryset=lambda request: inquiry_staff()
    )
    assignment = django_filters.ChoiceFilter(
        label=_("Assignment"),
        choices=[("me", _("Assigned to me")), ("nobody", _("Not assigned"))],
        widget=forms.RadioSelect,
        empty_label=_("All"),
        method="filter_assignment",
    )
    submit_time = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )
    delivery = DeliveryFilter(
        label=_("Notification email"),
        widget=forms.RadioSelect,
        empty_label=_("All"),
        choices=[
            ("sent", _("Sent")),
            ("retrying", _("Failed, retrying")),
            ("unknown", _("Unknown: the sending stopped midway")),
            ("failed", _("Failed, gave up")),
        ],
    )

    class Meta:
        model = Inquiry
        fields = ["status", "form_key", "language", "assignee", "submit_time"]

    def filter_assignment(self, queryset, name, value):
        if value == "me" and self.request is not None:
            return queryset.filter(assignee=self.request.user)
        if value == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset


def received(inquiry) -> str:
    """When it arrived, in the site's time zone (or the officer's own, when their
    Wagtail profile sets one)."""
    return f"{timezone.localtime(inquiry.submit_time):%Y-%m-%d %H:%M}"


def _shape(inquiry) -> FormShape:
    shape = getattr(inquiry, "shape", None)
    return shape if shape is not None else FormShape.of(localized_form(inquiry.page))


def _sender(inquiry):
    shape = _shape(inquiry)
    name, email = shape.name(inquiry), shape.email(inquiry)
    if name and email:
        return f"{name} <{email}>"
    return name or email or "—"


def _subject(inquiry):
    return _shape(inquiry).subject(inquiry)


def _form_title(inquiry):
    return inquiry.page.title


def _assignee(inquiry):
    return full_name(inquiry.assignee)


def _notes(inquiry):
    return Truncator(inquiry.internal_notes).chars(60)


def _status(inquiry):
    label = inquiry.get_status_display()
    if inquiry.spam_reason and inquiry.status in {
        InquiryStatus.SPAM,
        InquiryStatus.TO_REVIEW,
    }:
        return f"{label} ({inquiry.get_spam_reason_display()})"
    return label


class InquiryIndexView(ForbiddenMixin, SafeSpreadsheetMixin, generic.IndexView):
    base_export = [
        "id",
        "form_title",
        "language",
        "status",
        "assignee",
        "internal_notes",
        "submit_time",
    ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "assignee")

    def get_table(self, object_list):
        # Sender and subject come from each form's fields, in the officer's
        # language: looked up once per form shown, not once per row.
        object_list = list(object_list)
        shapes = shapes_for(object_list)
        for inquiry in object_list:
            inquiry.shape = shapes[inquiry.form_key]
        return super().get_table(object_list)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query
        # JSON text may hold non-ASCII letters escaped (\u00e9): look for both forms.
        escaped = query.encode("ascii", "backslashreplace").decode("ascii")
        escaped = escaped.replace("\\x", "\\u00")
        condition = (
            Q(form_data__icontains=query)
            | Q(form_data__icontains=escaped)
            | Q(internal_notes__icontains=query)
        )
        return queryset.filter(condition)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        keys = []
        for inquiry in queryset:
            keys.extend(key for key in inquiry.form_data if key not in keys)
        self.data_keys = keys
        self.list_export = [*self.base_export, *(f"data:{key}" for key in keys)]
        self.export_headings = {
            "id": "ID",
            "form_title": gettext("Form"),
            "language": gettext("Language"),
            "status": gettext("Status"),
            "assignee": gettext("Assigned to"),
            "internal_notes": gettext("Internal notes"),
            "submit_time": gettext("Submit time"),
            **{f"data:{key}": key for key in keys},
        }
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        row = OrderedDict()
        for field in self.list_export:
            if field.startswith("data:"):
                row[field] = item.form_data.get(field[5:], "")
            elif field == "form_title":
                row[field] = item.page.title
            elif field == "assignee":
                row[field] = full_name(item.assignee)
            elif field == "status":
                row[field] = _status(item)  # its label and reason, as in the inbox
            else:
                row[field] = getattr(item, field)
        return row


class InquiryCreateView(ForbiddenMixin, generic.CreateView):
    pass


class InquiryDeleteView(ForbiddenMixin, generic.DeleteView):
    pass


class InquiryEditView(ForbiddenMixin, generic.EditView):
    def save_instance(self):
        """Save; when someone else is now assigned, email them (a task, on the
        worker; not when people assign themselves)."""
        previous = (
            Inquiry.objects.filter(pk=self.object.pk)
            .values_list("assignee_id", flat=True)
            .first()
        )
        instance = super().save_instance()
        assignee_id = instance.assignee_id
        if assignee_id and assignee_id not in {previous, self.request.user.pk}:
            send_assignment_email.enqueue(
                instance.pk, assignee_id, self.request.user.pk
            )
        return instance

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("change"):
            if self.object.status in RELEASABLE:
                buttons.append(
                    Button(
                        _("Not spam: release")
                        if self.object.status == InquiryStatus.SPAM
                        else _("Reviewed: release"),
                        url=reverse("inquiries:release", args=[self.object.pk]),
                        icon_name="tick",
                        priority=5,
                    )
                )
            elif self.object.notified_at is None:
                buttons.append(
                    Button(
                        _("Send the notification again"),
                        url=reverse("inquiries:retry", args=[self.object.pk]),
                        icon_name="mail",
                        priority=6,
                    )
                )
        return buttons


class SubmissionDataPanel(Panel):
    """What the reader sent, read-only, labelled in the form's language."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "inquiries/admin/submission_data_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            inquiry = self.instance
            rows = []
            if inquiry and inquiry.pk:
                rows = submission_rows(inquiry, localized_form(inquiry.page))
            context["rows"] = rows
            context["inquiry"] = inquiry
            return context


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return full_name(obj)


class InquiryAdminForm(WagtailAdminModelForm):
    """The assignee is one of the inquiry staff, shown by full name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            current = self.fields["assignee"]
            self.fields["assignee"] = StaffChoiceField(
                queryset=inquiry_staff(),
                required=False,
                label=current.label,
                help_text=current.help_text,
                widget=forms.Select,
            )


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    name = "inquiries"
    icon = "mail"
    menu_label = _("Inbox")
    menu_order = 690
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = InquiryIndexView
    edit_view_class = InquiryEditView
    add_view_class = InquiryCreateView
    delete_view_class = InquiryDeleteView
    filterset_class = InquiryFilterSet
    search_fields = ["form_data", "internal_notes"]
    list_export = InquiryIndexView.base_export
    export_filename = "inquiries"
    list_display = [
        Column(
            "submit_time",
            label=_("Received"),
            accessor=received,
            sort_key="submit_time",
        ),
        TitleColumn(
            "sender",
            label=_("Sender"),
            accessor=_sender,
            url_name="inquiries:edit",
        ),
        Column("subject", label=_("Subject"), accessor=_subject),
        Column("form_title", label=_("Form"), accessor=_form_title),
        Column("language", label=_("Language"), accessor="get_language_display"),
        Column("status", label=_("Status"), accessor=_status, sort_key="status"),
        Column("assignee", label=_("Assigned to"), accessor=_assignee),
        Column("internal_notes", label=_("Internal notes"), accessor=_notes),
    ]
    edit_handler = ObjectList(
        [
            SubmissionDataPanel(heading=_("What the reader sent")),
            FieldPanel("status"),
            FieldPanel("assignee"),
            FieldPanel("internal_notes"),
        ],
        base_form_class=InquiryAdminForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("release/<int:pk>/", self.release_view, name="release"),
            path("retry/<int:pk>/", self.retry_view, name="retry"),
        ]

    def _confirm(self, request, pk, *, title, text, action):
        if not request.user.has_perm("inquiries.change_inquiry"):
            return forbidden(request)
        inquiry = get_object_or_404(Inquiry, pk=pk)
        if request.method == "POST":
            action(inquiry)
            return redirect("inquiries:edit", pk)
        return TemplateResponse(
            request,
            "inquiries/admin/confirm_action.html",
            {
                "inquiry": inquiry,
                "page_title": title,
                "text": text,
                "header_icon": "mail",
            },
        )

    def release_view(self, request, pk):
        def release(inquiry):
            if inquiry.status == InquiryStatus.SPAM:
                inquiry.release()
                messages.success(
                    request, gettext("Released: the notification is on its way.")
                )
            elif inquiry.status == InquiryStatus.TO_REVIEW:
                # Staff were notified when it arrived: the form page's class
                # decides what a release adds (a campaign sign-up: its participant).
                inquiry.release()
                messages.success(request, gettext("Released: it is new in the inbox."))

        inquiry = Inquiry.objects.filter(pk=pk).only("status").first()
        if inquiry is not None and inquiry.status == InquiryStatus.TO_REVIEW:
            title = gettext("Release after review")
            text = gettext("This inquiry goes back to the inbox as new.")
        else:
            title = gettext("Release from spam")
            text = gettext(
                "This inquiry goes back to the inbox as new and staff are notified."
            )
        return self._confirm(request, pk, title=title, text=text, action=release)

    def retry_view(self, request, pk):
        def retry(inquiry):
            if inquiry.notified_at is None and inquiry.sending_now:
                messages.warning(
                    request, gettext("The notification is being sent right now.")
                )
                return
            # The officer's decision: a claim left by a dead worker (delivery
            # unknown) is released too, or the task would find it taken.
            Inquiry.objects.filter(pk=inquiry.pk).update(
                notify_attempts=0, notify_error="", notify_claimed_at=None
            )
            send_inquiry_notification.enqueue(inquiry.pk)
            messages.success(request, gettext("The notification is queued again."))

        text = gettext("The notification email is queued again for this inquiry.")
        inquiry = Inquiry.objects.filter(pk=pk).first()
        if inquiry is not None and inquiry.delivery_unknown:
            text = " ".join(
                [
                    gettext(
                        "Its last sending stopped midway: the recipients may "
                        "already have it, and would then receive it twice."
                    ),
                    text,
                ]
            )
        return self._confirm(
            request,
            pk,
            title=gettext("Send the notification again"),
            text=text,
            action=retry,
        )
