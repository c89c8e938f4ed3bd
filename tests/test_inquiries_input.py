"""Hostile and broken input against a contact form: every case ends in a 4xx or the
form again with an error (or, for harmless text, a stored row that is exactly that
text); never a 5xx, never an invalid row."""

import re
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.validators import validate_email
from django.test import Client

import pytest
from bs4 import BeautifulSoup

from inquiries.forms import CONSENT_FIELD, HONEYPOT_FIELD, TOKEN_FIELD
from inquiries.models import Inquiry
from tests.inquiry_helpers import make_contact_page, valid_post

INJECTIONS = [
    "x\r\nBcc: victim@evil.example",
    "x\nBcc: victim@evil.example",
    "x\rBcc: victim@evil.example",
    "x\r\n\r\n<html>body</html>",
    "x\r\nContent-Type: text/html",
    "x\x00y",
    "x\x07y",
    "x\x1by",
    "x\x0bBcc: v@evil.example",
    "x\x0cBcc: v@evil.example",
]
BAD_EMAILS = [
    "",
    " ",
    "ana",
    "ana@",
    "@example.org",
    "ana@@example.org",
    "ana example@example.org",
    "ana@exa mple.org",
    "ana@example..org",
    "ana@-example.org",
    "ana@example.org, b@evil.example",
    "ana@example.org;b@evil.example",
    "Ana <ana@example.org>",
    "<ana@example.org>",
    "ana@example.org\r\nBcc: v@evil.example",
    "ana@example.org\nCc: v@evil.example",
    "ana@example.org%0d%0aBcc:v@evil.example",
    "ana@" + "a" * 250 + ".org",
    "ana@example.org" + "x" * 300,
    "javascript:alert(1)",
    "ana@exam_ple.org",
]
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
]

# (name, overrides): a POST the form must refuse (form again with errors).
REJECTED = []
for field in ["nombre", "tema"]:
    for index, value in enumerate(INJECTIONS):
        REJECTED.append((f"{field}-injection-{index}", {field: value}))
for index, value in enumerate(INJECTIONS):
    REJECTED.append(
        (f"email-injection-{index}", {"correo_electronico": f"ana@example.org{value}"})
    )
for index, value in enumerate(BAD_EMAILS):
    REJECTED.append((f"email-{index}", {"correo_electronico": value}))
for index, value in enumerate(XSS):
    # Markup with another error: the form comes back and must escape it.
    REJECTED.append(
        (f"xss-redisplay-{index}", {"nombre": value, "correo_electronico": "no"})
    )
REJECTED += [
    ("nombre-256", {"nombre": "a" * 256}),
    ("email-255", {"correo_electronico": "a" * 243 + "@example.org"}),
    ("email-1000", {"correo_electronico": "a" * 988 + "@example.org"}),
    ("tema-10k", {"tema": "g" * 10_000}),
    ("nombre-10k", {"nombre": "a" * 10_000}),
    ("mensaje-5001", {"mensaje": "a" * 5001}),
    # Under the public body limit (PUBLIC_MAX_BODY_BYTES); larger bodies get a 413
    # before the form sees them (tests/test_request_limits.py).
    ("mensaje-50k", {"mensaje": "a" * 50_000}),
    ("mensaje-null", {"mensaje": "hola\x00"}),
    ("nombre-missing", {"nombre": None}),
    ("nombre-empty", {"nombre": ""}),
    ("nombre-spaces", {"nombre": "   "}),
    ("email-missing", {"correo_electronico": None}),
    ("mensaje-missing", {"mensaje": None}),
    ("mensaje-spaces", {"mensaje": " \r\n\t "}),
    ("tema-unknown", {"tema": "hack"}),
    ("tema-label-not-key", {"tema": "Prensa"}),
    ("tema-injection-choice", {"tema": "general\r\nBcc: v@evil.example"}),
    ("consent-missing", {CONSENT_FIELD: None}),
    ("consent-empty", {CONSENT_FIELD: ""}),
    ("consent-false", {CONSENT_FIELD: "false"}),
    ("everything-missing", dict.fromkeys(["nombre", "correo_electronico", "mensaje"])),
    ("unicode-rtl-control", {"nombre": "ana\u202e\r\nx"}),
]
# (name, overrides): text that is harmless as data; stored exactly, escaped on output.
ACCEPTED = [
    (f"xss-text-{index}", {"mensaje": value}) for index, value in enumerate(XSS)
]
ACCEPTED += [
    ("message-with-line-breaks", {"mensaje": "hola\r\nBcc: v@evil.example"}),
    ("unicode-name", {"nombre": "Zoë Ñandú 李 😀"}),
    ("nombre-255", {"nombre": "a" * 255}),
    ("mensaje-5000", {"mensaje": "b" * 5000}),
    ("unknown-field-ignored", {"is_admin": "1"}),
    ("formula-text", {"nombre": "=1+2", "mensaje": "@SUM(A1)"}),
]


@pytest.fixture(autouse=True)
def _quiet_rate(settings):
    cache.clear()
    settings.INQUIRY_RATE_LIMIT = 10_000
    settings.INQUIRY_RATE_REFUSE = 20_000
    yield
    cache.clear()


@pytest.fixture
def page(home_es):
    return make_contact_page(home_es)


def assert_no_invalid_rows():
    for row in Inquiry.objects.all():
        data = row.form_data
        name = data.get("nombre", "")
        assert 0 < len(name.strip()) <= 255
        assert not re.search(r"[\x00-\x1f\x7f]", name)
        validate_email(data["correo_electronico"])
        assert "\n" not in data["correo_electronico"]
        assert data.get("tema", "") in {"", "general", "prensa"}
        assert 0 < len(data["mensaje"]) <= 5000 and "\x00" not in data["mensaje"]
        assert data[CONSENT_FIELD] is True
        assert set(data) <= {
            "nombre",
            "correo_electronico",
            "tema",
            "mensaje",
            CONSENT_FIELD,
        }


@pytest.mark.parametrize(("name", "overrides"), REJECTED, ids=[c[0] for c in REJECTED])
def test_bad_input_gets_the_form_again(client, page, name, overrides):
    response = client.post(page.url, valid_post(page, **overrides))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(id="error-summary")
    assert summary is not None and summary.find("li")
    assert soup.find("html")["lang"] == "es"
    # Each error is announced with its field.
    invalid = soup.select("[aria-invalid=true]")
    assert invalid
    for field in invalid:
        assert f"{field['id']}_error" in field.get("aria-describedby", "")
    # Markup the reader sent comes back as text, never as elements or handlers.
    assert not [tag for tag in soup.find_all("script") if "alert" in tag.get_text()]
    assert not soup.select("img[onerror], svg[onload]")
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize(("name", "overrides"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_harmless_text_is_stored_exactly(client, page, name, overrides):
    response = client.post(page.url, valid_post(page, **overrides))
    assert response.status_code == 303
    row = Inquiry.objects.get()
    for key, value in overrides.items():
        if key in {"nombre", "mensaje"}:
            assert row.form_data[key] == value.strip()
    assert_no_invalid_rows()


# --- Transport-level abuse ----------------------------------------------------------------


def test_missing_csrf_token_is_403(page):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(page.url, valid_post(page))
    assert response.status_code == 403
    assert Inquiry.objects.count() == 0


def test_forged_csrf_token_is_403(page):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies["csrftoken"] = "a" * 32
    data = valid_post(page, csrfmiddlewaretoken="b" * 32)
    assert csrf_client.post(page.url, data).status_code == 403


def test_valid_csrf_token_passes(page):
    csrf_client = Client(enforce_csrf_checks=True)
    form = csrf_client.get(page.url)
    token = BeautifulSoup(form.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    response = csrf_client.post(page.url, valid_post(page, csrfmiddlewaretoken=token))
    assert response.status_code == 303


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_wrong_methods_are_405(client, page, method):
    response = getattr(client, method)(page.url, urlencode(valid_post(page)))
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert Inquiry.objects.count() == 0


def test_ten_megabyte_body_is_refused(client, page):
    body = urlencode(valid_post(page, mensaje="a" * (10 * 1024 * 1024)))
    response = client.generic(
        "POST", page.url, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413  # core/request_limits.py, before CSRF
    assert Inquiry.objects.count() == 0


def test_too_many_fields_is_400(client, page):
    data = valid_post(page)
    data.update({f"f{index}": "x" for index in range(1500)})
    response = client.generic(
        "POST",
        page.url,
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert Inquiry.objects.count() == 0


def test_invalid_utf8_is_not_a_server_error(client, page):
    data = valid_post(page, nombre=None, mensaje=None)
    body = (urlencode(data) + "&nombre=%FF%FE%C3%28&mensaje=%80%81hola").encode()
    response = client.generic(
        "POST", page.url, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in {200, 303, 400}
    assert_no_invalid_rows()


def test_invalid_utf8_in_a_rejected_field(client, page):
    data = valid_post(page, correo_electronico=None)
    body = urlencode(data) + "&correo_electronico=ana%FF@example.org"
    response = client.generic(
        "POST", page.url, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_broken_multipart_is_400(client, page):
    response = client.generic(
        "POST",
        page.url,
        b'--x\r\nContent-Disposition: form-data; name="nombre"\r\n\r\nAna',
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400


def test_json_body_gets_the_form_again(client, page):
    response = client.post(page.url, valid_post(page), content_type="application/json")
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_bad_token_types_do_not_crash(client, page):
    for token in ["", "x" * 5000, "😀", "a:b:c", "null", "[]", "\x00"]:
        response = client.post(page.url, valid_post(page, **{TOKEN_FIELD: token}))
        assert response.status_code in {200, 303}
    for row in Inquiry.objects.all():
        # No token at all is held for review; a bad one is a forgery.
        expected = "review" if row.spam_reason == "token_missing" else "spam"
        assert row.status == expected


def test_honeypot_with_huge_value_is_spam_not_error(client, page):
    response = client.post(page.url, valid_post(page, **{HONEYPOT_FIELD: "x" * 50_000}))
    assert response.status_code == 303
    assert Inquiry.objects.get().spam_reason == "honeypot"


# --- Consent means consent (issue 14 item 10) ---------------------------------------


@pytest.mark.parametrize("value", ["on", "1", "true", "yes", "ON", "True"])
def test_an_affirmative_consent_is_accepted(client, page, value):
    response = client.post(page.url, valid_post(page, **{CONSENT_FIELD: value}))
    assert response.status_code == 303
    assert Inquiry.objects.get().form_data[CONSENT_FIELD] is True


@pytest.mark.parametrize(
    "value", ["0", "false", "False", "off", "no", "", " ", "n", "2", "null", None]
)
def test_anything_else_is_no_consent(client, page, value):
    response = client.post(page.url, valid_post(page, **{CONSENT_FIELD: value}))
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert Inquiry.objects.count() == 0
