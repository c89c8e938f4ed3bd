"""``manage.py load_demo_content``: the whole demo, loaded once for this module.

The demo is loaded twice inside one transaction that is rolled back when the module
ends (so other test modules see the bare bootstrapped site), with media written to
a temporary folder. Every test here reads that shared state and rolls back its own
changes on top of it.
"""

import datetime
import html
import json
import re
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import querydict_from_html
from wagtail_localize.models import StringTranslation, Translation

import pytest

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignSignupPage,
    ObjectivePage,
    ObjectivePageTopic,
    Partner,
    StrategyPage,
)
from campaigns.models.registry import REGISTRY_FIELDS
from core.models import CallToAction, Footer, MainMenu, Topic
from demo import content
from demo.accounts import ACCOUNTS
from demo.images import RENDITIONS
from demo.texts import TRANSLATIONS
from home.bootstrap import role_group
from home.models import HomePage, StandardPage
from inquiries.models import ContactPage
from news.models import NewsIndexPage, NewsPage, Person

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANGUAGES = ["es", "en", "pt-br", "fr"]
TARGETS = ["en", "pt-br", "fr"]
DEMO_PASSWORD = "demo-test-password"
PAGE_TYPES = [
    HomePage,
    StandardPage,
    StrategyPage,
    ObjectivePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignSignupPage,
    NewsIndexPage,
    NewsPage,
    ContactPage,
]
SNIPPET_TYPES = [MainMenu, Footer, CallToAction, Partner, Topic, Person]
# Words of the Spanish titles that no English, Portuguese or French title contains.
SPANISH_MARKERS = {
    "inicio",
    "estrategia",
    "incidencia",
    "campañas",
    "noticias",
    "quiénes",
    "privacidad",
    "declaración",
    "contacto",
    "pueblos",
    "ciudades",
    "inscribe",
    "pronunciamiento",
    "investigación",
    "estudio",
}


def row_counts() -> dict[str, int]:
    """Rows of every concrete model of every app (many-to-many tables included)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.label] = model._base_manager.count()
    return counts


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html" and self.html_lang is None:
            self.html_lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


@dataclass
class Crawled:
    status: int
    content_type: str
    html_lang: str | None
    text: str


def crawl(client, language, limit=600) -> dict[str, Crawled]:
    """Every internal link reachable from a language's home (same prefix + documents)."""
    prefix = f"/{language}/"
    queue = [prefix]
    seen = {prefix}
    results = {}
    while queue and len(results) < limit:
        url = queue.pop(0)
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        # The test client closes responses itself (closing one again here would
        # close the database connection: request_finished).
        if response.streaming:
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        text = body.decode("utf-8", "replace") if "text/html" in content_type else ""
        parser = LinkParser()
        if text:
            parser.feed(text)
        results[url] = Crawled(
            response.status_code, content_type, parser.html_lang, text
        )
        for href in parser.links:
            href = urldefrag(html.unescape(href)).url
            if not href or urlsplit(href).netloc:
                continue
            if (href.startswith(prefix) or href.startswith("/documents/")) and (
                href not in seen
            ):
                seen.add(href)
                queue.append(href)
    return results


@dataclass
class Demo:
    first_seconds: float
    first_cpu_seconds: float
    second_seconds: float
    counts_first: dict
    counts_second: dict
    result: object
    output: str


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    settings_override = override_settings(
        MEDIA_ROOT=str(media),
        DEMO_ACCOUNTS_FILE=str(tmp_path_factory.mktemp("demo-accounts") / "a.json"),
    )
    settings_override.enable()
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", DEMO_PASSWORD)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from demo.loader import load_demo_content

            started, cpu_started = time.monotonic(), time.process_time()
            output = StringIO()
            call_command("load_demo_content", stdout=output)
            first_seconds = time.monotonic() - started
            first_cpu_seconds = time.process_time() - cpu_started
            counts_first = row_counts()
            started = time.monotonic()
            result = load_demo_content()
            second_seconds = time.monotonic() - started
            counts_second = row_counts()
            # Shown with -s (or on a failure): the figures this module measures.
            sys.stderr.write(
                f"\ndemo load: {first_seconds:.1f} s wall, {first_cpu_seconds:.1f} s CPU; "
                f"second run {second_seconds:.1f} s; "
                f"{counts_first['wagtailcore.Page']} pages in the tree\n"
            )
            yield Demo(
                first_seconds,
                first_cpu_seconds,
                second_seconds,
                counts_first,
                counts_second,
                result,
                output.getvalue(),
            )
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            for cache in caches.all():
                cache.clear()
            monkeypatch.undo()
            settings_override.disable()


@pytest.fixture(scope="module")
def crawled(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rendition_model = get_image_model().get_rendition_model()
        before = set(rendition_model.objects.values_list("image_id", "filter_spec"))
        client = Client()
        pages = {language: crawl(client, language) for language in LANGUAGES}
        sys.stderr.write(
            "crawl: "
            + ", ".join(
                f"{language} {len(found)} URLs" for language, found in pages.items()
            )
            + "\n"
        )
        after = set(rendition_model.objects.values_list("image_id", "filter_spec"))
        return pages, after - before


def test_the_demo_made_every_rendition_the_pages_show(crawled):
    """Readers' first views do not wait for images: the crawl created none."""
    _pages, created_by_crawl = crawled
    assert created_by_crawl == set()


def spanish(model):
    return model.objects.filter(locale__language_code="es").live()


def translation_of(page, language):
    return page.get_translation(Locale.objects.get(language_code=language)).specific


# --- loading ---------------------------------------------------------------------------


def test_loads_within_budget_and_twice_changes_no_row(demo):
    assert demo.counts_first == demo.counts_second
    assert demo.result.translations_published == 0  # nothing left to do the 2nd time
    assert demo.counts_first["wagtailcore.Page"] >= 4 * 25 + 1
    # CPU time: the wall time depends on what else the machine is doing.
    assert demo.first_cpu_seconds < 120, (
        f"first load took {demo.first_cpu_seconds:.1f} s of CPU "
        f"({demo.first_seconds:.1f} s wall)"
    )
    assert demo.second_seconds < 60, f"second load took {demo.second_seconds:.1f} s"


def test_the_page_tree_is_consistent(demo):
    """treebeard's own check: paths, depths and child counts agree (a stale parent
    saved after its children were added would reset its numchild)."""
    assert all(not problems for problems in Page.find_problems())


def test_command_reports_what_it_built_and_the_demo_accounts(demo):
    assert "Demo content ready" in demo.output
    for account in ACCOUNTS:
        assert re.search(
            rf"^{account.role} +{account.username} +{DEMO_PASSWORD} ",
            demo.output,
            re.M,
        ), account.username


def test_one_demo_account_per_role_with_a_name_in_its_group(demo):
    users = get_user_model().objects
    roles = {account.role for account in ACCOUNTS}
    assert roles == {
        "editors",
        "moderators",
        "translators-en",
        "translators-pt-br",
        "translators-fr",
        "inquiry-managers",
        "campaign-coordinators",
    }
    for account in ACCOUNTS:
        user = users.get(username=account.username)
        assert user.first_name and user.last_name, account.username
        assert not user.is_superuser and not user.is_staff
        assert list(user.groups.all()) == [role_group(account.role)]
    # The Brazilian country network's coordinator sees Brazil only.
    scope = users.get(username="coordinator-br").coordinator_scope
    assert [country.code for country in scope.countries] == ["BR"]
    assert not hasattr(users.get(username="coordinator"), "coordinator_scope")


@pytest.mark.parametrize("username", [account.username for account in ACCOUNTS])
def test_every_demo_account_logs_in_and_saves_its_account_settings(
    demo, username, settings
):
    # As under `make run` (settings.dev): nobody is made to set up an app.
    settings.OTP_REQUIRED = False
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    # Wagtail's "Account settings" form refuses empty names: it saves as it is.
    page = client.get(reverse("wagtailadmin_account"))
    assert page.status_code == 200
    html_text = page.content.decode()
    forms = [
        querydict_from_html(html_text, form_index=index)
        for index in range(html_text.count("<form"))
    ]
    form = next(form for form in forms if "name_email-first_name" in form)
    assert form["name_email-first_name"] and form["name_email-last_name"]
    response = client.post(reverse("wagtailadmin_account"), form)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_demo_accounts_keep_a_changed_password_and_stay_deleted(demo):
    users = get_user_model().objects
    editor = users.get(username="editor")
    editor.set_password("mine-now")
    editor.save()
    users.get(username="translator-fr").delete()
    output = StringIO()
    call_command("demo_accounts", stdout=output)
    editor.refresh_from_db()
    assert editor.check_password("mine-now")
    assert not users.filter(username="translator-fr").exists()
    table = output.getvalue()
    assert re.search(r"^editors +editor +\(", table, re.M), table
    assert DEMO_PASSWORD not in re.search(r"^editors .*$", table, re.M).group(0)
    assert re.search(rf"^moderators +moderator +{DEMO_PASSWORD} ", table, re.M)


def test_spanish_structure(demo):
    home = HomePage.objects.get(locale__language_code="es", depth=2)
    assert home.headline == content.HOME["headline"]
    assert home.intro and home.hero_image and home.call_to_action
    strategy = spanish(StrategyPage).get()
    assert strategy.strategy_document is not None
    assert len(strategy.levels) == 3
    objectives = ObjectivePage.objects.child_of(strategy).live()
    assert objectives.count() == 6
    campaigns = CampaignPage.objects.filter(locale__language_code="es").live()
    assert sorted(campaigns.values_list("title", flat=True)) == sorted(
        spec["title"] for spec in content.CAMPAIGN_PAGES.values()
    )
    for campaign in campaigns:
        signup = CampaignSignupPage.objects.child_of(campaign).live().get()
        assert signup.to_address == content.CAMPAIGNS_EMAIL
        # The registry's fixed keys, in their order, then the demo's own question.
        assert [field.clean_name for field in signup.form_fields.all()] == [
            *REGISTRY_FIELDS,
            "message",
        ]
        assert [field.registry_key for field in signup.form_fields.all()] == [
            *REGISTRY_FIELDS,
            "",
        ]
    towns = campaigns.get(title=content.CAMPAIGN_PAGES["towns"]["title"])
    assert "WFTO-LA" in [item.partner.name for item in towns.partners.all()]
    news = spanish(NewsPage)
    assert news.count() >= 6
    assert {"news", "statement", "study", "position_paper"} <= set(
        news.values_list("news_type", flat=True)
    )
    for item in news:
        assert item.topics.exists() and item.authors.exists()
    # Every topic belongs to an objective of the strategy.
    objective_topics = set(
        ObjectivePageTopic.objects.filter(page__locale=home.locale).values_list(
            "topic_id", flat=True
        )
    )
    assert (
        set(Topic.objects.filter(locale=home.locale).values_list("pk", flat=True))
        == objective_topics
    )
    slugs = set(spanish(StandardPage).values_list("slug", flat=True))
    assert {
        "quienes-somos",
        "politica-de-privacidad",
        "declaracion-de-accesibilidad",
    } <= slugs


def test_images_documents_and_renditions(demo):
    images = get_image_model().objects.filter(
        title__in=[spec["title"] for spec in content.IMAGES.values()]
    )
    assert images.count() == len(content.IMAGES)
    for image in images:
        assert (image.width, image.height) == (1600, 900)
        assert image.credit == "CLAC (demo)" and image.licence and image.description
        assert image.collection.name in {"Institucional", "Campañas", "Noticias"}
        assert image.file.name.endswith(".jpg")
        # The subject's box (demo/drawings.py) is the focal point fill- crops keep.
        focal = image.get_focal_point()
        assert focal is not None, image.title
        assert 0 < focal.left < focal.right < image.width
        assert 0 < focal.top < focal.bottom < image.height
    # One picture per subject: no two demo images have the same file.
    assert len({image.file.read() for image in images}) == len(content.IMAGES)
    campaign = CampaignPage.objects.get(
        locale__language_code="es", slug="universidades-por-el-comercio-justo"
    )
    assert campaign.hero_image.title == content.IMAGES["university"]["title"]
    assert campaign.hero_image_alt == content.IMAGES["university"]["alt"]
    home = HomePage.objects.get(locale__language_code="es", depth=2)
    home_filters = set(home.hero_image.renditions.values_list("filter_spec", flat=True))
    assert set(RENDITIONS["hero"]) | set(RENDITIONS["share"]) <= home_filters
    logo = get_image_model().objects.get(title=content.LOGOS["wfto"]["title"])
    assert set(RENDITIONS["logo"]) <= set(
        logo.renditions.values_list("filter_spec", flat=True)
    )
    # max- scales the whole 2:1 mark down: nothing of the name is cropped.
    for rendition in logo.renditions.filter(filter_spec__contains="max-"):
        assert rendition.width == 2 * rendition.height
    for document in get_document_model().objects.all():
        with document.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
        assert document.language == "es"


# --- translations --------------------------------------------------------------------------


def test_every_translated_page_is_a_real_published_wagtail_localize_translation(demo):
    es = Locale.objects.get(language_code="es")
    spanish_pages = Page.objects.filter(locale=es, depth__gte=2).live()
    for language in TARGETS:
        locale = Locale.objects.get(language_code=language)
        translated = Page.objects.filter(locale=locale).live()
        assert translated.count() == spanish_pages.count()
        assert not translated.filter(alias_of__isnull=False).exists()
        assert not translated.filter(has_unpublished_changes=True).exists()
        for page in translated:
            translation = Translation.objects.select_related("source").get(
                source__object_id=page.translation_key, target_locale=locale
            )
            assert translation.enabled
            assert translation.source.locale == es
            assert page.get_translation(es).live


def test_translated_snippets_are_published_translations(demo):
    for model in SNIPPET_TYPES:
        sources = model.objects.filter(locale__language_code="es")
        assert sources.exists(), model
        for source in sources:
            for language in TARGETS:
                target = model.objects.get(
                    translation_key=source.translation_key,
                    locale__language_code=language,
                )
                assert target.live and not target.has_unpublished_changes
                assert target.live_revision_id is not None
                assert Translation.objects.filter(
                    source__object_id=source.translation_key,
                    target_locale__language_code=language,
                    enabled=True,
                ).exists()


def test_string_translations_are_manual_and_valid(demo):
    rows = StringTranslation.objects.filter(tool_name="load_demo_content")
    assert rows.count() > 300
    assert not rows.filter(has_error=True).exists()
    assert set(rows.values_list("translation_type", flat=True)) == {"manual"}


def test_no_translated_title_shows_spanish_words(demo):
    for language in TARGETS:
        for title in Page.objects.filter(locale__language_code=language).values_list(
            "title", flat=True
        ):
            words = set(re.findall(r"\w+", title.lower()))
            assert not words & SPANISH_MARKERS, (language, title)
    # And the markers do occur in Spanish, so the check can fail.
    spanish_words = set()
    for title in Page.objects.filter(locale__language_code="es").values_list(
        "title", flat=True
    ):
        spanish_words |= set(re.findall(r"\w+", title.lower()))
    assert spanish_words >= SPANISH_MARKERS


@pytest.mark.parametrize("language", TARGETS)
def test_no_translated_page_shows_spanish_texts(crawled, language):
    """No Spanish sentence of the demo appears on an English/Portuguese/French page."""
    sentences = [
        html.escape(spanish_text, quote=False)
        for spanish_text, entry in TRANSLATIONS.items()
        # Texts, not slugs: links to the Spanish page (hreflang) may use those.
        if len(spanish_text) >= 12
        and " " in spanish_text
        and entry[language] != spanish_text
    ]
    # Image descriptions are Spanish too (an image has one description, the
    # Spanish alt text): they must not become the alt text of a translated page.
    sentences += [
        html.escape(spec["alt"], quote=False) for spec in content.IMAGES.values()
    ]
    # Whole texts only: "Política de privacidad" must not match "…privacidade".
    whole = {
        sentence: re.compile(rf"(?<!\w){re.escape(sentence)}(?!\w)")
        for sentence in sentences
    }

    def spanish_in(text):
        return [s for s in sentences if s in text and whole[s].search(text)]

    pages = {url: page for url, page in crawled[0][language].items() if page.text}
    assert pages
    for url, page in pages.items():
        assert spanish_in(page.text) == [], url
    # The check can fail: the Spanish pages do show these texts.
    assert spanish_in(crawled[0]["es"]["/es/"].text)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_renders_translated_in_every_language(demo, client, model):
    source = spanish(model).order_by("path").first()
    assert source is not None
    for language in LANGUAGES:
        page = source if language == "es" else translation_of(source, language)
        expected = (
            source.title if language == "es" else TRANSLATIONS[source.title][language]
        )
        assert page.title == expected
        assert page.url.startswith(f"/{language}/")
        response = client.get(page.url)
        assert response.status_code == 200, (language, page.url)
        body = response.content.decode()
        assert f'<html lang="{language}"' in body
        assert html.escape(expected) in body


def test_crawl_from_every_home_finds_only_200s_in_the_right_language(demo, crawled):
    pages_per_language = {}
    for language in LANGUAGES:
        results = crawled[0][language]
        failures = {url: r.status for url, r in results.items() if r.status != 200}
        assert not failures, (language, failures)
        html_pages = {
            url: r for url, r in results.items() if "text/html" in r.content_type
        }
        for url, result in html_pages.items():
            assert result.html_lang == language, (url, result.html_lang)
        documents = [url for url in results if url.startswith("/documents/")]
        assert documents, language
        pages_per_language[language] = len(html_pages)
    spanish_pages = Page.objects.filter(locale__language_code="es", depth__gte=2).live()
    # Every page of the tree is reachable in every language (plus listings' filter
    # and pagination links and the search page).
    for language, count in pages_per_language.items():
        assert count >= spanish_pages.count(), (language, pages_per_language)
    assert len(set(pages_per_language.values())) == 1, pages_per_language


@pytest.mark.parametrize("language", TARGETS)
def test_admin_opens_the_translation_editor_synced_to_spanish(
    demo, client, superuser, language
):
    client.force_login(superuser)
    source = spanish(StrategyPage).get()
    target = translation_of(source, language)
    response = client.get(f"/admin/pages/{target.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "js-translation-editor" in body
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', body)[1]))
    segments = {
        segment["source"]: segment
        for segment in props["segments"]
        if "source" in segment
    }
    intro = segments[source.intro]  # the Spanish source text…
    strings = {
        item["segment_id"]: item["data"] for item in props["initialStringTranslations"]
    }
    assert strings[intro["id"]] == target.intro  # …next to its published translation

    partner = Partner.objects.get(locale__language_code=language, name="WFTO-LA")
    response = client.get(f"/admin/snippets/campaigns/partner/edit/{partner.pk}/")
    assert response.status_code == 200
    assert "js-translation-editor" in response.content.decode()


def test_contact_form_has_the_same_keys_in_french_and_spanish(demo):
    contact_es = spanish(ContactPage).get()
    contact_fr = translation_of(contact_es, "fr")
    form_es = contact_es.get_form(page=contact_es, user=None)
    form_fr = contact_fr.get_form(page=contact_fr, user=None)
    assert list(form_es.fields) == list(form_fr.fields)
    assert {"name", "email", "subject", "message"} <= set(form_es.fields)
    keys_es = [key for key, _label in form_es.fields["subject"].choices]
    keys_fr = [key for key, _label in form_fr.fields["subject"].choices]
    assert keys_es == keys_fr == ["general", "campaigns", "advocacy", "press", "other"]
    labels_fr = [label for _key, label in form_fr.fields["subject"].choices]
    assert labels_fr[0] == "Question générale"
    assert form_fr.fields["subject"].label == "Objet"
    assert form_es.fields["subject"].label == "Asunto"
    assert contact_fr.to_address == contact_es.to_address == content.SITE_CONTACT_EMAIL
    with translation.override("fr"):
        assert contact_fr.privacy_page_for_reader().locale.language_code == "fr"


def test_menu_footer_and_call_to_action_are_translated_on_the_home_page(demo, client):
    response = client.get("/fr/")
    body = response.content.decode()
    assert html.escape(TRANSLATIONS[content.STRATEGY["title"]]["fr"]) in body  # menu
    assert html.escape(TRANSLATIONS[content.PRIVACY["title"]]["fr"]) in body  # footer
    assert html.escape(TRANSLATIONS[content.CALL_TO_ACTION["title"]]["fr"]) in body
    assert content.SITE_CONTACT_EMAIL in body
    contact_fr = translation_of(spanish(ContactPage).get(), "fr")
    assert f'href="{contact_fr.url}"' in body


# --- a second run on an edited site -----------------------------------------------------


def _spanish_page(model, slug):
    return model.objects.get(locale__language_code="es", slug=slug)


def _rerun():
    call_command("bootstrap_site", stdout=StringIO())
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


def test_a_rerun_keeps_the_editors_work_and_brings_back_nothing_deleted(demo):
    """Issue 14: after an editor adds an article and translates it, ``make run``
    again must not fail, change their work, or undo a deletion."""
    from demo.tree import publish
    from tests import localize_helpers as lh

    # An editor's own article, translated into French with wagtail-localize.
    news_index = NewsIndexPage.objects.get(locale__language_code="es")
    article = publish(
        news_index,
        NewsPage(
            title="Nota de la editora",
            slug="nota-de-la-editora",
            summary="Escrita en el administrador.",
            date=datetime.date(2026, 11, 30),
        ),
    )
    french = lh.translate_directly(article, codes=("fr",))["fr"]
    image = get_image_model().objects.create(
        title="Foto de la editora", file=get_test_image_file()
    )
    # A demo page edited and republished, one renamed and moved, one deleted.
    about = _spanish_page(StandardPage, content.ABOUT["slug"])
    about.intro = "Texto nuevo de la editora."
    about.save_revision().publish()
    edited_revision = about.get_latest_revision().pk
    privacy = _spanish_page(StandardPage, content.PRIVACY["slug"])
    privacy.title = "Privacidad (renombrada)"
    privacy.slug = "privacidad-renombrada"
    privacy.save_revision().publish()
    strategy = _spanish_page(StrategyPage, content.STRATEGY["slug"])
    contact = _spanish_page(ContactPage, content.CONTACT["slug"])
    about.move(privacy, pos="last-child")
    accessibility = _spanish_page(StandardPage, content.ACCESSIBILITY["slug"])
    accessibility_fr = translation_of(accessibility, "fr")
    accessibility.delete()
    counts = row_counts()

    output = _rerun()

    assert "0 objects created now" in output
    assert row_counts() == counts
    article.refresh_from_db()
    assert article.title == "Nota de la editora" and article.live
    french.refresh_from_db()
    assert french.live and french.locale.language_code == "fr"
    assert article.get_translations().count() == 1  # no English or Portuguese added
    assert get_image_model().objects.filter(pk=image.pk).exists()
    about.refresh_from_db()
    assert about.intro == "Texto nuevo de la editora."
    assert about.get_latest_revision().pk == edited_revision
    assert about.get_parent().pk == privacy.pk  # still where the editor moved it
    privacy.refresh_from_db()
    assert (privacy.title, privacy.slug) == (
        "Privacidad (renombrada)",
        "privacidad-renombrada",
    )
    assert not StandardPage.objects.filter(
        locale__language_code="es", slug=content.PRIVACY["slug"]
    ).exists()
    assert not StandardPage.objects.filter(
        locale__language_code="es", slug=content.ACCESSIBILITY["slug"]
    ).exists()
    assert StandardPage.objects.filter(pk=accessibility_fr.pk).exists()
    assert (
        strategy.get_latest_revision()
        == StrategyPage.objects.get(pk=strategy.pk).get_latest_revision()
    )
    assert contact.title == ContactPage.objects.get(pk=contact.pk).title

    assert all(not problems for problems in Page.find_problems())

    # A third run changes nothing either.
    _rerun()
    assert row_counts() == counts


def test_a_site_loaded_before_the_records_is_adopted_unchanged(demo):
    """A database loaded by the loader before it kept records: the next run finds
    the demo objects by their old lookups and records them, creating nothing."""
    from demo.models import DemoObject

    recorded = DemoObject.objects.count()
    DemoObject.objects.all().delete()
    counts = row_counts()
    output = _rerun()
    assert "0 objects created now" in output
    assert DemoObject.objects.count() == recorded
    counts["demo.DemoObject"] = recorded
    assert row_counts() == counts


# --- the campaign networks (issue 17) ---------------------------------------------------

CARIBBEAN_ISLAND_STATES = {
    "AG", "BB", "CU", "DM", "DO", "GD", "HT", "JM", "KN", "LC", "TT", "VC",
}  # fmt: skip
STATUSES = [
    "interested",
    "registered",
    "in_progress",
    "declared",
    "renewal_due",
    "lapsed",
]


def _registry():
    from campaigns.models.registry import Participant

    return Participant.objects.select_related("campaign").prefetch_related(
        "descriptions", "contacts", "progress__criterion", "activities",
        "producer_organizations", "status_changes",
    )  # fmt: skip


def test_the_demo_has_a_participant_directory_under_each_campaign(demo):
    from campaigns.models import ParticipantDirectoryPage
    from demo.registry_content import DIRECTORY_PAGES

    for campaign in spanish(CampaignPage):
        directory = spanish(ParticipantDirectoryPage).child_of(campaign).get()
        spec = next(
            s for s in DIRECTORY_PAGES.values() if s["title"] == directory.title
        )
        assert directory.intro == spec["intro"]
        for language in TARGETS:
            translated = translation_of(directory, language)
            assert translated.live
            assert translated.title == TRANSLATIONS[spec["title"]][language]
            assert translated.intro == TRANSLATIONS[spec["intro"]][language]
            assert translated.get_parent().specific == translation_of(
                campaign, language
            )
            assert Translation.objects.filter(
                source__object_id=directory.translation_key,
                target_locale__language_code=language,
            ).exists()


def test_each_campaign_has_four_criteria_on_its_spanish_page_in_four_languages(demo):
    from campaigns.models.registry import CampaignCriterion

    campaigns = list(spanish(CampaignPage))
    assert len(campaigns) == 2
    for campaign in campaigns:
        sources = CampaignCriterion.objects.filter(
            campaign=campaign, locale__language_code="es"
        ).order_by("sort_order")
        assert sources.count() == 4
        assert sum(1 for c in sources if c.target) == 1  # one with a numeric target
        for source in sources:
            rows = CampaignCriterion.objects.filter(
                translation_key=source.translation_key
            )
            assert {row.locale.language_code for row in rows} == set(LANGUAGES)
            for row in rows:
                assert row.campaign_id == campaign.pk  # always the Spanish campaign
                assert row.code == source.code
                if row.pk == source.pk:
                    continue
                language = row.locale.language_code
                assert row.title == TRANSLATIONS[source.title][language]
                if language == "en":
                    assert row.title != source.title
                assert row.description == TRANSLATIONS[source.description][language]
                assert row.evidence_hint == TRANSLATIONS[source.evidence_hint][language]
    # No criterion on a translated campaign.
    assert not CampaignCriterion.objects.exclude(
        campaign__locale__language_code="es"
    ).exists()


def test_about_thirty_participants_in_both_campaigns_at_every_status(demo):
    from campaigns.models.registry import ProducerOrganization

    participants = list(_registry())
    assert 28 <= len(participants) <= 40
    countries = {p.country.code for p in participants}
    assert len(countries) >= 12, countries
    assert len(countries & CARIBBEAN_ISLAND_STATES) >= 4, countries
    campaigns = {p.campaign.slug: p for p in participants}
    assert len(campaigns) == 2
    assert all(p.campaign.locale.language_code == "es" for p in participants)
    assert {p.status for p in participants} == set(STATUSES)
    for campaign_id in {p.campaign_id for p in participants}:
        in_campaign = [p for p in participants if p.campaign_id == campaign_id]
        assert {"registered", "in_progress", "declared", "lapsed"} <= {
            p.status for p in in_campaign
        }
    assert ProducerOrganization.objects.count() >= 12
    assert (
        ProducerOrganization.objects.filter(country__in=CARIBBEAN_ISLAND_STATES).count()
        >= 3
    )
    assert sum(1 for p in participants if p.producer_organizations.all()) >= 20
    # Most are listed; a few are not (no consent, or hidden); interested never.
    listed = [p for p in participants if p.is_listed]
    assert len(listed) >= len(participants) // 2
    assert any(not p.listing_consent and p.status != "interested" for p in participants)
    assert any(not p.is_public for p in participants)
    assert not any(p.is_listed for p in participants if p.status == "interested")


def test_every_participant_lies_in_its_country_at_one_of_its_cities(demo):
    from core.maps import point_in_country
    from core.places import cities

    for participant in _registry():
        lat, lon = float(participant.latitude), float(participant.longitude)
        code = participant.country.code
        assert point_in_country(lat, lon, code), (participant.name, code, lat, lon)
        assert any(
            city.name == participant.city
            and abs(city.lat - lat) < 1e-4
            and abs(city.lon - lon) < 1e-4
            for city in cities(code)
        ), participant.name
    # The check can fail: Kingston (Jamaica) is not in Saint Lucia.
    assert not point_in_country(17.99702, -76.79358, "LC")


def test_progress_activities_and_dates_follow_each_status(demo):
    from campaigns.models.registry import ActivityKind, CampaignCriterion

    required = {
        campaign.pk: set(
            CampaignCriterion.objects.filter(
                campaign=campaign, required=True, locale__language_code="es"
            ).values_list("pk", flat=True)
        )
        for campaign in spanish(CampaignPage)
    }
    kinds = set()
    for participant in _registry():
        progress = list(participant.progress.all())
        assert all(row.criterion.locale.language_code == "es" for row in progress)
        assert all(
            row.criterion.campaign_id == participant.campaign_id for row in progress
        )
        met = {row.criterion_id for row in progress if row.is_met}
        assert all(row.date for row in progress if row.is_met), participant.name
        if participant.status in ("declared", "renewal_due", "lapsed"):
            assert met == required[participant.campaign_id], participant.name
            assert participant.declared_on and participant.valid_until
            assert participant.valid_until > participant.declared_on
            assert all(row.date <= participant.declared_on for row in progress)
        else:
            assert met < required[participant.campaign_id], participant.name
            assert participant.declared_on is None
        if participant.status == "interested":
            assert progress == []
        if participant.status == "lapsed":
            assert participant.valid_until < datetime.date.today()
        activities = list(participant.activities.all())
        assert len(activities) <= 3
        kinds |= {activity.kind for activity in activities}
        for activity in activities:
            assert activity.description and activity.photo is None
            if activity.criterion is not None:
                assert activity.criterion.target and (
                    activity.criterion.campaign_id == participant.campaign_id
                )
    assert kinds == set(ActivityKind.values)
    assert sum(1 for p in _registry() if p.activities.all()) >= 24


def test_descriptions_in_one_or_more_languages_fall_back_to_the_original(demo):
    participants = list(_registry())
    described = [p for p in participants if p.descriptions.all()]
    assert len(described) >= len(participants) * 2 // 3
    assert any(p.original_language != "es" for p in described)
    several = [p for p in described if len(p.descriptions.all()) > 1]
    assert len(several) >= 4
    only_original = [
        p
        for p in described
        if {d.language for d in p.descriptions.all()} == {p.original_language}
    ]
    assert only_original
    for participant in only_original:
        for language in LANGUAGES:
            description = participant.description_for(language)
            assert description.language == participant.original_language


def test_each_participant_has_a_private_example_contact(demo):
    seen = set()
    for participant in _registry():
        contacts = list(participant.contacts.all())
        assert len(contacts) == 1, participant.name
        contact = contacts[0]
        assert contact.email.endswith("@example.org")
        assert contact.phone.startswith("+00 ")
        assert contact.name and contact.language in LANGUAGES
        seen.add(contact.email)
    assert len(seen) == _registry().count()


def test_the_status_history_was_made_with_set_status_and_dated_in_the_past(demo):
    now = datetime.datetime.now(datetime.UTC)
    with_history = 0
    for participant in _registry():
        changes = sorted(participant.status_changes.all(), key=lambda c: c.changed_at)
        expected = STATUSES[1 : STATUSES.index(participant.status) + 1]
        assert [change.new_status for change in changes] == expected, participant.name
        assert [change.old_status for change in changes] == STATUSES[: len(expected)]
        assert all(change.reason and change.changed_at < now for change in changes)
        if changes:
            with_history += 1
            assert participant.status_changed_at == changes[-1].changed_at
    assert with_history >= 24


def test_the_demo_history_emails_nobody(demo, mailoutbox):
    """The demo load runs inside no_status_emails: the status changes it records
    queue no email when its transaction commits."""
    from campaigns.models.registry import ParticipantStatusChange, status_changed
    from demo.loader import no_status_emails

    change = ParticipantStatusChange.objects.filter(new_status="declared").first()
    with no_status_emails():
        status_changed.send(ParticipantStatusChange, change_id=change.pk)
    assert mailoutbox == []
    assert not ParticipantStatusChange.objects.exclude(
        contact_notified_at=None
    ).exists()
    # The check can fail: outside it, the same signal emails the contact.
    status_changed.send(ParticipantStatusChange, change_id=change.pk)
    assert [message.to for message in mailoutbox] == [
        [change.participant.contacts.get().email]
    ]


def test_the_second_load_created_no_registry_object(demo):
    assert demo.result.created == 0
    for label in (
        "campaigns.Participant",
        "campaigns.ParticipantContact",
        "campaigns.ParticipantStatusChange",
        "campaigns.CampaignCriterion",
        "campaigns.ProducerOrganization",
        "campaigns.Progress",
        "campaigns.Activity",
        "campaigns.ParticipantDirectoryPage",
    ):
        assert demo.counts_first[label] == demo.counts_second[label] > 0, label
    from demo.models import DemoObject

    keys = set(DemoObject.objects.values_list("key", flat=True))
    assert (
        sum(1 for key in keys if key.startswith("participant:")) == _registry().count()
    )
    assert sum(1 for key in keys if key.startswith("criterion:")) == 4 * 2 * 4


def test_a_rerun_keeps_an_editors_change_to_a_participant(demo):
    from campaigns.models.registry import Participant, ParticipantStatus

    edited = Participant.objects.get(slug="universidad-agraria-del-norte")
    edited.name = "Universidad Agraria del Norte (UAN)"
    edited.set_status(ParticipantStatus.DECLARED, reason="Renovó su declaración.")
    edited.save()
    deleted = Participant.objects.get(slug="mairie-du-cap-haitien")
    deleted_key = ("mairie-du-cap-haitien", deleted.campaign_id)
    deleted.delete()
    counts = row_counts()

    output = _rerun()

    assert "0 objects created now" in output
    assert row_counts() == counts
    edited.refresh_from_db()
    assert edited.name == "Universidad Agraria del Norte (UAN)"
    assert edited.status == "declared"
    assert edited.status_changes.first().reason == "Renovó su declaración."
    assert not Participant.objects.filter(
        slug=deleted_key[0], campaign_id=deleted_key[1]
    ).exists()


# --- CLAC's country networks (issue 18 item 5) -----------------------------------------


def test_the_demo_has_country_networks_in_four_languages(demo, client):
    from campaigns.models import CountryNetwork, CountryNetworkIndexPage
    from demo.models import DemoObject
    from demo.registry_content import NETWORK_INDEX_PAGE, NETWORKS

    index = spanish(CountryNetworkIndexPage).get()
    assert index.get_parent().specific == spanish(CampaignIndexPage).get()
    codes = [spec["country"] for spec in NETWORKS]
    assert len(set(codes)) >= 8
    for language in LANGUAGES:
        page = index if language == "es" else translation_of(index, language)
        if language != "es":
            assert page.title == TRANSLATIONS[NETWORK_INDEX_PAGE["title"]][language]
        networks = CountryNetwork.objects.filter(locale__language_code=language)
        assert sorted(networks.values_list("country", flat=True)) == sorted(codes)
        for network in networks:
            spec = next(s for s in NETWORKS if s["country"] == network.country)
            expected = (
                spec["description"]
                if language == "es"
                else TRANSLATIONS[spec["description"]][language]
            )
            assert network.description == expected
            assert network.public_email.endswith("@example.org")
        html = client.get(page.url).content.decode()
        assert f'<html lang="{language}"' in html
        assert html.count('class="participant-card network-card"') == len(codes)
        peru = client.get(f"{page.url}{networks.get(country='PE').slug}/")
        assert peru.status_code == 200
        assert "Cooperativa Agraria Cafetalera Alto Mayo Verde" in peru.content.decode()
    assert demo.counts_first["campaigns.CountryNetwork"] == 4 * len(codes)
    assert (
        demo.counts_first["campaigns.CountryNetwork"]
        == demo.counts_second["campaigns.CountryNetwork"]
    )
    keys = set(DemoObject.objects.values_list("key", flat=True))
    assert sum(1 for key in keys if key.startswith("network:")) == 4 * len(codes)
