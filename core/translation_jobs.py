"""wagtail-localize's bulk jobs on the django-tasks queue.

wagtail-localize hands its heavy work (translating a whole subtree, synchronising
a locale's tree) to ``WAGTAILLOCALIZE_JOBS["BACKEND"].enqueue(func, args, kwargs)``
with model instances as arguments. This backend turns those into ids and enqueues
a task, so a large section never runs inside (and times out) the editor's request.
The task row is written in the request's transaction, so the worker only sees it
once the page it refers to is committed.

Machine translation is not a job: wagtail-localize calls it synchronously, one
page at a time, from the translation editor.

This module is imported halfway through ``wagtail_localize.models`` (which imports
``wagtail_localize.tasks``, which imports the configured backend): anything that
imports ``wagtail_localize.models`` cannot be imported here at module level.
"""

import logging

from django.contrib.auth import get_user_model

from wagtail.models import Locale, Page
from wagtail_localize.synctree import synchronize_tree
from wagtail_localize.tasks import BaseJobBackend

from django_tasks import task

logger = logging.getLogger(__name__)

SUBTREE = "wagtail_localize.operations.translate_page_subtree"
SYNC_TREE = "wagtail_localize.synctree.synchronize_tree"


def _qualified_name(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _has_components(components) -> bool:
    """True when a translation component carries data a task could not rebuild."""
    return bool(components is not None and list(components))


class DjangoTasksJobBackend(BaseJobBackend):
    """Enqueue wagtail-localize's jobs as django-tasks, passing ids only."""

    def enqueue(self, func, args, kwargs):
        name = _qualified_name(func)
        if name == SUBTREE:
            page_id, locales, components, user = args
            if not _has_components(components):
                return translate_subtree.enqueue(
                    page_id=int(page_id),
                    locale_ids=[locale.pk for locale in locales],
                    user_id=getattr(user, "pk", None),
                )
        elif name == SYNC_TREE:
            source_locale, target_locale = args
            return synchronize_locale_tree.enqueue(
                source_locale_id=source_locale.pk, target_locale_id=target_locale.pk
            )
        logger.warning(
            "wagtail-localize job %s run in the request: no task for it", name
        )
        func(*args, **kwargs)
        return None


@task()
def translate_subtree(page_id: int, locale_ids: list[int], user_id: int | None) -> int:
    """Create translations of every page below ``page_id``; returns the page count."""
    # Not at module level: wagtail_localize.operations imports
    # wagtail_localize.models, which is halfway through importing this module.
    from wagtail_localize.operations import translate_page_subtree

    locales = list(Locale.objects.filter(pk__in=locale_ids))
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    translate_page_subtree(page_id, locales, None, user)
    return Page.objects.get(pk=page_id).get_descendants().count()


@task()
def synchronize_locale_tree(source_locale_id: int, target_locale_id: int) -> None:
    """Copy the page tree of one locale into another (the locale "sync from" setting)."""
    synchronize_tree(
        Locale.objects.get(pk=source_locale_id), Locale.objects.get(pk=target_locale_id)
    )
