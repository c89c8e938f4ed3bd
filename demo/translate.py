"""Translate demo pages and snippets the way an editor would with wagtail-localize.

For each object: a ``TranslationSource`` of the Spanish instance, a ``Translation``
per target language (so the admin opens wagtail-localize's editor, synced to the
source), a ``StringTranslation`` for every extracted string, then ``save_target``
and publishing the new revision.

The target is saved as a draft and its revision published here, rather than with
``save_target(publish=True)``, which publishes only when the surrounding
transaction commits: the loader runs inside one transaction, and pages below must
find their parents live.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, validate_translation_links

from .texts import MissingDemoTranslation, SegmentTranslator

TOOL_NAME = "load_demo_content"


class DemoTranslator:
    def __init__(self, language_codes):
        self.locales = [
            Locale.objects.get(language_code=code) for code in language_codes
        ]
        self.translate_text = SegmentTranslator()
        self.published = []

    def existing_target(self, instance, locale):
        """The translation of ``instance`` in ``locale``, whoever made it, or None."""
        return instance.get_translation_or_none(locale)

    def can_translate(self, instance, locale):
        """False for a page whose parent has no translation in ``locale``."""
        if not isinstance(instance, Page):
            return True
        parent = instance.get_parent()
        if parent is None or parent.depth <= 1:
            return True
        return parent.get_translation_or_none(locale) is not None

    def translate(self, instance, locale, *, strict=True):
        """Translate ``instance`` (Spanish) into ``locale`` and publish the target.

        A string the registry (demo/texts.py) lacks raises MissingDemoTranslation
        when ``strict``; otherwise nothing is created and None is returned (an
        editor has changed the Spanish text since the demo made it).
        """
        if isinstance(instance, Page):
            instance = instance.specific
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        segments = list(
            StringSegment.objects.filter(source=source).select_related(
                "string", "context"
            )
        )
        done = set(
            StringTranslation.objects.filter(
                locale=locale,
                translation_of__in=[segment.string_id for segment in segments],
            ).values_list("translation_of_id", "context_id")
        )
        missing = []
        new_rows = {}
        for segment in segments:
            key = (segment.string_id, segment.context_id)
            if key in done or key in new_rows:
                continue
            try:
                text = self.translate_text(segment.string.data, locale.language_code)
            except MissingDemoTranslation:
                missing.append(segment.string.data)
                continue
            # What StringTranslation.save() checks, without a query per string.
            StringValue.from_translated_html(text)
            validate_translation_links(segment.string.data, text)
            new_rows[key] = StringTranslation(
                translation_of_id=segment.string_id,
                locale=locale,
                context_id=segment.context_id,
                data=text,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                tool_name=TOOL_NAME,
            )
        if missing:
            if not strict:
                return None
            raise MissingDemoTranslation(
                f"No translation registered for {len(set(missing))} string(s) of "
                f"{instance!r}: "
                + "; ".join(repr(text) for text in sorted(set(missing)))
            )
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        # One insert instead of a save per string (checked above).
        StringTranslation.objects.bulk_create(new_rows.values())
        translation.save_target(publish=False)
        target = translation.get_target_instance()
        target.latest_revision.publish()
        self.published.append(target)
        return target
