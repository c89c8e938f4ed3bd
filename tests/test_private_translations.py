"""Private translations (issue 15 item 7).

A view restriction added to a Spanish page after its translations exist applies to
every translation (and, by Wagtail's tree rule, their descendants), for each
restriction type; changing its groups or removing it does the same everywhere;
deleting a translated page leaves the others' restrictions alone. Listings (home,
news index, feed, related items) show no restricted page's title to readers.
"""

from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from tests import localize_helpers as lh
from tests.news_helpers import add_news, news_index

pytestmark = pytest.mark.django_db

SECRET = "Noticia reservada del consejo"


@pytest.fixture
def world(home_es, superuser):
    lh.translate_directly(home_es, user=superuser)
    index = news_index(home_es)
    lh.translate_directly(index, user=superuser)
    (visible,) = add_news(index, 1, with_images=False)
    (secret,) = add_news(index, 1, start=1, with_images=False)
    secret.title = SECRET
    secret.save_revision().publish()
    translations = lh.translate_directly(secret, codes=("en", "fr"), user=superuser)
    return {
        "home": home_es,
        "index": index,
        "visible": visible,
        "secret": secret,
        "fr": translations["fr"],
        "en": translations["en"],
    }


def restrict(page, kind, groups=(), **extra):
    """Add a restriction, its on-commit callbacks run (the cache version bumps)."""
    with lh.committing():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, **extra
        )
        if groups:
            restriction.groups.set(groups)
    return restriction


def readers_see(page) -> bool:
    response = Client().get(page.url)
    return response.status_code == 200 and SECRET in response.content.decode()


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, "groups"]
)
def test_a_restriction_added_later_covers_every_translation(world, kind):
    secret, fr, en = world["secret"], world["fr"], world["en"]
    assert readers_see(fr) and readers_see(en)
    if kind == "groups":
        board = Group.objects.create(name="Consejo")
        restrict(secret, PageViewRestriction.GROUPS, groups=[board])
    elif kind == PageViewRestriction.PASSWORD:
        restrict(secret, kind, password="consejo-2026")
    else:
        restrict(secret, kind)

    for page in (secret, fr, en):
        copy = PageViewRestriction.objects.get(page=page)
        expected = PageViewRestriction.GROUPS if kind == "groups" else kind
        assert copy.restriction_type == expected
        if kind == PageViewRestriction.PASSWORD:
            assert copy.password == "consejo-2026"
        if kind == "groups":
            assert list(copy.groups.values_list("name", flat=True)) == ["Consejo"]
        assert not readers_see(page), (page.locale.language_code, kind)


def test_groups_changed_and_restriction_removed_everywhere(world):
    secret, fr = world["secret"], world["fr"]
    board, press = (
        Group.objects.create(name="Consejo"),
        Group.objects.create(name="Prensa"),
    )
    restriction = restrict(secret, PageViewRestriction.GROUPS)
    restriction.groups.set([board])
    restriction.groups.set([press])
    assert list(
        PageViewRestriction.objects.get(page=fr).groups.values_list("name", flat=True)
    ) == ["Prensa"]
    # The Spanish page's groups were not disturbed by the copies' own signals.
    assert list(restriction.groups.values_list("name", flat=True)) == ["Prensa"]

    with lh.committing():
        restriction.delete()
    assert not PageViewRestriction.objects.exists()
    assert readers_see(fr)


def test_a_restriction_set_on_a_translation_reaches_the_source(world):
    restrict(world["fr"], PageViewRestriction.LOGIN)
    assert PageViewRestriction.objects.filter(page=world["secret"]).exists()
    assert not readers_see(world["secret"])


def test_deleting_a_translation_keeps_the_others_restricted(world):
    restrict(world["secret"], PageViewRestriction.LOGIN)
    with lh.committing():
        world["fr"].delete()
    assert PageViewRestriction.objects.filter(page=world["secret"]).exists()
    assert PageViewRestriction.objects.filter(page=world["en"]).exists()


@pytest.mark.parametrize("language", ["es", "fr"])
def test_listings_show_no_restricted_title(world, settings, language, superuser):
    settings.PAGE_CACHE_ENABLED = False
    restrict(world["secret"], PageViewRestriction.LOGIN)
    # A public article that links the secret one as related.
    visible = world["visible"]
    visible.related_pages.create(related_page=world["secret"])
    visible.save_revision().publish()
    if language == "fr":
        home = world["home"].get_translation(lh.locales("fr")[0])
        index = world["index"].get_translation(lh.locales("fr")[0])
        visible = lh.translate_directly(visible, codes=("fr",), user=superuser)["fr"]
    else:
        home, index = world["home"], world["index"]
    reader = Client()
    for path in (home.url, index.url, index.url + "feed/", visible.url):
        response = reader.get(path)
        assert response.status_code == 200, path
        assert SECRET not in response.content.decode(), path
