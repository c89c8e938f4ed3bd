"""The emails an inquiry can cause: the staff notification, the reader's
confirmation and the note to the person it is assigned to. Both come From the site address (DEFAULT_FROM_EMAIL, which SPF, DKIM and
DMARC cover; see docs/email.md); the reader's address only ever goes in Reply-To.

Header injection: Django refuses CR/LF in headers (BadHeaderError); on top of that,
every header value built here is collapsed to one line and the Reply-To address is
validated again, so a stored value can never make a message unsendable."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.users.models import UserProfile

from inquiries.models.inquiry import InquiryStatus
from inquiries.summary import FormShape, full_name, localized_form

STAFF_LANGUAGE = "es"


def one_line(value: str, limit: int = 200) -> str:
    """Collapse any whitespace (CR, LF, tabs…) to single spaces, then trim."""
    return " ".join(str(value).split())[:limit]


def safe_address(value: str) -> str:
    """The address if it is one plain, valid email address; else ''."""
    value = str(value or "").strip()
    if not value or any(char in value for char in "\r\n,;<>\"'"):
        return ""
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def answer_text(field, value) -> str:
    """An answer as staff read it: a choice's label (in ``field``'s language), never
    its key; lists joined; booleans as yes/no."""
    labels = {str(key): str(label) for key, label in getattr(field, "choices", ())}
    if isinstance(value, list):
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return labels.get(str(value), str(value))


def submission_rows(inquiry, page) -> list[tuple[str, str]]:
    """(label, answer) for what the reader sent, labelled by ``page`` (the form in
    the language staff read)."""
    form = page.get_form(page=page, user=None)
    rows = []
    for name, field in form.fields.items():
        if name not in inquiry.form_data:
            continue
        value = inquiry.form_data.get(name, "")
        rows.append((str(field.label), answer_text(field, value)))
    return rows


def admin_url(inquiry) -> str:
    try:
        path = reverse("inquiries:edit", args=[inquiry.pk])
    except NoReverseMatch:
        return ""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def build_notification(inquiry, page) -> EmailMultiAlternatives:
    """The message staff receive, in Spanish, with the reader's answers. A
    submission held for review says so in its subject and first line."""
    with translation.override(STAFF_LANGUAGE):
        to_review = inquiry.status == InquiryStatus.TO_REVIEW
        context = {
            "inquiry": inquiry,
            "page": page,
            "rows": submission_rows(inquiry, page),
            "admin_url": admin_url(inquiry),
            "to_review": to_review,
            "reason": inquiry.get_spam_reason_display() if to_review else "",
        }
        subject = page.subject or page.title
        if to_review:
            subject = gettext("[To review] %(subject)s") % {"subject": subject}
        subject = one_line(subject)
        text = render_to_string("inquiries/email/notification.txt", context)
        html = render_to_string("inquiries/email/notification.html", context)
    reply_to = safe_address(inquiry.submitter_email())
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address for address in map(safe_address, page.recipients()) if address],
        reply_to=[reply_to] if reply_to else [],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


def build_confirmation(inquiry, page, address: str) -> EmailMultiAlternatives:
    """The note to the reader, in the language they used (or chose, where the form
    asks: ``page.confirmation_for``). It repeats nothing they wrote (a bot could
    otherwise make us mail any text to any address)."""
    page, language = page.confirmation_for(inquiry)
    with translation.override(language):
        context = {"page": page, "language": language}
        subject = one_line(
            gettext("We received your message: %(title)s") % {"title": page.title}
        )
        text = render_to_string("inquiries/email/confirmation.txt", context)
        html = render_to_string("inquiries/email/confirmation.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            "Auto-Submitted": "auto-replied",
            "Content-Language": language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def admin_language(user) -> str:
    """The user's admin language (their Wagtail profile), else the site's."""
    profile = UserProfile.objects.filter(user=user).first()
    return (profile.preferred_language if profile else "") or settings.LANGUAGE_CODE


def admin_time_zone(user) -> str:
    profile = UserProfile.objects.filter(user=user).first()
    return (profile.current_time_zone if profile else "") or settings.TIME_ZONE


def build_assignment(inquiry, assignee, assigned_by=None) -> EmailMultiAlternatives:
    """The note to the person an inquiry was assigned to, in their admin language
    and time zone, with an absolute link to it. It names the sender and the
    subject; what the reader wrote stays in the inbox."""
    language = admin_language(assignee)
    with translation.override(language), timezone.override(admin_time_zone(assignee)):
        page = localized_form(inquiry.page, language)
        shape = FormShape.of(page)
        context = {
            "inquiry": inquiry,
            "page": page,
            "language": language,
            "assignee_name": full_name(assignee),
            "assigned_by": full_name(assigned_by),
            "sender_name": shape.name(inquiry),
            "sender_email": shape.email(inquiry),
            "subject": shape.subject(inquiry),
            "status": inquiry.get_status_display(),
            "received": timezone.localtime(inquiry.submit_time),
            "admin_url": admin_url(inquiry),
        }
        subject = one_line(
            gettext("An inquiry was assigned to you: %(title)s") % {"title": page.title}
        )
        text = render_to_string("inquiries/email/assignment.txt", context)
        html = render_to_string("inquiries/email/assignment.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[safe_address(assignee.email)],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message
