"""Every page type and reader-visible snippet round-trips through the real admin.

Spanish source → submit to en, pt-br, fr (wagtail-localize's submit view) → type the
strings in the translation editor's API → publish (the editor's Publish action) →
a reader sees the translated words at the translated URL. Then the source is edited
and published, synced (the update view): the new string shows untranslated in the
editor, the status report says "outdated", and once the translation is published
again readers see the new Spanish words in place of a translation.
"""

import re
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse

import pytest

from tests import localize_helpers as lh

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TARGETS = lh.TARGETS


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def image(media):
    from wagtail.images.tests.utils import get_test_image_file

    from core.models import CustomImage

    return CustomImage.objects.create(title="Foto", file=get_test_image_file())


@dataclass
class Ctx:
    home: object
    user: object
    image: object
    translate_home: bool = True
    built: dict = field(default_factory=dict)

    def child(self, parent, instance, translate=True):
        page = lh.add_page(parent, instance)
        if translate:
            lh.translate_directly(page, user=self.user)
        return page


# --- Page specs: build the Spanish source, return it and the words readers must see --


def home_spec(ctx):
    home = ctx.home
    home.headline = "Comercio justo desde el origen"
    home.intro = "Somos la red de pequeños productores"
    home.hero_image = ctx.image
    home.hero_image_alt = "Productoras durante la cosecha de café"
    lh.publish(home)
    return home, [home.headline, home.intro, home.hero_image_alt]


def standard_spec(ctx):
    from home.models import StandardPage

    body = [
        ("heading", {"text": "Nuestra historia", "level": "h2"}),
        ("paragraph", "<p>La red nació en el año dos mil cuatro</p>"),
        (
            "image",
            {
                "image": {
                    "image": ctx.image,
                    "alt_text": "Asamblea de la red en Panamá",
                    "decorative": False,
                },
                "caption": "Asamblea general",
            },
        ),
    ]
    page = StandardPage(
        title="Quiénes somos",
        slug="quienes-somos",
        intro="La coordinadora de pequeños productores",
        hero_image=ctx.image,
        hero_image_alt="Vista de un cafetal",
    )
    page.body = body
    page = lh.add_page(ctx.home, page)
    return page, [
        "Quiénes somos",
        page.intro,
        page.hero_image_alt,
        "Nuestra historia",
        "La red nació en el año dos mil cuatro",
        "Asamblea de la red en Panamá",
        "Asamblea general",
    ]


def strategy(ctx, translate=True):
    from campaigns.models import StrategyPage

    if "strategy" not in ctx.built:
        page = StrategyPage(
            title="Estrategia de incidencia",
            slug="estrategia",
            intro="Por qué hacemos incidencia política",
            levels_heading="Niveles de acción",
        )
        page.levels = [
            (
                "level",
                {"title": "Nivel nacional", "description": "Trabajo con gobiernos"},
            )
        ]
        ctx.built["strategy"] = ctx.child(ctx.home, page, translate)
    return ctx.built["strategy"]


def strategy_spec(ctx):
    page = strategy(ctx, translate=False)
    return page, [
        page.title,
        page.intro,
        page.levels_heading,
        "Nivel nacional",
        "Trabajo con gobiernos",
    ]


def objective_spec(ctx):
    from campaigns.models import ObjectivePage

    page = lh.add_page(
        strategy(ctx),
        ObjectivePage(
            title="Influir en políticas públicas",
            slug="influir",
            summary="Leyes que favorecen a los pequeños productores",
            image=ctx.image,
            image_alt="Reunión con autoridades",
        ),
    )
    return page, [page.title, page.summary, page.image_alt]


def campaign_index(ctx, translate=True):
    from campaigns.models import CampaignIndexPage

    if "campaign_index" not in ctx.built:
        ctx.built["campaign_index"] = ctx.child(
            ctx.home,
            CampaignIndexPage(
                title="Campañas", slug="campanas", intro="Nuestras campañas activas"
            ),
            translate,
        )
    return ctx.built["campaign_index"]


def campaign_index_spec(ctx):
    page = campaign_index(ctx, translate=False)
    return page, [page.title, page.intro]


def campaign(ctx, translate=True):
    from campaigns.models import CampaignPage

    if "campaign" not in ctx.built:
        ctx.built["campaign"] = ctx.child(
            campaign_index(ctx),
            CampaignPage(
                title="Universidades por el comercio justo",
                slug="universidades",
                tagline="Las universidades se suman",
                goal="Cien universidades comprometidas",
                take_part_heading="Participa",
                take_part_text="Inscribe a tu universidad",
            ),
            translate,
        )
    return ctx.built["campaign"]


def campaign_spec(ctx):
    page = campaign(ctx, translate=False)
    return page, [page.title, page.tagline, page.goal, page.take_part_text]


def form_fields():
    return [
        {
            "label": "Nombre de la institución",
            "help_text": "Como aparece en documentos oficiales",
            "field_type": "singleline",
            "required": True,
        },
        {
            "label": "Tipo de institución",
            "field_type": "dropdown",
            "required": True,
            "choices": "university\ntown",
            "choice_labels": "Universidad\nMunicipio",
        },
    ]


def add_form_page(parent, model, field_model, **kwargs):
    page = model(thank_you_text="Gracias por escribirnos", **kwargs)
    page.form_fields = [field_model(**spec) for spec in form_fields()]
    return lh.add_page(parent, page)


def signup_spec(ctx):
    from campaigns.models import CampaignSignupFormField, CampaignSignupPage

    page = add_form_page(
        campaign(ctx),
        CampaignSignupPage,
        CampaignSignupFormField,
        title="Inscripción de universidades",
        slug="inscripcion",
        intro="Completa el formulario de inscripción",
    )
    return page, [
        page.title,
        page.intro,
        "Nombre de la institución",
        "Como aparece en documentos oficiales",
        "Universidad",
    ]


def contact_spec(ctx):
    from inquiries.models import ContactFormField, ContactPage

    page = add_form_page(
        ctx.home,
        ContactPage,
        ContactFormField,
        title="Contacto",
        slug="contacto",
        intro="Escríbenos y te respondemos",
        to_address="oficina@example.org",
    )
    return page, [page.title, page.intro, "Nombre de la institución", "Universidad"]


def news_index(ctx, translate=True):
    from news.models import NewsIndexPage

    if "news_index" not in ctx.built:
        ctx.built["news_index"] = ctx.child(
            ctx.home,
            NewsIndexPage(
                title="Noticias", slug="noticias", intro="Lo último de la red"
            ),
            translate,
        )
    return ctx.built["news_index"]


def news_index_spec(ctx):
    page = news_index(ctx, translate=False)
    return page, [page.title, page.intro]


def news(ctx, translate=True):
    from news.models import NewsPage

    if "news" not in ctx.built:
        page = NewsPage(
            title="Encuentro regional en Lima",
            slug="encuentro-lima",
            summary="Productores de doce países se reunieron",
        )
        page.body = [("paragraph", "<p>El encuentro duró tres días</p>")]
        ctx.built["news"] = ctx.child(news_index(ctx), page, translate)
    return ctx.built["news"]


def news_spec(ctx):
    page = news(ctx, translate=False)
    return page, [page.title, page.summary, "El encuentro duró tres días"]


PAGE_SPECS = {
    "HomePage": home_spec,
    "StandardPage": standard_spec,
    "StrategyPage": strategy_spec,
    "ObjectivePage": objective_spec,
    "CampaignIndexPage": campaign_index_spec,
    "CampaignPage": campaign_spec,
    "CampaignSignupPage": signup_spec,
    "ContactPage": contact_spec,
    "NewsIndexPage": news_index_spec,
    "NewsPage": news_spec,
}


def status_cells(admin, page):
    response = admin.get(reverse("translation_status"))
    assert response.status_code == 200
    row = re.search(
        rf'<tr data-page="{page.pk}">(.*?)</tr>', response.content.decode(), re.S
    )
    assert row, "the page is listed in the status report"
    return dict(re.findall(r'data-locale="([\w-]+)" data-status="(\w+)"', row.group(1)))


@pytest.fixture
def ctx(home_es, superuser, image):
    return Ctx(home=home_es, user=superuser, image=image)


@pytest.mark.parametrize("page_type", list(PAGE_SPECS))
def test_page_type_round_trips_in_every_language(page_type, ctx, admin, reader):
    if page_type != "HomePage":
        lh.translate_directly(ctx.home, user=ctx.user)
    page, words = PAGE_SPECS[page_type](ctx)
    assert page.__class__.__name__ == page_type

    response = lh.submit(admin, page)
    assert response.status_code == 302

    for code in TARGETS:
        translation = lh.translation_for(page, code)
        target = translation.get_target_instance()
        # A new translation is a draft: readers do not get it.
        assert not target.live
        draft = reader.get(f"/{code}/" if page_type == "HomePage" else target.url)
        if page_type == "HomePage":
            assert f"[{code}]" not in draft.content.decode()
        else:
            assert draft.status_code == 404

        assert lh.translate_strings_via_api(admin, translation) >= len(words)
        assert lh.publish_translation(admin, target).status_code == 302
        target.refresh_from_db()
        assert target.live

        assert target.url.startswith(f"/{code}/")
        if page_type != "HomePage":
            assert target.url.rstrip("/").endswith(f"{page.slug}-{code}")
        response = reader.get(target.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        for word in words:
            assert f"[{code}] {word}" in html, (code, word)
        assert "notice--untranslated" not in html

    assert set(status_cells(admin, page).values()) == {"up_to_date"}

    # The source changes: publish it, the report says outdated (needs a sync).
    page.title = "Título revisado de la página"
    lh.publish(page)
    assert set(status_cells(admin, page).values()) == {"outdated"}

    assert lh.sync(admin, page).status_code == 302
    cells = status_cells(admin, page)
    assert set(cells.values()) == {"outdated"}  # synced, not yet published
    for code in TARGETS:
        target = lh.translation_for(page, code).get_target_instance()
        assert lh.untranslated_sources(admin, target) == [
            "Título revisado de la página"
        ]
        assert lh.publish_translation(admin, target).status_code == 302
        html = reader.get(target.url).content.decode()
        # Untranslated, the new words show in Spanish; the rest stays translated.
        assert "Título revisado de la página" in html
        assert f"[{code}] {words[-1]}" in html
    assert set(status_cells(admin, page).values()) == {"up_to_date"}


def test_form_fields_keep_keys_and_choice_values_in_every_language(ctx, admin, reader):
    lh.translate_directly(ctx.home, user=ctx.user)
    page, _words = contact_spec(ctx)
    lh.submit(admin, page)
    # In the editor's order (ties broken by creation: rows made outside the admin
    # may share a sort order, and PostgreSQL returns ties in any order).
    keys = list(
        page.form_fields.order_by("sort_order", "pk").values_list(
            "clean_name", "choices"
        )
    )
    for code in TARGETS:
        translation = lh.translation_for(page, code)
        lh.translate_strings_via_api(admin, translation)
        target = translation.get_target_instance()
        lh.publish_translation(admin, target)
        target.refresh_from_db()
        assert (
            list(
                target.form_fields.order_by("sort_order", "pk").values_list(
                    "clean_name", "choices"
                )
            )
            == keys
        )
        assert target.to_address == "oficina@example.org"
        html = reader.get(target.url).content.decode()
        assert 'value="university"' in html
        assert f"[{code}] Universidad" in html


# --- Snippets --------------------------------------------------------------------------


def menu_spec(ctx):
    from core.models import MainMenu
    from home.models import StandardPage

    about = ctx.child(ctx.home, StandardPage(title="Acerca", slug="acerca"))
    menu = MainMenu(locale=ctx.home.locale, name="Menú principal")
    menu.items = [("item", {"page": about, "label": "Quiénes somos"})]
    return lh.publish_snippet(menu), ["Quiénes somos"], ctx.home, "label"


def footer_spec(ctx):
    from core.models import Footer

    footer = Footer(
        locale=ctx.home.locale,
        about="<p>Red de pequeños productores de comercio justo</p>",
        address="Ciudad del Saber, Panamá",
    )
    return (
        lh.publish_snippet(footer),
        ["Red de pequeños productores de comercio justo"],
        ctx.home,
        "about",
    )


def cta_spec(ctx):
    from core.models import CallToAction
    from home.models import HomePage

    cta = lh.publish_snippet(
        CallToAction(
            locale=ctx.home.locale,
            title="Escríbenos hoy",
            text="Respondemos en pocos días",
            button_text="Contactar",
            page=ctx.home,
        )
    )
    # The home pages' synchronised call to action (as a sync would set it).
    HomePage.objects.filter(translation_key=ctx.home.translation_key).update(
        call_to_action=cta
    )
    return (
        cta,
        ["Escríbenos hoy", "Respondemos en pocos días", "Contactar"],
        ctx.home,
        "title",
    )


def partner_spec(ctx):
    from campaigns.models import CampaignPagePartner, Partner

    partner = lh.publish_snippet(
        Partner(
            locale=ctx.home.locale,
            name="Fundación Semillas",
            description="Apoya a cooperativas jóvenes",
            website="https://example.org/",
        )
    )
    page = campaign(ctx, translate=False)
    CampaignPagePartner.objects.create(page=page, partner=partner)
    lh.publish(page)
    lh.translate_directly(page, user=ctx.user)
    return partner, ["Apoya a cooperativas jóvenes"], page, "description"


def topic_spec(ctx):
    from core.models import Topic
    from news.models import NewsPageTopic

    topic = lh.publish_snippet(
        Topic(locale=ctx.home.locale, name="Cambio climático", slug="clima")
    )
    page = news(ctx, translate=False)
    NewsPageTopic.objects.create(page=page, topic=topic)
    lh.publish(page)
    lh.translate_directly(page, user=ctx.user)
    return topic, ["Cambio climático"], page, "name"


def person_spec(ctx):
    from news.models import NewsPageAuthor, Person

    person = lh.publish_snippet(
        Person(
            locale=ctx.home.locale, name="Ana Pérez", role="Coordinadora de incidencia"
        )
    )
    page = news(ctx, translate=False)
    NewsPageAuthor.objects.create(page=page, person=person)
    lh.publish(page)
    lh.translate_directly(page, user=ctx.user)
    return person, ["Coordinadora de incidencia"], page, "role"


SNIPPET_SPECS = {
    "MainMenu": menu_spec,
    "Footer": footer_spec,
    "CallToAction": cta_spec,
    "Partner": partner_spec,
    "Topic": topic_spec,
    "Person": person_spec,
}


@pytest.mark.parametrize("snippet_type", list(SNIPPET_SPECS))
def test_snippet_round_trips_in_every_language(snippet_type, ctx, admin, reader):
    lh.translate_directly(ctx.home, user=ctx.user)
    snippet, words, shown_on, edited_field = SNIPPET_SPECS[snippet_type](ctx)
    assert snippet.__class__.__name__ == snippet_type

    response = lh.submit(admin, snippet)
    assert response.status_code == 302

    for code in TARGETS:
        translation = lh.translation_for(snippet, code)
        target = translation.get_target_instance()
        page_url = shown_on.get_translation(lh.locales(code)[0]).url
        assert not target.live  # a draft until someone publishes it
        lh.translate_strings_via_api(admin, translation)
        assert f"[{code}] {words[0]}" not in reader.get(page_url).content.decode()

        assert lh.publish_translation(admin, target).status_code == 302
        target.refresh_from_db()
        assert target.live
        html = reader.get(page_url).content.decode()
        for word in words:
            assert f"[{code}] {word}" in html, (code, word)

    # Edit and publish the source, sync: the new words are untranslated.
    new_text = "Texto nuevo sin traducir"
    if edited_field == "about":
        new_text_html = f"<p>{new_text}</p>"
    elif edited_field == "label":
        item = snippet.items[0].value
        snippet.items = [("item", {"page": item["page"], "label": new_text})]
        new_text_html = None
    else:
        new_text_html = new_text
    if new_text_html is not None:
        setattr(snippet, edited_field, new_text_html)
    lh.publish_snippet(snippet)
    assert lh.sync(admin, snippet).status_code == 302
    for code in TARGETS:
        target = lh.translation_for(snippet, code).get_target_instance()
        assert new_text in lh.untranslated_sources(admin, target)
        lh.publish_translation(admin, target)
        page_url = shown_on.get_translation(lh.locales(code)[0]).url
        assert new_text in reader.get(page_url).content.decode()


def test_machine_translation_fills_a_page_through_the_admin(ctx, admin, reader):
    from home.models import StandardPage

    lh.translate_directly(ctx.home, user=ctx.user)
    page = lh.add_page(
        ctx.home,
        StandardPage(
            title="Comercio justo", slug="comercio", intro="precios justos siempre"
        ),
    )
    lh.submit(admin, page, codes=("fr",))
    translation = lh.translation_for(page, "fr")
    target = translation.get_target_instance()
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = admin.post(url, {"next": lh.edit_url(target)})
    assert response.status_code == 302
    assert lh.untranslated_sources(admin, target) == []
    lh.publish_translation(admin, target)
    target.refresh_from_db()
    html = reader.get(target.url).content.decode()
    # The dummy translator reverses the words.
    assert "siempre justos precios" in html
    assert "justo Comercio" in html
