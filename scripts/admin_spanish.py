#!/usr/bin/env python3
"""Where the Spanish of the admin's upstream catalogs falls short, and what we override.

Reads the installed catalogs of Wagtail, wagtail-localize, taggit and Django (admin,
auth, the core catalog), for the apps in ``INSTALLED_APPS``, plus ours (``locale/``)
and the overrides (``locale_overrides/``), and lists per domain (django, djangojs):

* **missing**: msgids of an upstream English catalog with no Spanish translation
  anywhere (neither upstream nor overridden);
* **fuzzy**: Spanish entries marked fuzzy upstream (never compiled, so English) and
  not overridden;
* **suspect**: Spanish entries whose placeholders or edge spaces differ from the
  msgid (``"Publish in "`` → ``"Publicar en"`` glues the language to the verb),
  not overridden.

    .venv/bin/python scripts/admin_spanish.py            # the report; exit 1 on gaps
    .venv/bin/python scripts/admin_spanish.py --skeleton # add the gaps, untranslated,
                                                         # to locale_overrides/es/*.po
    .venv/bin/python scripts/admin_spanish.py --compile  # locale_overrides/es/*.po → .mo

Run it after upgrading Wagtail or wagtail-localize (docs/admin-spanish.md). The
browser test tests/browser/test_admin_spanish.py uses ``english_msgids`` for its scan.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "locale_overrides"
OURS = ROOT / "locale"
DOMAINS = ("django", "djangojs")
PLURAL_FORMS = "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"

# %(name)s, %s, %d, {name}, {0}, {}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z0-9_]*\}")


@dataclass(frozen=True)
class Catalog:
    package: str  # the Python package that ships it ("wagtail.admin", "ours"...)
    domain: str
    english: Path | None  # the complete list of msgids (None: the Spanish has them all)
    spanish: Path | None


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clac_cms.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def upstream_catalogs() -> list[Catalog]:
    """Every installed app's catalogs (and Django's own), highest priority first,
    as Django merges them: the earlier an app in INSTALLED_APPS, the higher."""
    import django as django_package
    from django.apps import apps
    from django.conf import settings

    packages = [(config.name, Path(config.path)) for config in apps.get_app_configs()]
    packages.append(("django", Path(django_package.__file__).parent / "conf"))
    ours = {Path(path).resolve() for path in settings.LOCALE_PATHS}
    catalogs = []
    for name, path in packages:
        locale = path / "locale"
        if not locale.is_dir() or locale.resolve() in ours:
            continue
        for domain in DOMAINS:
            english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
            spanish = locale / "es" / "LC_MESSAGES" / f"{domain}.po"
            if english.exists() or spanish.exists():
                catalogs.append(
                    Catalog(
                        name,
                        domain,
                        english if english.exists() else None,
                        spanish if spanish.exists() else None,
                    )
                )
    return catalogs


def our_catalogs() -> list[Catalog]:
    return [
        Catalog("ours", "django", None, OURS / "es" / "LC_MESSAGES" / "django.po"),
    ]


def override_path(domain: str) -> Path:
    return OVERRIDES / "es" / "LC_MESSAGES" / f"{domain}.po"


def _pofile(path: Path | None) -> list[polib.POEntry]:
    if path is None or not path.exists():
        return []
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _placeholder_problem(entry: polib.POEntry) -> str:
    """Why a translated entry's Spanish looks broken, or ''."""
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    wanted = {p for source in sources for p in PLACEHOLDER.findall(source)}
    for form in _forms(entry):
        got = set(PLACEHOLDER.findall(form))
        # Named placeholders must all be kept; a singular may drop %(count)s.
        if got - wanted:
            return f"unknown placeholder {sorted(got - wanted)}"
        named = {p for p in wanted if not p.startswith("%(count") and p != "%d"}
        if entry.msgid_plural is None and named - got:
            return f"lost placeholder {sorted(named - got)}"
        # A msgid's edge space is there to keep it apart from what follows or
        # precedes it ("Publish in " + language); one the Spanish adds is harmless.
        if entry.msgid[:1].isspace() and not form[:1].isspace():
            return "leading space lost"
        if entry.msgid[-1:].isspace() and not form[-1:].isspace():
            return "trailing space lost"
        for placeholder in wanted & got:
            for side, pattern in (
                ("before", rf"(\S)?{re.escape(placeholder)}"),
                ("after", rf"{re.escape(placeholder)}(\S)?"),
            ):
                source_glued = re.search(pattern, entry.msgid)
                form_glued = re.search(pattern, form)
                if not source_glued or not form_glued:
                    continue
                if (
                    source_glued.group(1) is None
                    and form_glued.group(1) is not None
                    and form_glued.group(1).isalnum()
                ):
                    return f"no space {side} {placeholder}"
    return ""


@dataclass
class Gap:
    kind: str  # missing, fuzzy, suspect
    domain: str
    package: str
    entry: polib.POEntry
    why: str = ""


def gaps() -> list[Gap]:
    """What an officer would see in English (or broken) with the overrides applied."""
    found = []
    seen = set()
    catalogs = upstream_catalogs()
    for domain in DOMAINS:
        overridden = {
            _key(entry)
            for entry in _pofile(override_path(domain))
            if entry.translated()
        }
        translated = set(overridden)
        for catalog in catalogs:
            if catalog.domain != domain:
                continue
            for entry in _pofile(catalog.spanish):
                if _key(entry) in overridden:
                    continue
                if "fuzzy" in entry.flags:
                    found.append(Gap("fuzzy", domain, catalog.package, entry))
                elif entry.translated():
                    translated.add(_key(entry))
                    why = _placeholder_problem(entry)
                    if why and (domain, _key(entry)) not in seen:
                        seen.add((domain, _key(entry)))
                        found.append(
                            Gap("suspect", domain, catalog.package, entry, why)
                        )
        for catalog in catalogs:
            if catalog.domain != domain:
                continue
            for entry in _pofile(catalog.english):
                if not entry.msgid or _key(entry) in translated:
                    continue
                if (domain, _key(entry)) in seen:
                    continue
                seen.add((domain, _key(entry)))
                found.append(Gap("missing", domain, catalog.package, entry))
    return found


def english_msgids() -> dict[str, dict]:
    """msgid (and msgid_plural) → what we know of it, for every msgid of our
    catalog, Wagtail's, wagtail-localize's, taggit's and Django's (admin, auth,
    core) whose Spanish, as the site serves it, is not the msgid itself.

    An untranslated msgid counts (its English is what shows); one that a Spanish
    catalog translates into the same text ("Total", "Error", "Token") does not.
    ``spanish`` is a translation found in any domain (None: none anywhere, so the
    gap is a missing translation; else the English on screen is hard-coded or
    rendered outside the translated domain), ``untranslated`` the catalogs that
    lack it.
    """
    spanish: dict[tuple[str, tuple[str | None, str]], list[str]] = {}
    catalogs = [
        Catalog("overrides", domain, None, override_path(domain)) for domain in DOMAINS
    ]
    catalogs += our_catalogs() + upstream_catalogs()
    for catalog in catalogs:  # highest priority first
        for entry in _pofile(catalog.spanish):
            if entry.translated() and "fuzzy" not in entry.flags:
                spanish.setdefault((catalog.domain, _key(entry)), _forms(entry))
    anywhere: dict[str, str] = {}
    same: set[str] = set()
    for (_domain, (_context, msgid)), forms in spanish.items():
        anywhere.setdefault(msgid, forms[0])
        same.update(form for form in forms if form == msgid)
    result: dict[str, dict] = {}
    for catalog in catalogs:
        for path in (catalog.english, catalog.spanish):
            for entry in _pofile(path):
                if not entry.msgid:
                    continue
                forms = spanish.get((catalog.domain, _key(entry)))
                msgids = [entry.msgid] + (
                    [entry.msgid_plural] if entry.msgid_plural else []
                )
                if forms is not None and (set(msgids) & set(forms)):
                    continue  # the same in Spanish (in at least one form)
                for msgid in msgids:
                    if msgid in same:
                        continue
                    info = result.setdefault(
                        msgid,
                        {
                            "package": catalog.package,
                            "domain": catalog.domain,
                            "spanish": anywhere.get(entry.msgid),
                            "untranslated": [],
                        },
                    )
                    if forms is None:
                        where = f"{catalog.package}/{catalog.domain}"
                        if where not in info["untranslated"]:
                            info["untranslated"].append(where)
    return result


def write_skeleton(found: list[Gap]) -> int:
    added = 0
    for domain in DOMAINS:
        path = override_path(domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        po = polib.pofile(str(path)) if path.exists() else new_catalog()
        present = {_key(entry) for entry in po}
        for gap in found:
            if gap.domain != domain or _key(gap.entry) in present:
                continue
            present.add(_key(gap.entry))
            entry = polib.POEntry(
                msgctxt=gap.entry.msgctxt,
                msgid=gap.entry.msgid,
                msgid_plural=gap.entry.msgid_plural,
                msgstr="",
                msgstr_plural={0: "", 1: "", 2: ""} if gap.entry.msgid_plural else {},
                flags=[f for f in gap.entry.flags if f.endswith("-format")],
                comment=f"{gap.package} ({gap.kind}{': ' + gap.why if gap.why else ''})"
                + (
                    f"\nupstream: {gap.entry.msgstr or gap.entry.msgstr_plural}"
                    if gap.kind == "suspect"
                    else ""
                ),
            )
            po.append(entry)
            added += 1
        po.save(str(path))
    return added


HEADER = """Spanish for upstream msgids (Wagtail, wagtail-localize, taggit, Django) that
their catalogs leave untranslated or translate wrongly. Edited by hand; Django
gives LOCALE_PATHS the last word, so these win. See docs/admin-spanish.md.
Each entry says where its msgid comes from and, when replaced, upstream's text."""


def new_catalog() -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.header = HEADER
    po.metadata = {
        "Project-Id-Version": "clac-cms admin overrides",
        "PO-Revision-Date": "2026-12-01 12:00-0500",
        "Last-Translator": "CLAC web team <web@clac-comerciojusto.org>",
        "Language-Team": "Spanish",
        "Language": "es",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    return po


def compile_overrides() -> list[Path]:
    """As ``compilemessages`` does (msgfmt --check-format), so that ``make messages``,
    which compiles every catalog in LOCALE_PATHS, rebuilds the same files."""
    written = []
    for domain in DOMAINS:
        path = override_path(domain)
        if not path.exists():
            continue
        mo = path.with_suffix(".mo")
        if shutil.which("msgfmt"):
            subprocess.run(
                ["msgfmt", "--check-format", "-o", str(mo), str(path)], check=True
            )
        else:
            polib.pofile(str(path)).save_as_mofile(str(mo))
        written.append(mo)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skeleton", action="store_true")
    parser.add_argument("--compile", action="store_true")
    parser.add_argument("--kind", choices=["missing", "fuzzy", "suspect"])
    args = parser.parse_args()
    _setup_django()
    if args.compile:
        for path in compile_overrides():
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    found = gaps()
    if args.skeleton:
        print(
            f"added {write_skeleton(found)} untranslated entries to locale_overrides/"
        )
        return 0
    for gap in found:
        if args.kind and gap.kind != args.kind:
            continue
        context = f"[{gap.entry.msgctxt}] " if gap.entry.msgctxt else ""
        why = f" ({gap.why}: {gap.entry.msgstr!r})" if gap.why else ""
        print(
            f"{gap.kind:8} {gap.domain:8} {gap.package:28} {context}{gap.entry.msgid!r}{why}"
        )
    counts = {
        kind: sum(g.kind == kind for g in found)
        for kind in ("missing", "fuzzy", "suspect")
    }
    print(", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
