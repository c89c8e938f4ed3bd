"""Emails of the campaign registry: a participant's contact hears of each change of
its status, once, in the contact's language (never of the sign-up itself: the
sign-up page's confirmation already answered that); and gets, when a coordinator
sends one, a report link (``send_report_link``: the link is made in the task, so
its raw token is never stored, not even in the task's arguments)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from wagtail.models import Locale

from django_tasks import task

from inquiries.emails import one_line, safe_address

from .models.registry import (
    ParticipantContact,
    ParticipantStatus,
    ParticipantStatusChange,
    status_changed,
)
from .models.reports import REPORTABLE_STATUSES, ReportLink
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


def contact_email(template, context, subject, address) -> EmailMultiAlternatives:
    """An automatic email to a participant's contact, text and HTML from
    ``template``.txt/.html, rendered in the active language (``context["language"]``)."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            "Auto-Submitted": "auto-generated",
            "Content-Language": context["language"],
        },
    )
    message.attach_alternative(
        render_to_string(f"{template}.html", context), "text/html"
    )
    return message


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
        return contact_email("campaigns/email/status_change", context, subject, address)


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


def report_link_url(link, token, language) -> str:
    with translation.override(language):
        path = reverse(
            "participant_report",
            kwargs={"participant_slug": link.participant.slug, "token": token},
        )
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def build_report_link_email(link, token, address) -> EmailMultiAlternatives:
    contact, participant = link.contact, link.participant
    language = contact.language or settings.LANGUAGE_CODE
    with translation.override(language):
        campaign = campaign_in(participant.campaign, language)
        context = {
            "participant": participant,
            "contact": contact,
            "campaign": campaign,
            "url": report_link_url(link, token, language),
            "expires_on": formats.date_format(
                timezone.localtime(link.expires_at), "DATE_FORMAT"
            ),
            "language": language,
        }
        subject = one_line(
            gettext("%(campaign)s: your link to report on %(name)s")
            % {"campaign": campaign.title, "name": participant.name}
        )
        return contact_email("campaigns/email/report_link", context, subject, address)


@task()
def send_report_link(contact_id: int, sent_by_id: int | None = None) -> str:
    """A new single-use report link for the contact, emailed in their language.
    When the send fails the link is deleted (nobody has its token), so a retry
    makes a new one."""
    contact = (
        ParticipantContact.objects.select_related("participant__campaign")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None or contact.participant.status not in REPORTABLE_STATUSES:
        return "not-reportable"
    address = safe_address(contact.email)
    if not address:
        return "no-address"
    sent_by = get_user_model().objects.filter(pk=sent_by_id).first()
    link, token = ReportLink.issue(contact, by=sent_by)
    try:
        build_report_link_email(link, token, address).send()
    except Exception:
        link.delete()
        logger.exception("report link for contact %s: email failed", contact_id)
        raise
    logger.info("report link %s sent to contact %s", link.pk, contact_id)
    return "sent"
