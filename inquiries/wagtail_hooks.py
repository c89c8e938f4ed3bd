"""Admin wiring for inquiries: the inbox, its permission policy, and the guard on
Wagtail's own per-page submission views (list, export, delete)."""

from django.urls import path

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from inquiries.models import Inquiry
from inquiries.views import (
    InquiryDeleteSubmissionsView,
    InquiryPermissionPolicy,
    InquiryViewSet,
    forms_for_inquiry_staff,
)

register_permission_policy(Inquiry, InquiryPermissionPolicy(Inquiry))


@hooks.register("register_admin_viewset")
def register_inbox():
    return InquiryViewSet()


@hooks.register("filter_form_submissions_for_user")
def filter_form_submissions(user, editable_forms):
    return forms_for_inquiry_staff(user, editable_forms)


@hooks.register("register_admin_urls", order=-100)
def guard_submission_delete():
    # Same path as wagtailforms:delete_submissions, registered first so it wins:
    # deleting needs the inquiry delete permission, not just page editing rights.
    return [
        path(
            "forms/submissions/<int:page_id>/delete/",
            InquiryDeleteSubmissionsView.as_view(),
            name="inquiries_delete_submissions",
        )
    ]
