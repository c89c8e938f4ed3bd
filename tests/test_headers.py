"""Security headers, health probes and error pages as a reader's browser sees them."""

import json
import logging
import re
from pathlib import Path

from django.conf import settings as django_settings
from django.db import OperationalError
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Locale

import pytest

from core.embeds import FRAME_HOSTS
from core.logs import JsonFormatter, PersonalDataFilter

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
HOST = "clac.example.org"


def parse_csp(value: str) -> dict[str, list[str]]:
    policy = {}
    for directive in value.split(";"):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


@pytest.fixture
def production(settings):
    """The production-only settings (production.py) on top of the test settings."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    return settings


def https_get(client, path, host=HOST):
    return client.get(path, HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https", secure=True)


def assert_common_headers(response):
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions
    # The video players may go fullscreen, nothing else may.
    assert 'fullscreen=(self "https://www.youtube-nocookie.com"' in permissions


def assert_public_csp(response):
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert sorted(policy["frame-src"]) == sorted(FRAME_HOSTS)
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    return policy


def test_home_page_headers_in_production(client, site_setup, production):
    response = https_get(client, "/es/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert_public_csp(response)
    assert (
        response["Strict-Transport-Security"]
        == "max-age=31536000; includeSubDomains; preload"
    )


def test_anonymous_home_page_sets_no_cookie(client, site_setup, production):
    response = https_get(client, "/es/")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_admin_login_gets_the_admin_policy(client, site_setup, production):
    response = https_get(client, "/admin/login/")
    assert response.status_code == 200
    assert_common_headers(response)
    policy = parse_csp(response["Content-Security-Policy"])
    # Wagtail's admin needs inline scripts and styles; still no framing by others.
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    # The login form posts a CSRF token: its cookie is Secure.
    assert response.cookies["csrftoken"]["secure"]


def test_404_page_headers(client, site_setup, production):
    response = https_get(client, "/es/no-existe/")
    assert response.status_code == 404
    assert_common_headers(response)
    assert_public_csp(response)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_is_redirected_to_https(client, site_setup, production):
    response = client.get("/es/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/es/"


@pytest.mark.parametrize("path", ["/healthz/", "/readyz/"])
@pytest.mark.parametrize("host", ["10.0.3.7:8000", "unknown.example", HOST])
def test_probes_answer_any_host_over_http(client, site_setup, production, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_unknown_host_is_refused_for_pages(client, site_setup, production):
    response = https_get(client, "/es/", host="unknown.example")
    assert response.status_code == 400


def test_readyz_is_503_when_the_database_is_down(client, site_setup, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz/", HTTP_HOST="10.0.3.7")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    # Liveness does not depend on the database.
    assert client.get("/healthz/", HTTP_HOST="10.0.3.7").status_code == 200


def test_forced_error_shows_our_500_page_in_the_readers_language(
    client, site_setup, production, monkeypatch
):
    from home.models import HomePage

    def boom(self, request, *args, **kwargs):
        raise RuntimeError("forced failure")

    fr_home = HomePage.objects.filter(locale__language_code="fr").first()
    if fr_home is None:
        fr_home = site_setup["home"].copy_for_translation(
            Locale.objects.get(language_code="fr")
        )
    fr_home.save_revision().publish()
    monkeypatch.setattr(HomePage, "serve", boom)
    client.raise_request_exception = False
    assert django_settings.DEBUG is False
    response = https_get(client, "/fr/")
    assert response.status_code == 500
    body = response.content.decode()
    assert '<html lang="fr">' in body
    with translation.override("fr"):
        french = gettext("Something went wrong")
    assert french != "Something went wrong", "the French catalog lacks the 500 title"
    assert french in body
    assert 'class="error-code"' in body  # our 500.html, not Django's bare page
    assert "skip-link" in body
    assert "Traceback" not in body
    assert "forced failure" not in body
    assert response["Cache-Control"] == "no-store"
    assert_public_csp(response)


# --- No inline script or style that the public policy would block ----------------------

# Inline executable scripts; data blocks (JSON-LD, json_script) are not run and CSP
# leaves them alone.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/(?:ld\+)?json\"))[^>]*>",
    re.IGNORECASE,
)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style[\s>]", re.IGNORECASE)


def public_templates():
    folders = [ROOT / "clac_cms" / "templates"] + [
        ROOT / app / "templates"
        for app in ("core", "home", "campaigns", "news", "inquiries", "search")
    ]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            if {"email", "admin"} & set(path.parts):
                continue  # mail needs inline styles; admin templates get the admin policy
            yield path


def test_public_templates_have_no_inline_script_or_style():
    offenders = []
    for path in public_templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTR, STYLE_TAG):
            if match := pattern.search(text):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)!r}")
    assert offenders == []
    assert len(list(public_templates())) > 10


def test_rendered_home_page_has_no_inline_script_or_style(client, site_setup):
    html = client.get("/es/").content.decode()
    for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTR, STYLE_TAG):
        assert not pattern.search(html), pattern.pattern
    assert re.search(r'<script src="[^"]*site\.js"', html)


# --- Logs: structured, without personal data ---------------------------------------------


def test_json_log_lines_keep_the_path_but_no_personal_data(rf):
    request = rf.post("/es/contacto/?email=ana@example.org&utm_source=x")
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Failed to notify %s",
        ("ana@example.org",),
        None,
    )
    record.request = request
    record.status_code = 500
    assert PersonalDataFilter().filter(record)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Failed to notify [email]"
    assert entry["path"] == "/es/contacto/"
    assert entry["method"] == "POST"
    assert entry["status_code"] == 500
    assert "ana@example.org" not in line
    assert "utm_source" not in line
    assert "127.0.0.1" not in line  # no client address


def test_json_log_includes_the_exception():
    try:
        raise ValueError("bad value for pedro@example.org")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "clac", logging.ERROR, __file__, 1, "boom", None, sys.exc_info()
        )
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: bad value for [email]" in entry["exception"]
