"""Small builders for test pages (no factory library needed for our tree)."""

from django.utils import timezone

from wagtail.models import Locale

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignSignupFormField,
    CampaignSignupPage,
    ObjectivePage,
    StrategyPage,
)
from home.models import StandardPage
from inquiries.models import ContactFormField, ContactPage
from news.models import NewsIndexPage, NewsPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# The keys of the pages build_tree() returns, one per page type.
PAGE_KEYS = [
    "home",
    "standard",
    "strategy",
    "objective",
    "campaign_index",
    "campaign",
    "signup",
    "contact",
    "news_index",
    "news",
]


def build_tree(home):
    """One page of every type under ``home`` (Spanish), published."""
    pages = {"home": home}
    pages["standard"] = publish(home, StandardPage(title="Sobre la CLAC", slug="sobre"))
    pages["strategy"] = publish(
        home,
        StrategyPage(
            title="Estrategia", slug="estrategia", intro="Incidencia política."
        ),
    )
    pages["objective"] = publish(
        pages["strategy"],
        ObjectivePage(
            title="Incidir", slug="incidir", summary="Incidir en decisiones."
        ),
    )
    pages["campaign_index"] = publish(
        home, CampaignIndexPage(title="Campañas", slug="campanas")
    )
    pages["campaign"] = publish(
        pages["campaign_index"],
        CampaignPage(
            title="Universidades por el Comercio Justo",
            slug="universidades",
            tagline="Universidades comprometidas",
            goal="Una red de universidades.",
        ),
    )
    signup = CampaignSignupPage(
        title="Inscripción",
        slug="inscripcion",
        thank_you_text="¡Gracias!",
        to_address="campanas@example.org",
    )
    signup.form_fields.add(
        CampaignSignupFormField(
            label="Institución", field_type="singleline", required=True
        )
    )
    pages["signup"] = publish(pages["campaign"], signup)
    contact = ContactPage(
        title="Contacto",
        slug="contacto",
        thank_you_text="¡Gracias!",
        to_address="info@example.org",
    )
    contact.form_fields.add(ContactFormField(label="Nombre", field_type="singleline"))
    contact.form_fields.add(ContactFormField(label="Correo", field_type="email"))
    pages["contact"] = publish(home, contact)
    pages["news_index"] = publish(
        home, NewsIndexPage(title="Noticias", slug="noticias")
    )
    pages["news"] = publish(
        pages["news_index"],
        NewsPage(
            title="Una noticia",
            slug="una-noticia",
            summary="Resumen.",
            date=timezone.localdate(),
        ),
    )
    return pages


def translate_tree(pages, language_code, suffix):
    """Copy every page into ``language_code`` (parents first), retitled and published."""
    locale = Locale.objects.get(language_code=language_code)
    translated = {}
    for key, page in pages.items():
        copy = page.copy_for_translation(locale, copy_parents=True)
        copy.title = f"{page.title} {suffix}"
        copy.save_revision().publish()
        translated[key] = copy
    return translated
