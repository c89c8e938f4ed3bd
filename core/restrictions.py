"""Private pages stay private in every language and in every listing.

Wagtail copies a page's view restriction to a translation only when the
translation is created, and a restriction covers its page's own tree: a login,
password or groups restriction added to a Spanish page after its translations
exist leaves them public (issue 15 item 7). Here a view restriction belongs to
the *translation group*: saving, changing the groups of, or deleting the
restriction of one page does the same on every translation of that page (their
descendants follow through Wagtail's own tree rule). The copies' own signals
are ignored while copying (a context variable), and deleting a *page* (which
deletes its restriction with it) leaves its translations' restrictions alone.

``public`` keeps restricted pages (and pages below one) out of a listing in the
listing's own query (no extra query: the budgets of issue 13 hold).
"""

from contextvars import ContextVar

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction

_FIELDS = ("restriction_type", "password")
_copying: ContextVar[bool] = ContextVar("clac_copying_restrictions", default=False)


def public(queryset):
    """``queryset`` (of pages) without the pages under any view restriction."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restricted))


def _translations(page_id):
    page = Page.objects.filter(pk=page_id).only("translation_key", "locale_id").first()
    if page is None:
        return Page.objects.none()
    return Page.objects.filter(translation_key=page.translation_key).exclude(pk=page_id)


def _copy_to_translations(restriction):
    if _copying.get():
        return
    token = _copying.set(True)
    try:
        _copy(restriction)
    finally:
        _copying.reset(token)


def _copy(restriction):
    groups = set(restriction.groups.values_list("pk", flat=True))
    for page in _translations(restriction.page_id):
        copy = PageViewRestriction.objects.filter(page=page).first()
        values = {field: getattr(restriction, field) for field in _FIELDS}
        if copy is None:
            copy = PageViewRestriction(page=page, **values)
            copy.save()
        elif any(getattr(copy, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(copy, field, value)
            copy.save()
        if set(copy.groups.values_list("pk", flat=True)) != groups:
            copy.groups.set(groups)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _copy_to_translations(instance)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, reverse=False, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    _copy_to_translations(instance)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, origin=None, **kwargs):
    # Only a restriction removed as such (the admin's "Public"), not one deleted
    # with its page (``origin`` is then the page or the pages' query set).
    model = getattr(origin, "model", type(origin))
    if _copying.get() or not (
        isinstance(model, type) and issubclass(model, PageViewRestriction)
    ):
        return
    token = _copying.set(True)
    try:
        PageViewRestriction.objects.filter(
            page__in=_translations(instance.page_id)
        ).delete()
    finally:
        _copying.reset(token)
