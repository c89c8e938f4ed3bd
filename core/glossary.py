"""CLAC's glossary (``locale/glossary.csv``): the one list of approved terms.

Each row is a term in the four languages. A cell may list accepted forms
separated by ``|`` (plural, with its article); the first is the canonical one.
``forbidden`` lists variants that must never appear, as ``lang:variant`` items
separated by ``|``. Everything that needs CLAC's terms reads this module: the
language check (``scripts/check_language.py``), ``manage.py sync_glossary``
(DeepL glossaries) and the report of machine translations that break a term.

Pure Python: no Django import, so the checker runs without settings.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "locale" / "glossary.csv"

# Catalog directory names and the glossary's columns.
LANGUAGES = ("es", "en", "pt_BR", "fr")
SOURCE_LANGUAGE = "es"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " "})


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe and space, NFC: for comparing terms."""
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()


@dataclass(frozen=True)
class Term:
    id: str
    forms: dict[str, tuple[str, ...]]
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""

    def canonical(self, language: str) -> str:
        return self.forms[language][0]

    def found_in(self, text: str, language: str) -> bool:
        return any(_contains(text, form) for form in self.forms[language])

    def forbidden_in(self, text: str, language: str) -> list[str]:
        """The forbidden variants of this term that ``text`` contains.

        A forbidden variant that is also an accepted form's prefix (``redes de
        país`` against ``Redes de País``) is matched case-sensitively.
        """
        found = []
        for variant in self.forbidden.get(language, ()):
            if any(
                normalise(variant) == normalise(form) for form in self.forms[language]
            ):
                if _contains(text, variant, case_sensitive=True):
                    found.append(variant)
            elif _contains(text, variant):
                found.append(variant)
        return found


def _pattern(form: str, case_sensitive: bool) -> re.Pattern:
    flags = 0 if case_sensitive else re.IGNORECASE
    words = [re.escape(word) for word in form.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


def _contains(text: str, form: str, case_sensitive: bool = False) -> bool:
    if case_sensitive:
        text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
        form = unicodedata.normalize("NFC", form).translate(_APOSTROPHES)
    else:
        text, form = normalise(text), normalise(form)
    return _pattern(form, case_sensitive).search(text) is not None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def parse(lines) -> list[Term]:
    terms = []
    for row in csv.DictReader(lines):
        forbidden: dict[str, list[str]] = {}
        for item in _split(row.get("forbidden") or ""):
            language, _, variant = item.partition(":")
            if language not in LANGUAGES or not variant:
                raise ValueError(f"{row['id']}: bad forbidden item {item!r}")
            forbidden.setdefault(language, []).append(variant)
        forms = {language: _split(row[language]) for language in LANGUAGES}
        if not all(forms.values()):
            raise ValueError(f"{row['id']}: a language has no term")
        terms.append(
            Term(
                id=row["id"],
                forms=forms,
                forbidden={key: tuple(value) for key, value in forbidden.items()},
                note=row.get("note") or "",
            )
        )
    return terms


@cache
def load(path: Path = GLOSSARY_PATH) -> tuple[Term, ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(parse(handle))


def entries(source: str, target: str, path: Path = GLOSSARY_PATH) -> dict[str, str]:
    """Canonical source term → canonical target term, for a language pair
    (what a DeepL glossary holds: one entry per term, every accepted source form)."""
    pairs = {}
    for term in load(path):
        for form in term.forms[source]:
            pairs.setdefault(form, term.canonical(target))
    return pairs


EXPECTED = "expected"
FORBIDDEN = "forbidden"


def problems(
    source_text: str, source: str, text: str, language: str, path=GLOSSARY_PATH
) -> list[tuple[Term, str, str]]:
    """``breaches`` as data: ``(term, EXPECTED, canonical form)`` when the source
    uses the term and the translation lacks it, ``(term, FORBIDDEN, variant)`` for
    a forbidden variant in the translation (for a report in the reader's language)."""
    found = []
    for term in load(path):
        if term.found_in(source_text, source) and not term.found_in(text, language):
            found.append((term, EXPECTED, term.canonical(language)))
        for variant in term.forbidden_in(text, language):
            found.append((term, FORBIDDEN, variant))
    return found


def breaches(
    source_text: str, source: str, text: str, language: str, path=GLOSSARY_PATH
):
    """The terms that ``text`` (a translation into ``language`` of ``source_text``)
    gets wrong: ``(term id, problem)`` pairs."""
    return [
        (term.id, f"{kind} “{word}”")
        for term, kind, word in problems(source_text, source, text, language, path)
    ]
