"""Fail when locale/ is not current: makemessages would change a catalog, a .mo is
stale, or a message is untranslated or fuzzy. Creation dates are ignored."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ["es", "en", "pt_BR", "fr"]


def normalised(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith('"POT-Creation-Date:') and not line.startswith("#:")
    ]


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "locale"
        shutil.copytree(LOCALE, backup)
        try:
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "--no-obsolete",
                    "--no-location",
                    "--ignore=.venv",
                    "--ignore=node_modules",
                    "--ignore=test-artifacts",
                    *[f"-l{lang}" for lang in LANGUAGES],
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            for lang in LANGUAGES:
                po = LOCALE / lang / "LC_MESSAGES" / "django.po"
                old = backup / lang / "LC_MESSAGES" / "django.po"
                if not old.exists() or normalised(po) != normalised(old):
                    problems.append(
                        f"{po.relative_to(ROOT)}: not current (run `make messages`)"
                    )
        finally:
            shutil.rmtree(LOCALE)
            shutil.copytree(backup, LOCALE)
    for lang in LANGUAGES:
        po_path = LOCALE / lang / "LC_MESSAGES" / "django.po"
        mo_path = po_path.with_suffix(".mo")
        catalog = polib.pofile(str(po_path))
        if catalog.untranslated_entries() or catalog.fuzzy_entries():
            problems.append(
                f"{po_path.relative_to(ROOT)}: {len(catalog.untranslated_entries())} "
                f"untranslated, {len(catalog.fuzzy_entries())} fuzzy"
            )
        if not mo_path.exists():
            problems.append(f"{mo_path.relative_to(ROOT)}: missing")
            continue
        compiled = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
            for e in polib.mofile(str(mo_path))
        }
        expected = {
            (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
            for e in catalog.translated_entries()
        }
        if {k: v for k, v in compiled.items() if k[1]} != expected:
            problems.append(f"{mo_path.relative_to(ROOT)}: stale (run `make messages`)")
    for problem in problems:
        print(problem)
    print("catalogs: OK" if not problems else f"catalogs: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
