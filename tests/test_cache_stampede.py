"""Stampede (issue 13 item 7): when the cache version changes, only one request
per key renders; the others get the previous copy when the change allows it
(stale-while-revalidate) or wait for the first one's, and never get a previous
copy after an unpublish, a deletion or a new view restriction.

The first tests drive ``PageCacheMiddleware`` from threads with a slow view
(no database: the local-memory cache is shared by the threads, as Redis is by
processes). The others go through the whole stack with real signals: "another
request renders this key" is a lock that cannot be taken."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from core.cache import PageCacheMiddleware, bump_cache_version
from home.bootstrap import role_group

READERS = 8


@pytest.fixture
def page_cache(settings):
    cache.clear()
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_WAIT_SECONDS = 5


class SlowPage:
    """A view that takes ``seconds`` to render and counts its renders."""

    def __init__(self, seconds=0.4, status=200):
        self.seconds = seconds
        self.status = status
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            number = self.renders
        time.sleep(self.seconds)
        response = HttpResponse(f"render {number}", status=self.status)
        response.page_cache_query = {}  # a page that declares no parameter
        return response


def _readers(middleware, path, count=READERS):
    """``count`` readers requesting ``path`` at the same moment: (response, seconds)."""
    factory = RequestFactory()
    start = threading.Barrier(count)

    def read():
        request = factory.get(path)
        start.wait()
        began = time.monotonic()
        response = middleware(request)
        return response, time.monotonic() - began

    with ThreadPoolExecutor(count) as pool:
        return [future.result() for future in [pool.submit(read) for _ in range(count)]]


def test_one_render_per_key_under_concurrency(page_cache):
    view = SlowPage()
    results = _readers(PageCacheMiddleware(view), "/es/noticias/")
    assert view.renders == 1
    assert {response.content for response, _ in results} == {b"render 1"}
    labels = sorted(response["X-Cache"] for response, _ in results)
    assert labels == ["HIT"] * (READERS - 1) + ["MISS"]


def test_other_keys_are_not_held_up(page_cache):
    view = SlowPage(seconds=0.5)
    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    paths = [f"/es/pagina-{number}/" for number in range(4)]
    began = time.monotonic()
    with ThreadPoolExecutor(len(paths)) as pool:
        responses = list(pool.map(lambda path: middleware(factory.get(path)), paths))
    assert view.renders == len(paths)
    assert all(response["X-Cache"] == "MISS" for response in responses)
    assert time.monotonic() - began < 0.5 * len(paths)  # rendered side by side


def test_after_a_publish_readers_get_the_previous_copy_while_one_renders(page_cache):
    view = SlowPage(seconds=0.6)
    middleware = PageCacheMiddleware(view)
    first = middleware(RequestFactory().get("/es/noticias/"))
    assert first.content == b"render 1"
    bump_cache_version(allow_stale=True)  # what a publish does

    results = _readers(middleware, "/es/noticias/")
    assert view.renders == 2  # one render for all the readers
    fresh = [(r, s) for r, s in results if r["X-Cache"] == "MISS"]
    stale = [(r, s) for r, s in results if r["X-Cache"] == "STALE"]
    assert len(fresh) == 1 and fresh[0][0].content == b"render 2"
    assert len(stale) == READERS - 1
    for response, seconds in stale:
        assert response.content == b"render 1"
        assert seconds < 0.4  # served at once, not after the render
        # Only this reader keeps it: no CDN or browser caches an old copy.
        assert response["Cache-Control"] == "private, max-age=0"
    later = middleware(RequestFactory().get("/es/noticias/"))
    assert (later["X-Cache"], later.content) == ("HIT", b"render 2")


def test_after_an_unpublish_readers_wait_and_never_get_the_previous_copy(page_cache):
    view = SlowPage(seconds=0.6)
    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/es/noticias/"))
    bump_cache_version()  # what an unpublish, a deletion or a restriction does

    results = _readers(middleware, "/es/noticias/")
    assert view.renders == 2
    assert {response.content for response, _ in results} == {b"render 2"}
    labels = sorted(response["X-Cache"] for response, _ in results)
    assert labels == ["HIT"] * (READERS - 1) + ["MISS"]


def test_readers_do_not_wait_for_a_render_that_stores_nothing(page_cache):
    view = SlowPage(seconds=0.4, status=404)
    began = time.monotonic()
    results = _readers(PageCacheMiddleware(view), "/es/no-existe/", count=4)
    assert {response.status_code for response, _ in results} == {404}
    # Each reader rendered its own 404 once the first released the lock, well
    # before PAGE_CACHE_WAIT_SECONDS (5 s).
    assert time.monotonic() - began < 3


# --- Through the whole stack, with real signals ----------------------------------------


@pytest.fixture
def tree(home_es):
    from demo.tree import build_tree

    return build_tree(home_es)


def _busy(monkeypatch, settings):
    """Another request is rendering every key from now on: this one cannot take
    the lock, and does not wait (what it gets is what a reader gets at once)."""
    settings.PAGE_CACHE_WAIT_SECONDS = 0
    monkeypatch.setattr(PageCacheMiddleware, "acquire", lambda self, lock, token: False)


def _fill(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Cache"] == "HIT", path


@pytest.mark.django_db
def test_a_publish_lets_readers_have_the_previous_copy(
    client, tree, page_cache, django_capture_on_commit_callbacks, monkeypatch, settings
):
    page = tree["standard"]
    _fill(client, page.url)
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Sobre la CLAC (nuevo)"
        page.save_revision().publish()
    _busy(monkeypatch, settings)
    response = client.get(page.url)
    assert response["X-Cache"] == "STALE"
    assert "Sobre la CLAC (nuevo)" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["unpublish", "delete", "restriction", "groups"])
def test_no_previous_copy_after_an_unpublish_a_deletion_or_a_restriction(
    client,
    tree,
    page_cache,
    django_capture_on_commit_callbacks,
    monkeypatch,
    settings,
    change,
):
    from wagtail.models import PageViewRestriction

    page = tree["standard"]
    others = [tree["home"].url, tree["news"].url]
    if change == "groups":
        with django_capture_on_commit_callbacks(execute=True):
            restriction = PageViewRestriction.objects.create(
                page=tree["strategy"], restriction_type=PageViewRestriction.GROUPS
            )
    _fill(client, page.url, *others)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        if change == "unpublish":
            page.unpublish()
        elif change == "delete":
            page.delete()
        elif change == "restriction":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
        else:  # only the restriction's groups change (m2m_changed)
            restriction.groups.add(role_group("moderators"))
    assert callbacks  # the bump was left for the commit, and ran then
    _busy(monkeypatch, settings)
    response = client.get(page.url)
    assert response.get("X-Cache") != "STALE"
    if change in ("unpublish", "delete"):
        assert response.status_code == 404
    elif change == "restriction":
        assert response.status_code == 302  # to the sign-in page
    for path in others:  # their menus and listings may have shown the page
        assert client.get(path).get("X-Cache") != "STALE", path
