"""Background work for inquiries: the notification email, sent by the worker."""

import logging

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_inquiry_notification(inquiry_id: int) -> None:
    """Email staff about one inquiry. Takes an id, never personal data."""
    from inquiries.models import Inquiry

    inquiry = Inquiry.objects.select_related("page").get(pk=inquiry_id)
    if inquiry.notified_at is not None:
        return
    page = inquiry.page.specific
    recipients = page.recipients()
    if not recipients:
        return
    form = page.get_form(page=page, user=None)
    rows = []
    for name, field in form.fields.items():
        value = inquiry.form_data.get(name, "")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        rows.append((str(field.label), str(value)))
    email_keys = [f.clean_name for f in page.form_fields.all() if f.field_type == "email"]
    reply_to = [
        inquiry.form_data[key]
        for key in email_keys
        if isinstance(inquiry.form_data.get(key), str) and inquiry.form_data[key]
    ][:1]
    context = {"inquiry": inquiry, "page": page, "rows": rows}
    with translation.override("es"):
        subject = page.subject or page.title
        text = render_to_string("inquiries/email/notification.txt", context)
        html = render_to_string("inquiries/email/notification.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=recipients,
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    message.send()
    inquiry.notify_attempts += 1
    inquiry.notified_at = timezone.now()
    inquiry.save(update_fields=["notified_at", "notify_attempts"])
    logger.info("inquiry %s notification sent", inquiry.pk)
