"""The submission path: what happens when a reader posts a contact or sign-up form.

``serve_post`` is the whole POST: the per-IP rate (far above the limit the post is
refused with a 429 and nothing is stored), the form's validation (errors are shown
again), the spam verdict (an expired form comes back with a fresh token and nothing
stored), then the inquiry stored and, unless it is spam, its notification enqueued
in one transaction (the task row is the outbox), and the same 303 to the thank-you
page for everyone. ``release`` is the way back from spam.

Fail closed: when the security store (nonces, counters) fails, the reader gets a
translated 503 and nothing is stored; a submission is never accepted unchecked.

The form page (``inquiries.models.form_pages``) delegates here; this module knows the
page only through its interface (``get_form``, ``get_context``, ``render_form``,
``process_form_submission``, ``translation_key``, ``url``…), so a page type may
override any of those steps.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.http import client_ip
from inquiries import spam
from inquiries.forms import HONEYPOT_FIELD, TOKEN_FIELD
from inquiries.models.inquiry import Inquiry, InquiryStatus, status_for_reason
from inquiries.tasks import send_inquiry_notification

EXPIRED_NOTICE = _(
    "This form was open for a long time, so it was not sent yet. Please check "
    "your answers and press Send again."
)


def refuse(page, request):
    """Far above the rate limit: 429, nothing stored."""
    response = TemplateResponse(
        request, "inquiries/rate_limited.html", page.get_context(request), status=429
    )
    response["Retry-After"] = str(settings.INQUIRY_RATE_WINDOW_SECONDS)
    return response


def unavailable(page, request):
    """The security store is down: 503, nothing stored (inquiries.spam logs it)."""
    response = TemplateResponse(
        request, "inquiries/unavailable.html", page.get_context(request), status=503
    )
    response["Retry-After"] = "120"
    return response


def show_again(page, request, form=None, notice=""):
    context = page.get_context(request)
    context["form"] = form
    context["notice"] = notice
    return page.render_form(request, context)


def serve_post(page, request):
    ip = client_ip(request)
    try:
        if spam.is_refused(spam.count_post(ip)):
            return refuse(page, request)
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if not form.is_valid():
            return show_again(page, request, form)
        verdict = spam.classify(
            honeypot=form.cleaned_data.get(HONEYPOT_FIELD) or "",
            token=form.cleaned_data.get(TOKEN_FIELD) or "",
            form_key=page.translation_key,
            ip=ip,
            data=form.submission_data(),
        )
    except spam.SecurityStateUnavailable:
        return unavailable(page, request)
    if verdict.expired:
        # Open for more than INQUIRY_MAX_FORM_AGE_SECONDS: nothing stored, the
        # reader's answers come back with a fresh token.
        data = request.POST.copy()
        data[TOKEN_FIELD] = spam.issue_token(page.translation_key)
        form = page.get_form(data, request.FILES, page=page, user=request.user)
        return show_again(page, request, form, notice=EXPIRED_NOTICE)
    page.process_form_submission(form, spam_reason=verdict.reason)
    # The same 303 for everyone (bots learn nothing); a refresh of the
    # thank-you page never sends the form again.
    return HttpResponseRedirect(f"{page.url}?thanks=1", status=303)


def store(page, form, spam_reason: str = "") -> Inquiry:
    """Store the submission; unless it is spam, enqueue its notification in the
    same transaction (an outbox: the task row commits with the inquiry or not at
    all). A submission to review is notified too, marked as such."""
    status = status_for_reason(spam_reason)
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            form_data=form.submission_data(),
            page=page,
            form_key=page.translation_key,
            language=get_language() or page.locale.language_code,
            status=status,
            spam_reason=spam_reason,
        )
        if status != InquiryStatus.SPAM and (
            page.recipients() or page.send_confirmation
        ):
            send_inquiry_notification.enqueue(inquiry.pk)
    return inquiry


def release(inquiry: Inquiry) -> None:
    """Not spam after all: back to the inbox as new, and notify staff."""
    with transaction.atomic():
        inquiry.status = InquiryStatus.NEW
        inquiry.spam_reason = ""
        inquiry.save(update_fields=["status", "spam_reason"])
        send_inquiry_notification.enqueue(inquiry.pk)
