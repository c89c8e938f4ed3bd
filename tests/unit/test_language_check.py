"""scripts/check_language.py and core/glossary.py (issue 20): each rule finds what
it is meant to find, and the fixer corrects French typography without touching
tags, URLs or times."""

import importlib.util
from pathlib import Path

import pytest

from core import glossary

NNBSP, NBSP = "\u202f", "\u00a0"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_language.py"


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("check_language", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rules(check, source, source_language, text, language):
    return {
        rule for rule, _ in check.check_text(source, source_language, text, language)
    }


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Recherche : la consommation", f"Recherche{NBSP}: la consommation"),
        ("Des questions ?", f"Des questions{NNBSP}?"),
        ("Merci !", f"Merci{NNBSP}!"),
        ("« Contact »", f"«{NNBSP}Contact{NNBSP}»"),
        ("l'aube", "l’aube"),
        (
            '<a href="https://example.org/?a=1">l\'lien</a>',
            '<a href="https://example.org/?a=1">l’lien</a>',
        ),
        ("à 10:30", "à 10:30"),
    ],
)
def test_french_typography_is_fixed(check, text, fixed):
    assert check.fix_french(text) == fixed
    assert check.fix_french(fixed) == fixed


def test_each_rule_finds_its_error(check):
    assert "fr-typography" in rules(check, "x", "es", "Des questions ?", "fr")
    assert "register" in rules(check, "Escríbenos", "es", "Écris-nous, tu verras", "fr")
    assert "register" in rules(check, "x", "en", "Si usted quiere", "es")
    assert "inverted-marks" in rules(check, "x", "en", "Quieres sumarte?", "es")
    assert "quotes" in rules(check, "x", "en", 'El formulario "Contacto"', "es")
    assert "quotes" in rules(check, "x", "es", "The «Contact» form", "en")
    assert "identical" in rules(check, "Sign up", "en", "Sign up", "fr")


def test_correct_text_passes(check):
    assert not rules(check, "Contact", "en", "«Contacto»", "es")
    assert not rules(check, "Join?", "en", "¿Te sumas?", "es")
    assert not rules(check, "x", "es", f"Des questions{NNBSP}?", "fr")
    assert not rules(
        check, "noticias", "es", "actualites", "fr"
    )  # slugs are left alone


def test_glossary_expects_the_approved_term_and_refuses_forbidden_variants():
    assert glossary.breaches("Nuestra incidencia", "es", "Notre plaidoyer", "fr") == []
    assert ("advocacy", "expected “plaidoyer”") in glossary.breaches(
        "Nuestra incidencia", "es", "Notre influence", "fr"
    )
    found = glossary.breaches("x", "es", "Prise de position : le climat", "fr")
    assert ("position-paper", "forbidden “prise de position”") in found
    # A proper name in lower case is a forbidden variant; capitalised it is the term.
    assert glossary.breaches("Las Redes de País", "es", "Las redes de país", "es")
    assert not glossary.breaches("Las Redes de País", "es", "Las Redes de País", "es")


def test_every_term_has_all_four_languages_and_a_deepl_entry_per_pair():
    terms = glossary.load()
    assert len(terms) >= 15
    for target in ("en", "pt_BR", "fr"):
        pairs = glossary.entries("es", target)
        assert pairs["incidencia"] == next(
            t for t in terms if t.id == "advocacy"
        ).canonical(target)


def test_the_checker_passes_on_the_repository(check):
    """The catalogs (no Django needed); the demo texts are checked in CI by the script."""
    allowed = check.load_allowlist()
    found = [
        (rule, language, check.one_line(text))
        for _, source, source_language, text, language in check.catalog_items()
        for rule, _ in check.check_text(source, source_language, text, language)
    ]
    assert [item for item in found if item not in allowed] == []
