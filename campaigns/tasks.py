"""Emails of the campaign registry: a participant's contact hears of each change of
its status, once, in the contact's language (never of the sign-up itself: the
sign-up page's confirmation already answered that)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import Locale

from django_tasks import task

from inquiries.emails import one_line, safe_address

from .models.registry import ParticipantStatus, ParticipantStatusChange, status_changed
from .renewals import renewal_deadline

logger = logging.getLogger(__name__)


@receiver(status_changed)
def enqueue_status_email(sender, change_id, **kwargs):
    send_status_email.enqueue(change_id)


def campaign_in(campaign, language):
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or locale.pk == campaign.locale_id:
        return campaign
    translated = campaign.get_translation_or_none(locale)
    return (
        translated.specific if translated is not None and translated.live else campaign
    )


def build_status_email(change, contact, address) -> EmailMultiAlternatives:
    participant = change.participant
    language = contact.language or settings.LANGUAGE_CODE
    with translation.override(language):
        campaign = campaign_in(participant.campaign, language)
        context = {
            "participant": participant,
            "contact": contact,
            "campaign": campaign,
            "change": change,
            "status": change.get_new_status_display(),
            "language": language,
            "valid_until": participant.valid_until,
            "deadline": renewal_deadline(
                participant.valid_until, timezone.localdate(change.changed_at)
            )
            if change.new_status == ParticipantStatus.RENEWAL_DUE
            else None,
        }
        subject = one_line(
            gettext("%(campaign)s: %(name)s is now “%(status)s”")
            % {
                "campaign": campaign.title,
                "name": participant.name,
                "status": context["status"],
            }
        )
        text = render_to_string("campaigns/email/status_change.txt", context)
        html = render_to_string("campaigns/email/status_change.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message


@task()
def send_status_email(change_id: int) -> str:
    """Once per change: the claim (``contact_notified_at``) is taken before sending
    and given back if the send fails, so a retry sends it and a rerun does not."""
    rows = ParticipantStatusChange.objects.filter(
        pk=change_id, contact_notified_at__isnull=True
    )
    with transaction.atomic():
        if not rows.update(contact_notified_at=timezone.now()):
            return "done"
    change = ParticipantStatusChange.objects.select_related(
        "participant__campaign"
    ).get(pk=change_id)
    try:
        sent = 0
        for contact in change.participant.contacts.all():
            address = safe_address(contact.email)
            if address:
                build_status_email(change, contact, address).send()
                sent += 1
    except Exception:
        ParticipantStatusChange.objects.filter(pk=change_id).update(
            contact_notified_at=None
        )
        logger.exception("status change %s: email failed", change_id)
        raise
    logger.info("status change %s: %s contact(s) emailed", change_id, sent)
    return "sent" if sent else "no-contact"
