"""Index the demo once at the end instead of after every save, and create no
redirects while translations are renamed.

Loading the demo saves each page many times (draft, revision, publish, translation
copies): Wagtail would queue a search-index and a reference-index update for every
one of those saves. While the loader runs, both automatic updates are off; then one
update per object it created is queued (run at once by the immediate backend, or
by the worker with the database queue).
"""

from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.contrib.redirects.signal_handlers import (
    autocreate_redirects_on_slug_change,
)
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_slug_changed
from wagtail.tasks import update_reference_index_task

from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task


def _auto_indexed_models():
    return [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


@contextmanager
def deferred_indexing():
    """Turn off automatic search and reference indexing for the duration."""
    models = _auto_indexed_models()
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_objects(objects) -> int:
    """Queue one search and one reference-index update per object (deduplicated)."""
    indexed = set(_auto_indexed_models())
    seen = set()
    for obj in objects:
        obj = obj.specific if hasattr(obj, "specific") else obj
        key = (obj._meta.label, obj.pk)
        if key in seen:
            continue
        seen.add(key)
        args = (obj._meta.app_label, obj._meta.model_name, str(obj.pk))
        update_reference_index_task.enqueue(*args)
        if type(obj) in indexed:
            insert_or_update_object_task.enqueue(*args)
    return len(seen)


@contextmanager
def no_redirects_for_new_translations():
    """A page translation is first saved under the Spanish slug, then renamed; Wagtail
    would create a redirect from each of those never-published paths (and does so
    when the transaction commits, so wrap the whole transaction in this)."""
    page_slug_changed.disconnect(autocreate_redirects_on_slug_change)
    try:
        yield
    finally:
        page_slug_changed.connect(autocreate_redirects_on_slug_change)
