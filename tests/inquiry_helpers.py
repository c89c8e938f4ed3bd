"""Presets for the inquiry tests on top of ``demo.tree``: a contact page with
fields, its translation, and a valid POST (consent given, honeypot empty, a token
served a minute ago)."""

import time

from wagtail.models import Locale

from demo import tree
from inquiries.forms import CONSENT_FIELD, HONEYPOT_FIELD, TOKEN_FIELD
from inquiries.models import ContactFormField, ContactPage
from inquiries.spam import issue_token

STAFF = "equipo@clac.test"
FIELDS = [
    # label, type, required, choice keys, choice labels
    ("Nombre", "singleline", True, "", ""),
    ("Correo electrónico", "email", True, "", ""),
    ("Tema", "dropdown", False, "general\nprensa", "General\nPrensa"),
    ("Mensaje", "multiline", True, "", ""),
]


def make_contact_page(
    home,
    *,
    slug="contacto",
    title="Contacto",
    to_address=STAFF,
    subject="Nuevo mensaje desde la web",
    send_confirmation=False,
    privacy_page=None,
    fields=FIELDS,
):
    page = ContactPage(
        title=title,
        slug=slug,
        intro="Escríbenos.",
        thank_you_text="Gracias, te responderemos pronto.",
        to_address=to_address,
        subject=subject,
        send_confirmation=send_confirmation,
        privacy_page=privacy_page,
    )
    for order, (label, field_type, required, choices, labels) in enumerate(fields):
        page.form_fields.add(
            ContactFormField(
                label=label,
                field_type=field_type,
                required=required,
                choices=choices,
                choice_labels=labels,
                sort_order=order,
            )
        )
    return tree.publish(home, page)


def translate_page(
    page, language_code, *, title, thank_you_text, labels=None, choice_labels=None
):
    """A published translation; ``labels`` maps Spanish labels to translated ones,
    ``choice_labels`` Spanish labels to the translated choice labels."""
    locale = Locale.objects.get(language_code=language_code)
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.thank_you_text = thank_you_text
    for field in copy.form_fields.all():
        spanish = field.label
        field.label = (labels or {}).get(spanish, spanish)
        field.choice_labels = (choice_labels or {}).get(spanish, field.choice_labels)
        field.save()  # a saved page's relation is read from the database
    copy.save_revision().publish()
    for parent in copy.get_ancestors().filter(depth__gt=1):
        if not parent.live:
            parent.specific.save_revision().publish()
    return copy.specific


def valid_post(page, *, age=60.0, **overrides):
    data = {
        "nombre": "Ana Pérez",
        "correo_electronico": "ana@example.org",
        "tema": "general",
        "mensaje": "Hola, quisiera saber más sobre el comercio justo.",
        CONSENT_FIELD: "on",
        HONEYPOT_FIELD: "",
        TOKEN_FIELD: issue_token(page.translation_key, issued_at=time.time() - age),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
