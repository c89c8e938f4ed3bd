"""The WordPress import (issue 19) on the fixture in tests/wordpress/, through the site."""

import io
import re
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

import pytest

from core.models import CustomDocument, CustomImage, Topic
from demo import tree
from home.models import StandardPage
from news.models import NewsIndexPage, Person
from wpimport.middleware import WordPressIdRedirectMiddleware
from wpimport.models import ImportedItem

FIXTURE = Path(__file__).parent / "wordpress"
EXPORT = FIXTURE / "export.xml"
MEDIA = FIXTURE / "uploads"


@pytest.fixture
def site_tree(site_setup, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    home = site_setup["home"]
    index = tree.publish(home, NewsIndexPage(title="Noticias", slug="noticias"))
    for code, slug, title in (
        ("en", "news", "News"),
        ("pt-br", "noticias", "Notícias"),
    ):
        tree.translate(home, code)
        tree.translate(index, code, slug=slug, title=title)
    return home


def run_import(*args, export=EXPORT):
    out = io.StringIO()
    call_command(
        "import_wordpress",
        str(export),
        "--media-dir",
        str(MEDIA),
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def page_for(wp_id, site_key="main"):
    item = ImportedItem.objects.get(site_key=site_key, wp_id=wp_id)
    return Page.objects.get(pk=item.object_id).specific


def rows_changed(report):
    return int(re.search(r"rows changed: (\d+)", report)[1])


def newer_export(tmp_path, old, new):
    text = EXPORT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "newer.xml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def follow(client, url, **extra):
    """The 301 and where it leads: (location, final response)."""
    response = client.get(url, **extra)
    assert response.status_code == 301, (url, response.status_code)
    location = response["Location"]
    return location, client.get(location)


# --- what the fixture becomes ------------------------------------------------------


def test_the_fixture_becomes_pages_per_language_media_topics_and_redirects(site_tree):
    report = run_import()

    languages = {
        wp_id: page_for(wp_id).locale.language_code
        for wp_id in (101, 102, 103, 201, 202, 203, 301)
    }
    assert languages == {
        101: "es", 102: "en", 103: "pt-br", 201: "es", 202: "en", 203: "es", 301: "en",
    }  # fmt: skip
    # The Spanish post is the source: its translations share its key.
    assert len({page_for(i).translation_key for i in (101, 102, 103)}) == 1
    assert page_for(201).translation_key == page_for(202).translation_key
    assert page_for(203).get_parent().pk == page_for(201).pk  # hierarchy kept
    assert page_for(101).get_parent().specific_class is NewsIndexPage
    assert all(page_for(i).live for i in languages)
    # Drafts, private and trashed posts are reported, never made.
    for title in ("Borrador", "Nota interna", "Aviso antiguo", "Fairer Handel"):
        assert not Page.objects.filter(title__startswith=title).exists()
    assert "draft: not published" in report
    assert "private: not published" in report
    assert "trash: not published" in report
    assert "languages the site lacks: de" in report
    assert "no Spanish original" in report  # the orphan, imported in English
    # Two identical photos are one image; the PDF one document; a missing file reported.
    assert CustomImage.objects.count() == 1
    image = CustomImage.objects.get()
    assert image.description == "Productoras en la feria"
    assert CustomDocument.objects.filter(title="Informe anual 2023").count() == 1
    assert "media file missing: 2019/01/mapa.jpg" in report
    assert page_for(101).hero_image_id == image.pk
    assert page_for(101).seo_title == "La CLAC en la feria regional"
    # Topics per language sharing a key; authors by display name only.
    fair = Topic.objects.filter(slug="comercio-justo")
    assert sorted(t.locale.language_code for t in fair) == ["en", "es", "pt-br"]
    assert len({t.translation_key for t in fair}) == 1
    assert sorted(Person.objects.values_list("name", flat=True)) == [
        "Ana Pérez",
        "Luis Mora",
    ]
    assert not Person.objects.filter(name__contains="@").exists()
    assert "unknown shortcode [contact-form-7] removed" in report
    assert Redirect.objects.count() == int(re.search(r"redirects: (\d+)", report)[1])


def test_no_wagtail_localize_translation_is_created_for_imported_pages_or_topics(
    site_tree,
):
    run_import()
    keys = {page_for(i).translation_key for i in (101, 201, 203, 301)}
    keys |= set(Topic.objects.values_list("translation_key", flat=True))
    assert not TranslationSource.objects.filter(object_id__in=keys).exists()
    assert not Translation.objects.filter(source__object_id__in=keys).exists()


def test_the_old_permalink_answers_301_to_the_page_in_its_language(site_tree, client):
    run_import()
    location, page = follow(client, "/2024/05/feria-comercio-justo/")
    assert location == "/es/noticias/feria-comercio-justo/"
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="es"' in html
    # The switcher offers the imported translations.
    assert 'href="/en/news/fair-trade-fair/" hreflang="en"' in html
    assert 'href="/pt-br/noticias/feira-comercio-justo/" hreflang="pt-br"' in html

    location, page = follow(client, "/en/2024/05/fair-trade-fair/")
    assert location == "/en/news/fair-trade-fair/"
    assert page.status_code == 200
    assert '<html lang="en"' in page.content.decode()
    location, page = follow(client, "/es/2024/05/feria-comercio-justo/")
    assert location == "/es/noticias/feria-comercio-justo/"


def test_uploads_attachment_pages_and_archives_redirect(site_tree, client):
    run_import()
    document = CustomDocument.objects.get(title="Informe anual 2023")
    location, _ = follow(client, "/wp-content/uploads/2024/05/informe-2023.pdf")
    assert location == document.url
    location, page = follow(client, "/2024/05/feria-comercio-justo/foto-feria/")
    assert location == "/es/noticias/feria-comercio-justo/"
    location, page = follow(client, "/category/comercio-justo/")
    assert location == "/es/noticias/?topic=comercio-justo"
    assert page.status_code == 200
    location, page = follow(client, "/en/category/comercio-justo-en/")
    assert location == "/en/news/?topic=comercio-justo"
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/?p=101&utm_source=x", "/es/noticias/feria-comercio-justo/?utm_source=x"),
        ("/en/?p=102&utm_source=x", "/en/news/fair-trade-fair/?utm_source=x"),
        ("/pt-br/?p=103", "/pt-br/noticias/feira-comercio-justo/"),
        ("/?page_id=201&utm_medium=mail", "/es/quienes-somos/?utm_medium=mail"),
        ("/en/?page_id=202", "/en/about-us/"),
    ],
)
def test_wordpress_numeric_addresses_answer_301_keeping_the_query(
    site_tree, client, url, target
):
    run_import()
    # The English home is cached once before: the lookup comes before the cache.
    client.get("/en/")
    location, page = follow(client, url)
    assert location == target
    assert page.status_code == 200


def test_the_id_lookup_costs_no_query_without_p_or_page_id(
    site_tree, django_assert_num_queries
):
    middleware = WordPressIdRedirectMiddleware(lambda request: "passed")
    with django_assert_num_queries(0):
        assert middleware(RequestFactory().get("/en/?utm_source=x")) == "passed"
        assert middleware(RequestFactory().get("/es/noticias/")) == "passed"


def test_no_notice_shortcode_or_gutenberg_comment_in_any_imported_page(
    site_tree, client
):
    run_import()
    for item in ImportedItem.objects.filter(kind__in=["post", "page"]):
        page = Page.objects.get(pk=item.object_id)
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        for leaked in (
            "Notice", "Undefined offset", "jetpack-carousel.php", "on line",
            "Warning", "headers already sent", "[caption", "[/caption]", "[gallery",
            "[embed", "[video", "[audio", "[contact-form-7", "wp:paragraph",
            "<!-- wp:", "<font", "&nbsp;&nbsp;",
        ):  # fmt: skip
            assert leaked not in html, (page.url, leaked)
    spanish = client.get("/es/noticias/feria-comercio-justo/").content.decode()
    document = CustomDocument.objects.get(title="Informe anual 2023")
    assert "Lo que pedimos</h2>" in spanish  # heading block
    assert "El precio justo es la base" in spanish  # quote block
    assert "Productoras y productores en el puesto de la CLAC" in spanish  # caption
    assert 'href="/es/quienes-somos/"' in spanish  # ?page_id=201 rewritten
    assert f'href="{document.url}"' in spanish  # uploads link -> the document
    english = client.get("/en/news/fair-trade-fair/").content.decode()
    assert 'href="/es/noticias/feria-comercio-justo/"' in english
    assert 'alt="Producers at the CLAC stand"' in english  # a -1024x683 copy


# --- idempotence ---------------------------------------------------------------------


def test_the_same_export_again_changes_nothing(site_tree):
    run_import()
    before = (
        Revision.objects.count(),
        Redirect.objects.count(),
        Page.objects.count(),
        list(ImportedItem.objects.order_by("pk").values_list("imported_at", flat=True)),
    )
    report = run_import()
    assert rows_changed(report) == 0
    after = (
        Revision.objects.count(),
        Redirect.objects.count(),
        Page.objects.count(),
        list(ImportedItem.objects.order_by("pk").values_list("imported_at", flat=True)),
    )
    assert after == before


def test_a_newer_export_updates_only_the_changed_page(site_tree, tmp_path, client):
    run_import()
    revisions = {
        i: page_for(i).latest_revision_id for i in (101, 102, 103, 201, 202, 203, 301)
    }
    newer = newer_export(
        tmp_path,
        "<p>The Latin American and Caribbean Network",
        "<p>Since 2004, the Latin American and Caribbean Network",
    )
    report = run_import(export=newer)
    assert rows_changed(report) == 1
    changed = {
        i for i, rev in revisions.items() if page_for(i).latest_revision_id != rev
    }
    assert changed == {202}
    assert (
        "Since 2004, the Latin American" in client.get("/en/about-us/").content.decode()
    )


def test_an_editors_edit_is_kept_and_reported_as_a_conflict(
    site_tree, tmp_path, client
):
    run_import()
    page = page_for(201)
    page.title = "Quiénes somos (revisado)"
    page.save_revision().publish()
    newer = newer_export(tmp_path, "<p>La Coordinadora", "<p>Hoy, la Coordinadora")
    report = run_import(export=newer)
    assert "CONFLICT 201" in report
    page = page_for(201)
    assert page.title == "Quiénes somos (revisado)"
    assert "Hoy, la Coordinadora" not in client.get(page.url).content.decode()


def test_dry_run_writes_the_report_and_no_rows(site_tree, tmp_path):
    pages, redirects = Page.objects.count(), Redirect.objects.count()
    report_file = tmp_path / "report.txt"
    output = run_import("--dry-run", "--report", str(report_file))
    assert "dry run" in output
    assert "post imported [es]: 1" in report_file.read_text(encoding="utf-8")
    assert (Page.objects.count(), Redirect.objects.count()) == (pages, redirects)
    assert not ImportedItem.objects.exists()
    assert not CustomImage.objects.exists()


def test_wpml_groups_come_from_its_csv(site_tree):
    run_import(
        "--translations",
        "wpml",
        "--wpml-csv",
        str(FIXTURE / "wpml.csv"),
        "--site-key",
        "wpml",
        export=FIXTURE / "export-wpml.xml",
    )
    pages = {
        item.language: Page.objects.get(pk=item.object_id)
        for item in ImportedItem.objects.filter(site_key="wpml")
    }
    assert sorted(pages) == ["en", "es", "pt-br"]
    assert len({page.translation_key for page in pages.values()}) == 1
    assert pages["es"].url == "/es/noticias/precios-cafe/"


# --- hostile exports -------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title></channel></rss>
"""


def assert_refused(path, *fragments):
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        run_import(export=path)
    message = str(error.value)
    assert "Nothing was imported" in message
    for fragment in fragments:
        assert fragment in message
    assert Page.objects.count() == pages
    assert not ImportedItem.objects.exists()
    assert not CustomImage.objects.exists()
    assert not CustomDocument.objects.exists()
    assert not Redirect.objects.exists()
    return message


def test_billion_laughs_is_refused(site_tree, tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS)
    assert_refused(path, "DTD")


def test_an_external_entity_is_refused(site_tree, tmp_path):
    path = tmp_path / "external.xml"
    path.write_text(EXTERNAL_ENTITY)
    assert_refused(path, "DTD")


def test_a_truncated_export_is_refused_with_its_line_and_nothing_written(
    site_tree, tmp_path
):
    text = EXPORT.read_text(encoding="utf-8")
    cut = text.index("<wp:post_id>503</wp:post_id>")
    path = tmp_path / "truncated.xml"
    path.write_text(text[:cut], encoding="utf-8")
    line = text[:cut].count("\n") + 1
    message = assert_refused(path, "not a well-formed export")
    assert f"line {line}," in message


@pytest.mark.slow
def test_200_mb_of_garbage_is_refused(site_tree, tmp_path):
    path = tmp_path / "garbage.xml"
    chunk = bytes(range(32, 127)) * 11_000  # about 1 MB of printable junk
    with path.open("wb") as handle:
        for _ in range(200):
            handle.write(chunk)
    assert_refused(path, "not a well-formed export", "line 1,")


def test_wagtail_localize_may_not_translate_onto_an_imported_page(site_tree):
    run_import()
    english = Locale.objects.get(language_code="en")
    with pytest.raises(PermissionDenied):
        TranslationCreator(user=None, target_locales=[english]).create_translations(
            page_for(101)
        )
    assert not Translation.objects.filter(target_locale=english).exists()
    assert "regional fair trade fair" in str(page_for(102).body)


def test_a_campaign_subsite_imports_under_its_parent_page(site_tree):
    parent = tree.publish(
        site_tree, StandardPage(title="Campaña del café", slug="campana-cafe")
    )
    english_parent = tree.translate(parent, "en", slug="coffee-campaign")
    run_import("--parent", str(parent.pk), "--site-key", "cafe")
    assert page_for(201, "cafe").get_parent().pk == parent.pk
    assert page_for(202, "cafe").get_parent().pk == english_parent.pk
    assert page_for(203, "cafe").get_parent().pk == page_for(201, "cafe").pk
    # Posts: the parent has no news index, so the language's own one.
    assert page_for(101, "cafe").url == "/es/noticias/feria-comercio-justo/"
    assert not ImportedItem.objects.filter(site_key="main").exists()


def test_one_cache_bump_and_one_indexing_task_per_page(
    site_tree, monkeypatch, django_capture_on_commit_callbacks
):
    bumps, queued = [], []

    class Recorder:
        def enqueue(self, app, model, pk):
            queued.append((model, pk))

    monkeypatch.setattr(
        "core.invalidation.bump_cache_version", lambda **kw: bumps.append(kw)
    )
    # Ours after the commit, and Wagtail's (modelsearch's) on every save.
    monkeypatch.setattr("wpimport.importer.insert_or_update_object_task", Recorder())
    monkeypatch.setattr(
        "modelsearch.signal_handlers.insert_or_update_object_task", Recorder()
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_import()
    assert len(bumps) == 1
    pages = sorted(
        str(item.object_id)
        for item in ImportedItem.objects.filter(kind__in=["post", "page"])
    )
    page_tasks = [pk for model, pk in queued if model in ("newspage", "standardpage")]
    assert sorted(page_tasks) == pages
