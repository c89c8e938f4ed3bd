"""CDN purges: publishing any translation purges every translation's real URL and
the listings that show it, once, and only after the transaction commits."""

from django.db import transaction
from django.test import override_settings

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Locale

import pytest

from demo.tree import publish
from home.models import StandardPage

PURGED = []


class RecordingBackend(BaseBackend):
    """Appends every URL it is asked to purge to ``PURGED``."""

    def purge(self, url):
        PURGED.append(url)


RECORDING = {"recording": {"BACKEND": "tests.test_cdn_purge.RecordingBackend"}}


@pytest.fixture
def purged():
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def translate(page, language_code, slug, title):
    copy = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    copy.slug = slug
    copy.title = title
    copy.save_revision().publish()
    return copy


@pytest.fixture
def translated_page(home_es):
    """/es/organizaciones/quienes-somos/ with en and fr translations (own slugs)."""
    section = publish(
        home_es, StandardPage(title="Organizaciones", slug="organizaciones")
    )
    page = publish(section, StandardPage(title="Quiénes somos", slug="quienes-somos"))
    for code, home_slug, section_slug, page_slug in (
        ("en", "home-en", "organisations", "who-we-are"),
        ("fr", "accueil", "organisations-fr", "qui-sommes-nous"),
    ):
        translate(home_es, code, home_slug, f"Home {code}")
        translate(section, code, section_slug, f"Organisations {code}")
        translate(page, code, page_slug, f"Who {code}")
    return page


def test_publishing_a_spanish_page_purges_every_translation_and_listing_after_commit(
    translated_page, purged, django_capture_on_commit_callbacks
):
    with override_settings(WAGTAILFRONTENDCACHE=RECORDING):
        with django_capture_on_commit_callbacks() as callbacks:
            translated_page.title = "Quiénes somos (nuevo)"
            translated_page.save_revision().publish()
            # Inside the transaction: nothing purged yet (Wagtail's own
            # immediate handlers are disconnected).
            assert purged == []
        assert callbacks  # scheduled for the commit, not run yet
        assert purged == []
        for callback in callbacks:
            callback()

    base = "http://localhost"
    assert set(purged) == {
        f"{base}/es/organizaciones/quienes-somos/",
        f"{base}/en/organisations/who-we-are/",
        f"{base}/fr/organisations-fr/qui-sommes-nous/",
        f"{base}/es/organizaciones/",
        f"{base}/en/organisations/",
        f"{base}/fr/organisations-fr/",
        f"{base}/es/",
        f"{base}/en/",
        f"{base}/fr/",
    }
    # One purge per URL: no double purge, no language-prefix swap of the Spanish
    # slug (Wagtail's WAGTAILFRONTENDCACHE_LANGUAGES would add /en/organizaciones/…).
    assert len(purged) == len(set(purged))
    assert f"{base}/en/organizaciones/quienes-somos/" not in purged


def test_unpublishing_a_translation_purges_its_url_and_the_others(
    translated_page, purged, django_capture_on_commit_callbacks
):
    english = translated_page.get_translation(Locale.objects.get(language_code="en"))
    with (
        override_settings(WAGTAILFRONTENDCACHE=RECORDING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        english.specific.unpublish()
        assert purged == []

    base = "http://localhost"
    assert f"{base}/en/organisations/who-we-are/" in purged
    assert f"{base}/es/organizaciones/quienes-somos/" in purged
    assert f"{base}/fr/organisations-fr/qui-sommes-nous/" in purged
    assert f"{base}/en/organisations/" in purged
    assert f"{base}/es/" in purged


def test_a_rolled_back_publish_purges_nothing(
    translated_page, purged, django_capture_on_commit_callbacks
):
    with (
        override_settings(WAGTAILFRONTENDCACHE=RECORDING),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        translated_page.save_revision().publish()
        raise RuntimeError("editor's request failed")
    assert callbacks == []
    assert purged == []


def test_without_a_cdn_configured_publishing_schedules_no_purge(
    translated_page, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        translated_page.save_revision().publish()
    # Even if a CDN were configured by the time the callbacks run.
    with override_settings(WAGTAILFRONTENDCACHE=RECORDING):
        for callback in callbacks:
            callback()
    assert purged == []


def test_a_slug_change_purges_the_old_urls_of_the_page_and_its_descendants(
    translated_page, purged, django_capture_on_commit_callbacks
):
    section = translated_page.get_parent().specific
    with (
        override_settings(WAGTAILFRONTENDCACHE=RECORDING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        section.slug = "nuestras-organizaciones"
        section.save_revision().publish()

    base = "http://localhost"
    # The addresses readers and the CDN knew before the change …
    assert f"{base}/es/organizaciones/" in purged
    assert f"{base}/es/organizaciones/quienes-somos/" in purged
    # … and the new ones (the publish itself).
    assert f"{base}/es/nuestras-organizaciones/" in purged
    # The other languages' slugs did not change: only their usual purge.
    assert f"{base}/en/organizaciones/" not in purged


def test_moving_a_page_purges_its_old_url(
    translated_page, home_es, purged, django_capture_on_commit_callbacks
):
    with (
        override_settings(WAGTAILFRONTENDCACHE=RECORDING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        translated_page.move(home_es, pos="last-child")

    # The address the CDN holds (with the slash; Wagtail's redirect auto-creation
    # purges only the normalised path without it).
    assert "http://localhost/es/organizaciones/quienes-somos/" in purged


def test_a_slug_change_of_a_draft_page_purges_nothing(
    home_es, purged, django_capture_on_commit_callbacks
):
    draft = StandardPage(title="Borrador", slug="borrador", live=False)
    home_es.add_child(instance=draft)
    with (
        override_settings(WAGTAILFRONTENDCACHE=RECORDING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        draft.slug = "otro-borrador"
        draft.save()
    # A draft was never at a page URL a CDN could hold.
    assert not [url for url in purged if url.endswith("/")]
