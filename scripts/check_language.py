"""Check that every language reads as if written in it (issue 20).

Over the translation catalogs (``locale/*/LC_MESSAGES/django.po``, source: the
English msgid) and the demo texts (``demo/content.py`` through
``demo.texts.TRANSLATIONS``, source: the Spanish text), by rule and language:

- ``glossary``: a source text that uses one of CLAC's terms (``locale/glossary.csv``)
  has the approved term in the translation; forbidden variants never appear.
- ``fr-typography``: U+00A0 before ``:``, U+202F before ``; ? !`` and inside
  ``« »``, ``’`` for the apostrophe (``--fix`` corrects catalogs and demo texts).
- ``register``: tú (es), you (en), você (pt_BR), vous (fr) — pronouns of the other
  register are refused.
- ``inverted-marks``: Spanish ``¿…?`` and ``¡…!`` come in pairs.
- ``quotes``: « » in Spanish and French, “ ” in English and Portuguese; no
  straight double quotes in text.
- ``identical``: a translation equal to its source, unless on the allowlist.

``locale/language-allowlist.txt`` lists findings that are right on purpose, one
per line: ``rule<TAB>language<TAB>the text`` (the text as the checker prints it).

Usage: ``python scripts/check_language.py [--fix] [--verbose]``; exits 1 when
something is found. Runs in CI beside ``check_messages.py``.
"""

import argparse
import io
import os
import re
import sys
import tokenize
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core import glossary  # noqa: E402

LOCALE = ROOT / "locale"
ALLOWLIST = LOCALE / "language-allowlist.txt"
DEMO_CONTENT = ROOT / "demo" / "content.py"
CATALOG_LANGUAGES = ("es", "en", "pt_BR", "fr")
# demo.texts keys → catalog codes
DEMO_LANGUAGES = {"en": "en", "pt-br": "pt_BR", "fr": "fr"}

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"

REGISTER = {
    "es": r"\b(usted|ustedes|vosotros|vosotras|vuestro|vuestra)\b",
    "pt_BR": r"\b(tu|teu|tua|teus|tuas|contigo|vós)\b",
    "fr": r"\b(tu|toi|tes)\b",
}
QUOTES = {
    "es": (r"[“”]", "« »"),
    "fr": (r"[“”]", "« »"),
    "en": (r"[«»]", "“ ”"),
    "pt_BR": (r"[«»]", "“ ”"),
}
TAG = re.compile(r"<[^>]*>")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}|%[sd]")


def text_only(text: str) -> str:
    """The text a reader sees: no tags, no placeholders, no URLs."""
    text = TAG.sub(" ", text)
    text = PLACEHOLDER.sub("X", text)
    return re.sub(r"\b(?:https?://|www\.)\S+", "URL", text)


# --- French typography -------------------------------------------------------


def fix_french(text: str) -> str:
    """The French typography of ``text``, corrected (tags left alone)."""
    parts = re.split(r"(<[^>]*>)", text)
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            continue
        part = re.sub(r"(?<=\w)'(?=\w)", "’", part)
        # « text » with narrow no-break spaces inside
        part = re.sub(r"«[ \u00a0\u202f]*", "«" + NNBSP, part)
        part = re.sub(r"[ \u00a0\u202f]*»", NNBSP + "»", part)
        # ; ? ! after a word or a closing mark (not in URLs: followed by a space or the end)
        part = re.sub(
            r"(?<=[\w»)%])[ \u00a0]?([;?!])(?=\s|$|[»)<\"”])", NNBSP + r"\1", part
        )
        part = re.sub(r"(?<=[\w»)%])[ \u202f]?:(?=\s|$)", NBSP + ":", part)
        parts[index] = part
    return "".join(parts)


# --- the rules -----------------------------------------------------------------


def check_text(source: str, source_language: str, text: str, language: str):
    """The findings for one translation: ``(rule, message)`` pairs."""
    found = []
    if not text or SLUG.fullmatch(text):
        return found
    for term, problem in glossary.breaches(source, source_language, text, language):
        found.append(("glossary", f"{term}: {problem}"))
    if language == "fr" and fix_french(text) != text:
        found.append(("fr-typography", "spaces or apostrophes"))
    visible = text_only(text)
    pattern = REGISTER.get(language)
    if pattern and (match := re.search(pattern, visible, re.IGNORECASE)):
        found.append(("register", f"“{match.group(0)}”"))
    if language == "es":
        for opening, closing in (("¿", "?"), ("¡", "!")):
            closings = len(
                re.findall(re.escape(closing) + r"(?=\s|$|[»)”\"])", visible)
            )
            if visible.count(opening) != closings:
                found.append(("inverted-marks", f"{opening}…{closing} unpaired"))
    wrong, expected = QUOTES[language]
    if re.search(wrong, visible) or '"' in visible:
        found.append(("quotes", f"use {expected}"))
    if language != source_language and text == source and re.search(r"[a-z]{3}", text):
        found.append(("identical", "same as the source"))
    return found


# --- sources -------------------------------------------------------------------


def catalog_items():
    """(where, source, source language, text, language) for every catalog entry."""
    for language in CATALOG_LANGUAGES:
        catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        for entry in catalog:
            if entry.obsolete:
                continue
            texts = (
                [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
            )
            for text in texts:
                if language == "en" and text in ("", entry.msgid):
                    continue
                yield (f"{language} catalog", entry.msgid, "en", text, language)


def demo_items():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clac_cms.settings.dev")
    import django

    django.setup()
    import demo.content  # noqa: F401  (registers every demo text)
    from demo.texts import TRANSLATIONS

    for spanish, translations in TRANSLATIONS.items():
        yield ("es demo", spanish, "es", spanish, "es")
        for key, language in DEMO_LANGUAGES.items():
            yield (f"{language} demo", spanish, "es", translations[key], language)


def load_allowlist() -> set[tuple[str, str, str]]:
    allowed = set()
    if ALLOWLIST.exists():
        for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                rule, language, text = line.split("\t", 2)
                allowed.add((rule, language, text))
    return allowed


def one_line(text: str) -> str:
    return text.replace("\n", "\\n")


# --- fixing --------------------------------------------------------------------


def fix_catalogs() -> int:
    path = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(path))
    changed = 0
    for entry in catalog:
        if entry.msgstr and fix_french(entry.msgstr) != entry.msgstr:
            entry.msgstr = fix_french(entry.msgstr)
            changed += 1
        for key, value in entry.msgstr_plural.items():
            if fix_french(value) != value:
                entry.msgstr_plural[key] = fix_french(value)
                changed += 1
    if changed:
        catalog.save(str(path))
    return changed


def fix_demo_source() -> int:
    """Correct the French literals (``fr=...``) in demo/content.py in place."""
    source = DEMO_CONTENT.read_text(encoding="utf-8")
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.splitlines(keepends=True)
    edits = []
    in_french = False
    for index, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string == "fr":
            following = tokens[index + 1]
            in_french = following.type == tokenize.OP and following.string == "="
            continue
        if in_french and token.type == tokenize.STRING:
            prefix = re.match(r"[a-zA-Z]*", token.string).group(0)
            quote = token.string[len(prefix)]
            body = token.string[len(prefix) + 1 : -1]
            fixed = fix_french(body)
            if fixed != body and "\\" not in body:
                edits.append((token.start, token.end, f"{prefix}{quote}{fixed}{quote}"))
        elif in_french and (
            token.type not in (tokenize.NL, tokenize.COMMENT, tokenize.OP)
            or token.string in (",", ")")
        ):
            in_french = False
    for (start_row, start_col), (end_row, end_col), text in reversed(edits):
        if start_row != end_row:
            raise ValueError(f"demo/content.py:{start_row}: a multi-line literal")
        line = lines[start_row - 1]
        lines[start_row - 1] = line[:start_col] + text + line[end_col:]
    if edits:
        DEMO_CONTENT.write_text("".join(lines), encoding="utf-8")
    return len(edits)


# --- main ----------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="correct French typography")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list each finding"
    )
    args = parser.parse_args()
    if args.fix:
        print(f"fixed {fix_catalogs()} French catalog entries")
        print(f"fixed {fix_demo_source()} French demo literals")
    allowed = load_allowlist()
    counts: Counter = Counter()
    details = []
    seen = set()
    for where, source, source_language, text, language in [
        *catalog_items(),
        *demo_items(),
    ]:
        for rule, message in check_text(source, source_language, text, language):
            key = (rule, language, one_line(text))
            if key in allowed or (where, *key) in seen:
                continue
            seen.add((where, *key))
            counts[(rule, where)] += 1
            details.append(f"{where}: {rule}: {message}: {one_line(text)[:160]}")
    if args.verbose:
        print("\n".join(details))
    rules = sorted({rule for rule, _ in counts})
    places = sorted({where for _, where in counts})
    if not counts:
        print("check_language: OK (0 findings)")
        return 0
    print("findings per rule and source:")
    print("rule".ljust(16) + "".join(place.rjust(16) for place in places))
    for rule in rules:
        row = "".join(str(counts.get((rule, place), 0)).rjust(16) for place in places)
        print(rule.ljust(16) + row)
    print(f"total: {sum(counts.values())} (run with --verbose for the list)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
