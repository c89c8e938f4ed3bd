"""Helpers for the translation tests: build Spanish sources, walk wagtail-localize's
admin views (submit, string translation API, publish, sync) as an editor would."""

import json
from html import unescape
from urllib.parse import urlencode

from django.test import TestCase
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

TARGETS = ("en", "pt-br", "fr")


def committing():
    """Run on-commit callbacks (wagtail-localize publishes on commit) in the test."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def locales(*codes):
    return list(
        Locale.objects.filter(language_code__in=codes or TARGETS).order_by("pk")
    )


def translated_text(path: str, text: str, code: str) -> str:
    """What our pretend translator writes: a slug keeps slug form, text is tagged."""
    if path == "slug" or path.endswith(".slug"):
        return f"{text}-{code}"
    return f"[{code}] {text}"


def publish(page):
    with committing():
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, instance):
    parent.add_child(instance=instance)
    return publish(instance)


def publish_snippet(snippet):
    with committing():
        snippet.save()
        snippet.save_revision().publish()
    snippet.refresh_from_db()
    return snippet


def translation_for(instance, code) -> Translation:
    return Translation.objects.select_related("source", "target_locale").get(
        source__object_id=instance.translation_key,
        source__locale=instance.locale,
        target_locale__language_code=code,
    )


def fill_strings_directly(translation, user=None):
    code = translation.target_locale.language_code
    for segment in translation.source.stringsegment_set.select_related(
        "string", "context"
    ):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": translated_text(
                    segment.context.path, segment.string.data, code
                ),
                "last_translated_by": user,
            },
        )


def translate_directly(instance, codes=TARGETS, user=None):
    """The fast path for scaffolding (parents): no HTTP, same wagtail-localize calls."""
    translate_object(instance, locales(*codes), None, user)
    targets = {}
    for code in codes:
        translation = translation_for(instance, code)
        fill_strings_directly(translation, user)
        with committing():
            translation.save_target(user=user, publish=True)
        targets[code] = translation.get_target_instance()
    return targets


def submit_url(instance):
    from wagtail.models import Page

    if isinstance(instance, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
    meta = instance._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, instance.pk],
    )


def submit(client, instance, codes=TARGETS, **extra):
    data = {"locales": [locale.pk for locale in locales(*codes)], **extra}
    with committing():
        return client.post(submit_url(instance), data)


def edit_url(instance):
    from wagtail.models import Page

    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    meta = instance._meta
    return reverse(
        f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk]
    )


def put_string(client, translation, segment, value):
    url = reverse(
        "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
    )
    return client.put(
        url,
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def translate_strings_via_api(client, translation, only_missing=False):
    """Type a translation for every string in the translation editor (its API)."""
    code = translation.target_locale.language_code
    segments = translation.source.stringsegment_set.select_related("string", "context")
    done = 0
    for segment in segments:
        if (
            only_missing
            and StringTranslation.objects.filter(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
            ).exists()
        ):
            continue
        response = put_string(
            client,
            translation,
            segment,
            translated_text(segment.context.path, segment.string.data, code),
        )
        assert response.status_code in (200, 201), response.content
        done += 1
    return done


def publish_translation(client, target):
    """The translation editor's Publish button: POST action=publish to the edit view."""
    with committing():
        return client.post(edit_url(target), {"action": "publish"})


def editor_props(client, target) -> dict:
    """The translation editor's data (segments and their translations) as rendered."""
    response = client.get(edit_url(target))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('data-props="') + len('data-props="')
    return json.loads(unescape(html[start : html.index('"', start)]))


def untranslated_sources(client, target) -> list[str]:
    """Source strings the translation editor shows without a translation."""
    props = editor_props(client, target)
    translated = {
        item["segment_id"]
        for item in props["initialStringTranslations"]
        if item["data"]
    }
    return [
        segment["source"]
        for segment in props["segments"]
        if segment["type"] == "string" and segment["id"] not in translated
    ]


def sync(client, instance, **extra):
    source = TranslationSource.objects.get_for_instance(instance)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with committing():
        return client.post(url, extra)


def segments_of(instance):
    source = TranslationSource.objects.get_for_instance(instance)
    return StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )


def refused(response) -> bool:
    """Wagtail's admin refusal: a 403, or (for a page request) its standard redirect
    to the dashboard with a "no permission" error message."""
    from django.contrib.messages import ERROR, get_messages

    if response.status_code == 403:
        return True
    if response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    ):
        return any(m.level == ERROR for m in get_messages(response.wsgi_request))
    return False
