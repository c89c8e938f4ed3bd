"""Every public page type renders cold in at most 15 queries and warm in at most
6, in the four languages, and with as many queries at 1,000 news items and
campaign partners as at 10 (issue 13 item 5).

- The page types come from the models (every concrete ``Page`` subclass), so a
  page type added later is measured too: give it a page in bench's site.
- Cold: everything in Django's cache cleared (``cache.clear()``): the page cache,
  every fragment (routes, menus and footer, site settings, listings, pictures),
  and Wagtail's own site-root-paths and rendition caches. That is stricter than
  a publish, after which Wagtail's caches stay warm. The renditions exist (a
  first visit made them); the per-process locale and content-type caches may be
  warm.
- Warm: the fragments filled by that cold render, the page cache off (the test
  settings have it off).
- After a publish: the cache version bumped only (Wagtail's caches warm), as
  readers meet it; within the cold budget too.

The figures are written to ``test-artifacts/query-budgets.txt``.
"""

from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page

import pytest

from core.cache import bump_cache_version

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

COLD_BUDGET = 15
WARM_BUDGET = 6
LANGUAGES = ("es", "en", "pt-br", "fr")
ARTIFACT = Path(__file__).resolve().parents[1] / "test-artifacts" / "query-budgets.txt"


def page_types():
    """Every concrete page model of the project."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    ]
    return sorted(models, key=lambda model: model._meta.label)


@pytest.fixture
def site(small_site):
    """Bench's site in four languages, with every page type in every language."""
    pages = small_site(news_count=10, languages=LANGUAGES[1:])
    for key in ("news", "signup"):  # bench translates their parents only
        for code in LANGUAGES[1:]:
            locale = Locale.objects.get(language_code=code)
            if pages[key].get_translation_or_none(locale) is None:
                pages[key].copy_for_translation(locale).save_revision().publish()
    return pages


def pages_to_measure(site):
    """One live page of every page type in every language: ``{(type, code): path}``."""
    sources = {}
    for page in site.values():
        sources.setdefault(type(page.specific), page)
    paths = {}
    missing = []
    for model in page_types():
        source = sources.get(model) or (
            model.objects.live().filter(locale__language_code="es").first()
        )
        for code in LANGUAGES:
            translated = None
            if source is not None:
                translated = (
                    Page.objects.live()
                    .filter(
                        translation_key=source.translation_key,
                        locale__language_code=code,
                    )
                    .first()
                )
            if translated is None:
                missing.append((model._meta.label, code))
            else:
                paths[(model._meta.label, code)] = translated.url
    assert not missing, f"no page to measure: {missing}"
    return paths


def measure(client, path):
    """(cold, warm, after a publish) queries of ``path``."""
    assert client.get(path).status_code == 200, path  # the renditions exist
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        first = client.get(path)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(path)
    bump_cache_version(allow_stale=True)  # what a publish does: Wagtail's caches stay
    with CaptureQueriesContext(connection) as published:
        third = client.get(path)
    assert first.status_code == second.status_code == third.status_code == 200, path
    return len(cold), len(warm), len(published)


def grow(site, monkeypatch):
    """1,000 news items in every language and 1,000 partners on every campaign
    (the search and reference indexes are not updated on the way: not measured)."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from modelsearch import signal_handlers as search_signals

    from campaigns.models import CampaignPage, CampaignPagePartner, Partner
    from core.models import CustomImage, Topic
    from demo.tree import add_news
    from news.models import NewsIndexPage, NewsPage

    class NoIndexing:
        @staticmethod
        def enqueue(*args, **kwargs):
            return None

    monkeypatch.setattr(search_signals, "insert_or_update_object_task", NoIndexing)
    images = list(CustomImage.objects.order_by("pk")[:4])
    with disable_reference_index_auto_update():
        for index in NewsIndexPage.objects.all():
            have = NewsPage.objects.child_of(index).count()
            topics = list(Topic.objects.filter(locale=index.locale))
            add_news(index, 1000 - have, images=images, topics=topics, start=10_000)
    spanish = Locale.objects.get(language_code="es")
    source = site["campaign"]
    logo = source.partners.first().partner.logo
    partners = Partner.objects.bulk_create(
        Partner(
            name=f"Socio masivo {number}",
            description="Una organización aliada.",
            website="https://example.org/",
            logo=logo,
            locale=spanish,
        )
        for number in range(1000 - source.partners.count())
    )
    for campaign in CampaignPage.objects.filter(translation_key=source.translation_key):
        start = campaign.partners.count()
        CampaignPagePartner.objects.bulk_create(
            CampaignPagePartner(page=campaign, partner=partner, sort_order=start + n)
            for n, partner in enumerate(partners)
        )


def test_every_page_type_within_budget_cold_and_warm_at_10_and_1000(
    client, site, monkeypatch
):
    paths = pages_to_measure(site)
    small = {key: measure(client, path) for key, path in paths.items()}
    grow(site, monkeypatch)
    large = {key: measure(client, path) for key, path in paths.items()}

    lines = [
        f"{label:32} {code:6} cold {small[key][0]:>2} / {large[key][0]:>2}"
        f"   warm {small[key][1]:>2} / {large[key][1]:>2}"
        f"   after a publish {small[key][2]:>2} / {large[key][2]:>2}"
        for key in sorted(paths)
        for label, code in [key]
    ]
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(
        "Queries per page type (at 10 / at 1,000 news items and partners). Cold: "
        "Django's cache cleared; after a publish: the cache version bumped only.\n"
        + "\n".join(lines)
        + "\n"
    )
    report = "\n".join(lines)
    over = {
        key: figures
        for key, figures in large.items()
        if max(figures[0], figures[2]) > COLD_BUDGET or figures[1] > WARM_BUDGET
    }
    over.update(
        {
            key: figures
            for key, figures in small.items()
            if max(figures[0], figures[2]) > COLD_BUDGET or figures[1] > WARM_BUDGET
        }
    )
    assert not over, f"over budget {over}\n{report}"
    assert small == large, f"queries grow with the content\n{report}"
