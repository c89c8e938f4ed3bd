"""Cache invalidation: what readers see changed, so cached pages and fragments go.

One global cache version (``core.cache``) is part of every page-cache key and
every cached menu and footer. Publishing, unpublishing, moving or deleting a page
(any translation), and saving, publishing, unpublishing or deleting a snippet, an
image, a locale, a site, a page view restriction or the site settings bump it.
This is deliberately coarse: a publish makes every page of the site be rendered
again once, which is cheap (a page renders in a few milliseconds), and it is
always correct: the page, its translations, its listings (home pages, indexes,
related items) and the menus that link to it all change together.
"""

import functools

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from core.cache import bump_cache_version
from core.locales import clear_locale_cache


@functools.cache
def _reader_visible_models():
    """Snippets, images and settings whose changes readers can see."""
    from django.apps import apps

    from wagtail.images import get_image_model

    from core.models import SiteSettings, TranslatableSnippet

    # A page view restriction: the route cache keeps each page's restrictions.
    models = [get_image_model(), SiteSettings, Locale, Site, PageViewRestriction]
    models += [
        model for model in apps.get_models() if issubclass(model, TranslatableSnippet)
    ]
    return tuple(models)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(published)
@receiver(unpublished)
def bump_on_publishing(sender, **kwargs):
    bump_cache_version()


@receiver(post_save)
@receiver(post_delete)
def bump_on_content_change(sender, instance, **kwargs):
    """A live page saved or deleted (drafts of new pages are not seen), or a
    snippet, image, settings, site or locale saved or deleted (drafts included:
    a needless bump only costs one render of each page)."""
    if isinstance(instance, Page):
        if instance.live:
            bump_cache_version()
    elif isinstance(instance, _reader_visible_models()):
        if isinstance(instance, Locale):
            clear_locale_cache()
        bump_cache_version()
