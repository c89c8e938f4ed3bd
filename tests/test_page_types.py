"""Every page type: where it may live, that it renders in all four languages with
its translated title, and that an editor (not a superuser) creates it in the admin."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignSignupPage,
    CountryNetworkIndexPage,
    ObjectivePage,
    ParticipantDirectoryPage,
    StrategyPage,
)
from demo.tree import PAGE_KEYS, SIGNUP_FIELDS, build_tree, translate_tree
from home.models import HomePage, StandardPage
from inquiries.models import ContactPage
from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

SUFFIX = {"en": "(EN)", "pt-br": "(PT)", "fr": "(FR)"}


@pytest.mark.parametrize(
    ("model", "parents", "children"),
    [
        (
            HomePage,
            {Page},
            {StandardPage, StrategyPage, CampaignIndexPage, NewsIndexPage, ContactPage},
        ),
        (StandardPage, {HomePage, StandardPage, CampaignPage}, {StandardPage}),
        (StrategyPage, {HomePage}, {ObjectivePage}),
        (ObjectivePage, {StrategyPage}, set()),
        (CampaignIndexPage, {HomePage}, {CampaignPage, CountryNetworkIndexPage}),
        (CountryNetworkIndexPage, {CampaignIndexPage}, set()),
        (
            CampaignPage,
            {CampaignIndexPage},
            {CampaignSignupPage, ParticipantDirectoryPage, StandardPage},
        ),
        (CampaignSignupPage, {CampaignPage}, set()),
        (ParticipantDirectoryPage, {CampaignPage}, set()),
        (ContactPage, {HomePage}, set()),
        (NewsIndexPage, {HomePage}, {NewsPage}),
        (NewsPage, {NewsIndexPage}, set()),
    ],
)
def test_allowed_parents_and_children(model, parents, children):
    assert set(model.allowed_parent_page_models()) == parents
    assert set(model.allowed_subpage_models()) == children


@pytest.fixture
def tree(home_es):
    pages = build_tree(home_es)
    translations = {
        code: translate_tree(pages, code, suffix) for code, suffix in SUFFIX.items()
    }
    return pages, translations


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_type_renders_in_four_languages(client, tree, key):
    pages, translations = tree
    source = pages[key]
    response = client.get(source.url)
    assert response.status_code == 200
    assert b'<html lang="es">' in response.content
    for code, suffix in SUFFIX.items():
        page = translations[code][key]
        assert page.url.startswith(f"/{code}/")
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        assert f"{source.title} {suffix}" in html


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


def base_data(title, slug, **extra):
    return {"title": title, "slug": slug, **extra}


def form_fields_data(label):
    return inline_formset(
        [
            {
                "label": label,
                "field_type": "singleline",
                "required": "on",
                "choices": "",
                "choice_labels": "",
                "default_value": "",
                "help_text": "",
            }
        ]
    )


def signup_fields_data(label):
    """The registry's fixed fields (demo.tree.SIGNUP_FIELDS) as the admin posts them."""
    return inline_formset(
        [
            {
                "registry_key": key,
                "label": label if key == "organization" else field_label,
                "field_type": field_type,
                "required": "on" if required else "",
                "choices": "",
                "choice_labels": "",
                "default_value": "",
                "help_text": "",
            }
            for key, field_label, field_type, required in SIGNUP_FIELDS
        ]
    )


EMPTY_FORMSETS = {
    "related_campaigns": inline_formset([]),
    "partners": inline_formset([]),
    "topics": inline_formset([]),
    "authors": inline_formset([]),
    "related_pages": inline_formset([]),
    "publication_files": inline_formset([]),
}


def test_editor_creates_every_page_type_in_the_admin(client, editor, home_es):
    client.force_login(editor)
    pages = build_tree(home_es)
    cases = [
        (
            StandardPage,
            home_es,
            base_data("Privacidad", "privacidad", body=streamfield([])),
        ),
        (
            ObjectivePage,
            pages["strategy"],
            base_data(
                "Alianzas",
                "alianzas",
                summary="Alianzas estratégicas.",
                body=streamfield([]),
                related_campaigns=inline_formset([]),
                topics=inline_formset([]),
            ),
        ),
        (
            CampaignPage,
            pages["campaign_index"],
            base_data(
                "Pueblos por el Comercio Justo",
                "pueblos",
                tagline="Ciudades justas",
                goal="Ciudades que apoyan el comercio justo.",
                take_part_heading="Participa",
                body=streamfield([]),
                resources=streamfield([]),
                partners=inline_formset([]),
                topics=inline_formset([]),
            ),
        ),
        (
            CampaignSignupPage,
            pages["campaign"],
            base_data(
                "Inscribirse",
                "inscribirse",
                thank_you_text="Gracias",
                to_address="a@example.org",
                form_fields=signup_fields_data("Institución"),
            ),
        ),
        (
            NewsPage,
            pages["news_index"],
            base_data(
                "Nueva noticia",
                "nueva-noticia",
                date="2026-11-01",
                news_type="news",
                summary="Resumen.",
                body=streamfield([]),
                **{
                    k: v
                    for k, v in EMPTY_FORMSETS.items()
                    if k in ("authors", "topics", "related_pages", "publication_files")
                },
            ),
        ),
    ]
    for model, parent, data in cases:
        response = client.get(add_url(model, parent))
        assert response.status_code == 200, model
        post = nested_form_data(data)
        response = client.post(add_url(model, parent), post)
        assert response.status_code == 302, (
            model,
            response.context and response.context["form"].errors,
        )
        assert model.objects.filter(slug=data["slug"]).exists(), model


def test_editor_cannot_create_a_page_in_the_wrong_place(client, editor, home_es):
    """Wagtail refuses with a redirect to the dashboard and an error message."""
    client.force_login(editor)
    response = client.post(
        add_url(NewsPage, home_es),
        nested_form_data(
            base_data("Perdida", "perdida", summary="x", body=streamfield([]))
        ),
    )
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert not NewsPage.objects.filter(slug="perdida").exists()


def test_a_signup_page_without_the_registry_fields_is_refused(client, editor, home_es):
    """The registry reads fixed keys: the admin refuses a sign-up page that lacks
    one, names what is missing, and stores nothing."""
    client.force_login(editor)
    pages = build_tree(home_es)
    data = base_data(
        "Sin campos",
        "sin-campos",
        thank_you_text="Gracias",
        to_address="a@example.org",
        form_fields=form_fields_data("Institución"),
    )
    url = add_url(CampaignSignupPage, pages["campaign"])
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Country" in errors or "País" in errors
    assert not CampaignSignupPage.objects.filter(slug="sin-campos").exists()
