"""Admin wiring for inquiries: the inbox, its permission policy, and the guard on
Wagtail's own per-page submission views (list, export, delete)."""

from django.urls import path

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from inquiries.admin_views import (
    InquiryDeleteSubmissionsView,
    InquiryPermissionPolicy,
    InquiryViewSet,
    forms_for_inquiry_staff,
    submissions_list_view,
)
from inquiries.models import Inquiry

register_permission_policy(Inquiry, InquiryPermissionPolicy(Inquiry))


@hooks.register("register_admin_viewset")
def register_inbox():
    return InquiryViewSet()


@hooks.register("filter_form_submissions_for_user")
def filter_form_submissions(user, editable_forms):
    return forms_for_inquiry_staff(user, editable_forms)


@hooks.register("register_admin_urls", order=-100)
def guard_submission_views():
    # The paths of wagtailforms:list_submissions, list_submissions_results and
    # delete_submissions, registered first so they win: listing and exporting need
    # the inquiry view permission, deleting the inquiry delete permission, not just
    # page editing rights.
    return [
        path(
            "forms/submissions/<int:page_id>/",
            submissions_list_view,
            name="inquiries_list_submissions",
        ),
        path(
            "forms/submissions/<int:page_id>/results/",
            submissions_list_view,
            {"results_only": True},
            name="inquiries_list_submissions_results",
        ),
        path(
            "forms/submissions/<int:page_id>/delete/",
            InquiryDeleteSubmissionsView.as_view(),
            name="inquiries_delete_submissions",
        ),
    ]
