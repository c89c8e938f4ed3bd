"""The registry of demo texts: every Spanish string with its English, Brazilian
Portuguese and French translation, in one place.

``t()`` records a translation and returns the Spanish text, so the content module
reads as Spanish while the translations sit next to it. The loader looks up each
string wagtail-localize extracts from a Spanish page or snippet here and refuses to
translate anything that is missing, so no translated page can show Spanish.
"""

from wagtail_localize.strings import StringValue

from bs4 import BeautifulSoup

TARGET_LANGUAGES = ("en", "pt-br", "fr")

TRANSLATIONS: dict[str, dict[str, str]] = {}


class MissingDemoTranslation(LookupError):
    pass


def t(es: str, *, en: str, pt: str, fr: str) -> str:
    """Register the translations of a Spanish text and return the Spanish text."""
    entry = {"en": en, "pt-br": pt, "fr": fr}
    known = TRANSLATIONS.get(es)
    if known is not None and known != entry:
        raise ValueError(f"Two different translations for {es!r}")
    TRANSLATIONS[es] = entry
    return es


def same(text: str) -> str:
    """A proper name or code written the same in every language (e.g. 'WFTO-LA')."""
    return t(text, en=text, pt=text, fr=text)


def _plain(text: str) -> str:
    return StringValue.from_plaintext(text).data


def _html(text: str) -> str:
    return str(BeautifulSoup(text, "html.parser"))


def _build_index():
    """Segment data (as wagtail-localize stores it) -> (translations, kind)."""
    index = {}
    for spanish, entry in TRANSLATIONS.items():
        index.setdefault(_plain(spanish), (entry, "plain"))
        index.setdefault(_html(spanish), (entry, "html"))
    return index


class SegmentTranslator:
    """Translate one extracted string (as wagtail-localize stores it) into a language."""

    def __init__(self):
        self.index = _build_index()

    def __call__(self, data: str, language_code: str) -> str:
        found = self.index.get(data)
        if found is None:
            raise MissingDemoTranslation(data)
        entry, kind = found
        text = entry[language_code]
        return _plain(text) if kind == "plain" else _html(text)
