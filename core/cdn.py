"""CDN purges on publish: every translation's real URL and the listings that show it.

Wagtail's own handlers (``wagtail.contrib.frontend_cache.signal_handlers``) purge
only the page that was published, at once (before the transaction commits, so a
CDN can fetch and keep the old version again), and ``WAGTAILFRONTENDCACHE_LANGUAGES``
only swaps the language prefix (``/es/sobre/`` -> ``/en/sobre/``), which is wrong
with translated slugs. Here a publish or unpublish of any translation purges, in
one ``PurgeBatch`` scheduled with ``transaction.on_commit``:

- the page itself (also when unpublished: its old URL must go) and every live
  translation, each with its own URL (translated slug, own parent path);
- every live translation of its parent (the index or page that lists it);
- every live translation of its site's home (home pages list recent items).

A slug change or a move of a live page also purges the URLs it and its live
descendants had before (``page_slug_changed``, ``post_page_move``), after the
commit. Wagtail's redirect auto-creation sends old paths to the new page and
purges them too, but in their normalised form (``/es/a/b``, no trailing slash)
and before the commit; our pages live at ``/es/a/b/``, the URL a CDN holds.

We disconnect Wagtail's handlers (``disconnect_wagtail_handlers``, called from
``CoreConfig.ready``) rather than keep them and leave the page out of our batch:
theirs would still run before the commit and make a second purge request.
Nothing happens unless ``WAGTAILFRONTENDCACHE`` is configured (settings/base.py).
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction

from wagtail.contrib.frontend_cache import signal_handlers
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)


def frontend_cache_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def pages_to_purge(page):
    """The page, its live translations, its parent's and its home's live translations."""
    pages = {page.pk: page}
    pages.update((p.pk, p) for p in page.get_translations().live())
    parent = page.get_parent()
    if parent is not None and not parent.is_root():
        pages.update((p.pk, p) for p in parent.get_translations(inclusive=True).live())
    site = page.get_site()
    if site is not None:
        home = site.root_page
        pages.update((p.pk, p) for p in home.get_translations(inclusive=True).live())
    return list(pages.values())


def purge_batch_for(page) -> PurgeBatch:
    """The URLs read now, inside the transaction: a page unpublished then deleted
    in the same transaction still has its URL purged."""
    batch = PurgeBatch()
    batch.add_pages(pages_to_purge(page))
    return batch


def purge_translations_on_commit(sender, instance, **kwargs):
    if not frontend_cache_configured():
        return
    batch = purge_batch_for(instance)
    # After the commit only: a purge before it lets the CDN fetch the old page
    # again. Discarded with the transaction when it rolls back.
    transaction.on_commit(batch.purge)


def old_urls(page, url_path_before, url_path_after):
    """The full URLs the page and its live descendants had under ``url_path_before``."""
    urls = []
    for node in page.get_descendants(inclusive=True).live():
        if not node.url_path.startswith(url_path_after):
            continue
        node.url_path = url_path_before + node.url_path[len(url_path_after) :]
        url = node.get_full_url()
        if url:
            urls.append(url)
    return urls


def purge_old_urls(page, url_path_before, url_path_after):
    if not frontend_cache_configured() or url_path_before == url_path_after:
        return
    batch = PurgeBatch()
    batch.add_urls(old_urls(page, url_path_before, url_path_after))
    # page_slug_changed is sent after the commit already; post_page_move inside
    # the move's transaction or after it: on_commit covers both.
    transaction.on_commit(batch.purge)


def purge_on_slug_change(sender, instance, instance_before, **kwargs):
    if instance_before.live:
        purge_old_urls(instance, instance_before.url_path, instance.url_path)


def purge_on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    if instance.live:
        purge_old_urls(instance, url_path_before, url_path_after)


def disconnect_wagtail_handlers():
    """Take out Wagtail's per-model handlers (connected by its app's ready(),
    which runs first: it is listed before "core" in INSTALLED_APPS)."""
    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(
                signal_handlers.page_published_signal_handler, sender=model
            )
            page_unpublished.disconnect(
                signal_handlers.page_unpublished_signal_handler, sender=model
            )


def connect():
    disconnect_wagtail_handlers()
    page_published.connect(purge_translations_on_commit, dispatch_uid="clac_cdn_purge")
    page_unpublished.connect(
        purge_translations_on_commit, dispatch_uid="clac_cdn_purge"
    )
    page_slug_changed.connect(purge_on_slug_change, dispatch_uid="clac_cdn_slug")
    post_page_move.connect(purge_on_move, dispatch_uid="clac_cdn_move")
