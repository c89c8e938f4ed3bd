"""The Spanish overrides of upstream catalogs (locale_overrides/) and the admin
template overrides: complete, compiled, and what Django actually serves.

No database: the catalogs are files, the JavaScript catalog a view.
"""

import importlib.util
from pathlib import Path

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.views.i18n import JavaScriptCatalog

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "locale_overrides" / "es" / "LC_MESSAGES"


def _tool():
    spec = importlib.util.spec_from_file_location(
        "admin_spanish", ROOT / "scripts" / "admin_spanish.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_each_override_catalog_is_translated_and_compiled(domain):
    po = polib.pofile(str(OVERRIDES / f"{domain}.po"))
    assert po.metadata["Plural-Forms"] == _tool().PLURAL_FORMS
    assert not po.untranslated_entries() and not po.fuzzy_entries()
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(OVERRIDES / f"{domain}.mo"))
        if e.msgid
    }
    expected = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in po.translated_entries()
    }
    assert compiled == expected, "stale .mo: scripts/admin_spanish.py --compile"


def test_the_upstream_spanish_has_no_gap_left():
    """After a Wagtail or wagtail-localize upgrade this lists the new msgids:
    ``scripts/admin_spanish.py --skeleton``, translate, ``--compile``."""
    gaps = _tool().gaps()
    assert not [
        f"{gap.kind} {gap.domain} {gap.package}: {gap.entry.msgid!r} {gap.why}"
        for gap in gaps
    ]


def test_django_serves_the_overrides_in_spanish():
    # Not gettext(...) in the source: makemessages would copy these upstream msgids
    # into our catalog.
    spanish, spanish_plural = translation.gettext, translation.ngettext
    with translation.override("es"):
        assert spanish("Search…") == "Buscar…"
        assert spanish("Page types usage") == "Uso de los tipos de página"
        assert spanish("Saved") == "Guardado"
        assert spanish("Status: ") == "Estado: "
        text = spanish(
            "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"
        ) % {
            "start_index": 1,
            "end_index": 4,
            "items_count": 4,
            "model_name": "páginas",
        }
        assert text == "1-4 de 4 páginas"
        images = spanish_plural("%(count)s image", "%(count)s images", 3)
        assert images % {"count": 3} == "3 imágenes"


@pytest.mark.parametrize("package", ["wagtail.admin", "wagtail_localize"])
def test_the_javascript_catalogs_carry_the_djangojs_overrides(package):
    """Wagtail's and wagtail-localize's jsi18n views read LOCALE_PATHS too."""
    request = RequestFactory().get("/admin/jsi18n/")
    with translation.override("es"):
        view = JavaScriptCatalog.as_view(packages=[package])
        body = view(request).content.decode()
    assert '"Publish in ": "Publicar en "' in body
    assert '"Translate with ": "Traducir con "' in body
    assert '"Search options\\u2026": "Buscar opciones\\u2026"' in body


def test_the_header_actions_landmark_is_translated():
    with translation.override("es"):
        html = render_to_string(
            "wagtailadmin/shared/headers/_actions.html", {"actions": ""}
        )
    assert 'aria-label="Acciones"' in html


def test_a_missing_user_is_no_python_none():
    html = render_to_string(
        "wagtailadmin/shared/user_avatar.html", {"user": None, "username": ""}
    )
    assert "None" not in html
