"""Cache invalidation: what readers see changed, so cached pages and fragments go.

One global cache version (``core.cache``) is part of every page-cache key and
every fragment key. It is bumped, after the transaction commits and once per
transaction however many changes it holds, when readers could see a change:

- a page is published (``published``: pages and snippets alike), unpublished
  (``unpublished``), moved (``post_page_move``), given a new slug
  (``page_slug_changed``), or deleted while live (``post_delete``);
- a snippet is published, unpublished, or deleted while live;
- a page or snippet created live without a revision (an import; the admin
  creates drafts and publishes them) counts as a publish;
- a page view restriction is saved, deleted, or its groups change (``m2m_changed``);
- the site settings, an image, a document, a locale or a site is saved or deleted;
- a model a feature app registered with ``invalidates_pages`` (the campaign
  registry: participants, their progress and activities, criteria, producer
  organisations) is saved or deleted.

Nothing else bumps it. In particular not ``post_save`` of an existing page or
snippet: Wagtail's ``save_revision()`` calls ``save()`` (with ``live=True`` on a
live page) for every draft, every autosave (Wagtail 8 autosaves every few
seconds while an editor types), every workflow step; a new translation starts as
a draft too. None of these changes what readers see.

A bump may let the previous version's pages be served while they are rendered
again (stale-while-revalidate, ``core.cache.PageCacheMiddleware``): a publish, a
new image or settings change only update what a page shows. An unpublish, a
deletion, a move, a slug change, a view restriction, a locale or a site change
take pages away or change who may see them: their bump forbids any previous copy.

Invalidation stays coarse: one publish makes every page render again once, which
is cheap (every page type renders cold in at most 15 queries; docs/performance.md),
and always correct: the page, its translations, its listings and the menus that
link to it change together.

Code that changes a live page or snippet without publishing a revision (a plain
``save()`` of an existing row) must call ``schedule_bump()`` itself.
"""

import functools
import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_slug_changed,
    post_page_move,
    published,
    unpublished,
)

from core.cache import bump_cache_version
from core.locales import clear_locale_cache
from core.models import SiteSettings, TranslatableSnippet

_local = threading.local()


class _Batch:
    """The bump one transaction owes: made once, however many changes asked."""

    def __init__(self):
        self.allow_stale = True
        self.done = False

    def run(self):
        if self.done:
            return
        self.done = True
        if getattr(_local, "batch", None) is self:
            _local.batch = None
        bump_cache_version(allow_stale=self.allow_stale)


def schedule_bump(*, allow_stale=False):
    """Bump the cache version after the current transaction commits (at once
    outside one), once per transaction.

    Every call registers a callback on the batch of the thread's current
    transaction, so a savepoint rolled back with its callback does not lose the
    bump; the first callback to run bumps, the others find it done. A bump asked
    for during the commit's callbacks (Wagtail sends ``page_slug_changed`` from
    one) joins the batch that has not run yet. A batch left by a transaction
    that rolled back is reused by the next one (at worst forbidding stale copies
    that could have been served).
    """
    batch = getattr(_local, "batch", None)
    if batch is None or batch.done:
        batch = _local.batch = _Batch()
    batch.allow_stale = batch.allow_stale and allow_stale
    transaction.on_commit(batch.run)


@functools.cache
def _snippet_models():
    return tuple(
        model for model in apps.get_models() if issubclass(model, TranslatableSnippet)
    )


_registered_models: list = []


def invalidates_pages(*models) -> None:
    """Models of a feature app that pages show without drafts (the campaign
    registry, say): saving or deleting one bumps the cache version, stale copies
    allowed on a save. Called from the app's ``ready()``."""
    _registered_models.extend(
        model for model in models if model not in _registered_models
    )
    _content_models.cache_clear()


@functools.cache
def _content_models():
    """Saved or deleted, these change what pages show (no drafts)."""
    return (get_image_model(), get_document_model(), SiteSettings, *_registered_models)


@receiver(published)
def bump_on_publish(sender, instance, **kwargs):
    """A page or a snippet published (Wagtail sends it for both)."""
    schedule_bump(allow_stale=True)


@receiver(unpublished)
def bump_on_unpublish(sender, instance, **kwargs):
    schedule_bump()


@receiver(post_page_move)
def bump_on_move(sender, instance, **kwargs):
    if instance.live or instance.get_descendants().live().exists():
        schedule_bump()


@receiver(page_slug_changed)
def bump_on_slug_change(sender, instance, instance_before, **kwargs):
    if instance_before.live or instance.live:
        schedule_bump()


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def bump_on_restriction_groups(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        schedule_bump()


@receiver(post_save)
def bump_on_save(sender, instance, created, raw=False, **kwargs):
    if raw:  # loaddata
        return
    if isinstance(instance, (Page, *_snippet_models())):
        # Only a page or snippet created live (an import, ``add_child`` of a live
        # page; the admin creates them as drafts and publishes a revision):
        # drafts, autosaves and workflow steps save existing rows.
        if created and instance.live:
            schedule_bump(allow_stale=True)
    elif isinstance(instance, (PageViewRestriction, Site)):
        schedule_bump()
    elif isinstance(instance, Locale):
        clear_locale_cache()
        schedule_bump()
    elif isinstance(instance, _content_models()):
        schedule_bump(allow_stale=True)


@receiver(post_delete)
def bump_on_delete(sender, instance, **kwargs):
    if isinstance(instance, (Page, *_snippet_models())):
        if getattr(instance, "live", False):
            schedule_bump()
    elif isinstance(instance, (PageViewRestriction, Site, *_content_models())):
        schedule_bump()
    elif isinstance(instance, Locale):
        clear_locale_cache()
        schedule_bump()
