"""No wagtail-localize ``Translation`` where an imported page exists.

wagtail-localize finds pages by translation key: "include subtree" or a related
object's submission would create a ``Translation`` for a locale where the import
already made the page, and its next sync would overwrite the imported text with a
draft of Spanish fallback. The status report tells imported pages from synced
ones by the absence of a ``Translation`` row, so none may be made for them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext

from wagtail.models import Page
from wagtail_localize.models import Translation

from .models import ImportedItem

PAGE_KINDS = (ImportedItem.Kind.POST, ImportedItem.Kind.PAGE)


def imported_target(source, locale_id):
    """The imported page ``source`` would be translated onto in that locale, if any."""
    pages = Page.objects.filter(
        translation_key=source.object_id, locale_id=locale_id
    ).values("pk")
    return ImportedItem.objects.filter(kind__in=PAGE_KINDS, object_id__in=pages).first()


@receiver(pre_save, sender=Translation)
def refuse_translation_over_imported_page(sender, instance, raw=False, **kwargs):
    if raw or instance.pk:
        return
    item = imported_target(instance.source, instance.target_locale_id)
    if item is not None:
        raise PermissionDenied(
            gettext(
                "This page was imported from WordPress in that language: it is "
                "edited there directly, not translated (WordPress item %(id)s)."
            )
            % {"id": item.wp_id}
        )
