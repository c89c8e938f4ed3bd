"""What staff read about an inquiry at a glance, in their own language: who wrote
(name and email), about what (the subject choice's label, never its key), and the
form's labels in the officer's language.

A form is built by editors, so the fields are found by type and key: the email is
the first email field; the name the first single-line field whose key says "name"
(``nombre``, ``name``, ``nome``, ``nom``…), else the first single-line field; the
subject the first drop-down or radio field whose key says "subject" (``asunto``,
``tema``, ``subject``…), else the first drop-down or radio field. Keys and choice
keys are synchronised across translations, so the officer's translation labels the
same keys.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

NAME_KEYS = ("nombre", "name", "nome", "nom")
SUBJECT_KEYS = ("asunto", "tema", "subject", "assunto", "objet", "topic")
CHOICE_TYPES = ("dropdown", "radio")


def localized_form(page, language_code: str | None = None):
    """The specific translation of form ``page`` in ``language_code`` (default: the
    active language, the officer's in the admin), else ``page`` itself."""
    page = page.specific
    try:
        code = get_supported_content_language_variant(language_code or get_language())
    except LookupError:
        return page
    if page.locale.language_code == code:
        return page
    locale = Locale.objects.filter(language_code=code).first()
    translation = page.get_translation_or_none(locale) if locale else None
    return translation.specific if translation is not None else page


def _first(fields, types, keys):
    typed = [f for f in fields if f.field_type in types]
    for candidate in typed:
        if any(key in candidate.clean_name for key in keys):
            return candidate
    return typed[0] if typed else None


@dataclass
class FormShape:
    """Which answers are the name, the email and the subject, and the subject's
    labels by choice key."""

    name_key: str = ""
    email_key: str = ""
    subject_key: str = ""
    subject_labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, page) -> "FormShape":
        fields = list(page.form_fields.all())
        name = _first(fields, ("singleline",), NAME_KEYS)
        email = _first(fields, ("email",), ())
        subject = _first(fields, CHOICE_TYPES, SUBJECT_KEYS)
        return cls(
            name_key=name.clean_name if name else "",
            email_key=email.clean_name if email else "",
            subject_key=subject.clean_name if subject else "",
            subject_labels=dict(subject.choice_pairs) if subject else {},
        )

    def _answer(self, inquiry, key) -> str:
        value = inquiry.form_data.get(key, "") if key else ""
        return value if isinstance(value, str) else ""

    def name(self, inquiry) -> str:
        return self._answer(inquiry, self.name_key)

    def email(self, inquiry) -> str:
        return self._answer(inquiry, self.email_key)

    def subject(self, inquiry) -> str:
        value = self._answer(inquiry, self.subject_key)
        return self.subject_labels.get(value, value)


def shapes_for(inquiries, language_code: str | None = None) -> dict:
    """{form_key: FormShape} for the forms of ``inquiries``, labelled in
    ``language_code``: a few queries per distinct form, not per inquiry."""
    shapes = {}
    for inquiry in inquiries:
        if inquiry.form_key not in shapes:
            page = localized_form(inquiry.page, language_code)
            shapes[inquiry.form_key] = FormShape.of(page)
    return shapes


def full_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
