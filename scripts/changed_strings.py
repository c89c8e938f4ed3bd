"""Print the interface strings that changed since a git revision, per language,
for a native reviewer to read before a release (issue 20, Build item 5).

Usage: ``python scripts/changed_strings.py [REF]`` (``make changed-strings REF=v1.2``);
without REF, the newest tag. For each language: the new and the changed
translations (source, before, after), then the count. The reviewer checks them
against CLAC's glossary (``locale/glossary.csv``) and the language's style guide
(``docs/style/``).
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("es", "en", "pt_BR", "fr")


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def translations(catalog: polib.POFile) -> dict[tuple[str, str], str]:
    return {
        (entry.msgctxt or "", entry.msgid): entry.msgstr
        or " | ".join(entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural))
        for entry in catalog
        if not entry.obsolete
    }


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1]:
        ref = sys.argv[1]
    else:
        try:
            ref = git("describe", "--tags", "--abbrev=0").strip()
        except subprocess.CalledProcessError:
            print("No tag yet: give a revision, e.g. make changed-strings REF=HEAD~10")
            return 2
    for language in LANGUAGES:
        path = f"locale/{language}/LC_MESSAGES/django.po"
        try:
            before = translations(polib.pofile(git("show", f"{ref}:{path}")))
        except subprocess.CalledProcessError:
            before = {}
        after = translations(polib.pofile(str(ROOT / path)))
        changed = [key for key, text in after.items() if before.get(key) != text]
        print(f"## {language}: {len(changed)} new or changed since {ref}\n")
        for context, msgid in changed:
            label = f"[{context}] " if context else ""
            print(f"- {label}{msgid}")
            if (context, msgid) in before:
                print(f"    before: {before[(context, msgid)]}")
            print(f"    now:    {after[(context, msgid)]}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
