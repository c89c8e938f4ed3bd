"""Joining a campaign: the sign-up form's fixed fields and the participant it creates.

A campaign sign-up page has fields with fixed keys (``REGISTRY_FIELDS``) that the
registry reads; editors may add their own fields after them. The fixed fields get
strict form fields whatever type the editor chose (a country from the list, a kind,
a language, lengths that fit the registry), so bad input is refused with a clear
error before anything is stored.

A valid sign-up stores its inquiry and, in the same transaction, a participant in
"interested" (never public) with its private contact. A sign-up held for review or
marked spam creates no participant until a person releases it from the inbox.
"""

import re

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import transaction
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from core.places import LAC_COUNTRIES
from inquiries import submission
from inquiries.forms import ClacFormBuilder, single_line
from inquiries.models import InquiryStatus

from .models.registry import (
    REGISTRY_FIELDS,
    Participant,
    ParticipantContact,
    ParticipantKind,
    ParticipantStatus,
    ParticipantStatusChange,
)

phone_chars = RegexValidator(
    r"^\+?[0-9 ()./-]{6,40}$",
    message=_("Write a phone number with digits, spaces and + ( ) - only."),
)


def country_choices():
    """LAC countries by their name in the reader's language."""
    return [("", "—")] + [
        (code, name) for code, name in countries if code in LAC_COUNTRIES
    ]


def language_choices():
    return [(code, gettext(name)) for code, name in settings.LANGUAGES]


def missing_registry_fields(keys) -> list[str]:
    present = set(keys)
    return [key for key in REGISTRY_FIELDS if key not in present]


class SignupFormBuilder(ClacFormBuilder):
    """The editor's fields, with strict form fields for the registry's keys."""

    @property
    def formfields(self):
        formfields = super().formfields
        for field in self.fields:
            key = field.clean_name
            if key not in REGISTRY_FIELDS:
                continue
            options = self.get_field_options(field)
            formfields[key] = self.registry_field(key, options)
        return formfields

    def registry_field(self, key, options):
        label, help_text = options["label"], options.get("help_text", "")
        common = {"label": label, "help_text": help_text}
        text_lengths = {
            "organization": 200,
            "city": 120,
            "contact_name": 200,
            "role": 200,
        }
        if key in text_lengths:
            return forms.CharField(
                required=key != "role" or options["required"],
                max_length=text_lengths[key],
                validators=[single_line],
                **common,
            )
        if key == "email":
            return forms.EmailField(required=True, max_length=254, **common)
        if key == "phone":
            return forms.CharField(
                required=options["required"],
                max_length=40,
                validators=[single_line, phone_chars],
                **common,
            )
        if key == "kind":
            return forms.ChoiceField(
                choices=ParticipantKind.choices, required=True, **common
            )
        if key == "country":
            return forms.ChoiceField(
                choices=country_choices,
                required=True,
                error_messages={"invalid_choice": _("Choose a country from the list.")},
                **common,
            )
        if key == "language":
            return forms.ChoiceField(
                choices=language_choices,
                required=True,
                initial=get_language(),
                **common,
            )
        # consent: to be listed on the site; optional, the sign-up works without.
        return forms.BooleanField(required=False, **common)


def store_signup(page, form, spam_reason: str = ""):
    """The inquiry and, unless it waits for a person, its participant: one
    transaction, so neither exists without the other."""
    with transaction.atomic():
        inquiry = submission.store(page, form, spam_reason=spam_reason)
        if inquiry.status not in (InquiryStatus.SPAM, InquiryStatus.TO_REVIEW):
            create_participant(page, inquiry)
    return inquiry


def release_signup(inquiry) -> None:
    """From the inbox: not spam, or reviewed. Creates the participant now."""
    with transaction.atomic():
        was_spam = inquiry.status == InquiryStatus.SPAM
        if was_spam:
            submission.release(inquiry)
        else:
            inquiry.status = InquiryStatus.NEW
            inquiry.spam_reason = ""
            inquiry.save(update_fields=["status", "spam_reason"])
        if not inquiry.participants.exists():
            create_participant(inquiry.page.specific, inquiry)


def source_campaign(page):
    """The Spanish campaign a sign-up page (in any language) belongs to."""
    campaign = page.get_parent().specific
    if campaign.locale.language_code == settings.LANGUAGE_CODE:
        return campaign
    return campaign.get_translation(
        campaign.locale.__class__.objects.get(language_code=settings.LANGUAGE_CODE)
    ).specific


def create_participant(page, inquiry) -> Participant:
    data = inquiry.form_data
    language = data.get("language") or inquiry.language or settings.LANGUAGE_CODE
    participant = Participant(
        campaign=source_campaign(page),
        name=re.sub(r"\s+", " ", str(data.get("organization", ""))).strip()[:200],
        kind=data.get("kind") or ParticipantKind.ORGANIZATION,
        country=data.get("country", ""),
        city=str(data.get("city", ""))[:120],
        original_language=language,
        status=ParticipantStatus.INTERESTED,
        listing_consent=bool(data.get("consent")),
        inquiry=inquiry,
    )
    participant.save()
    ParticipantStatusChange.objects.create(
        participant=participant,
        old_status="",
        new_status=ParticipantStatus.INTERESTED,
    )
    ParticipantContact.objects.create(
        participant=participant,
        name=str(data.get("contact_name", ""))[:200],
        role=str(data.get("role", ""))[:200],
        email=str(data.get("email", ""))[:254],
        phone=str(data.get("phone", ""))[:40],
        language=language,
    )
    return participant
