"""Staff sign-in: wrong passwords are limited per (username, address) by django-axes,
with a translated 429 page; colleagues and other addresses are not locked out."""

import logging

from django.test import Client, override_settings

import pytest

LOGIN = "/admin/login/"
OFFICE = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def sign_in(username, password, address=OFFICE, language="es"):
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(LOGIN, {"username": username, "password": password})
    return client, response


@pytest.fixture
def staff(editor, django_user_model):
    colleague = django_user_model.objects.create_user(
        "colleague", "colleague@example.org", "pw"
    )
    colleague.groups.set(editor.groups.all())
    return editor, colleague


@pytest.mark.django_db
def test_the_right_password_signs_in(staff):
    client, response = sign_in("editor1", "pw")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=5)
def test_five_wrong_passwords_lock_that_username_from_that_address(staff, caplog):
    for _ in range(4):
        _client, response = sign_in("editor1", "wrong")
        assert response.status_code == 200  # the form again, with its error
    with caplog.at_level(logging.WARNING, logger="clac.security"):
        _client, response = sign_in("editor1", "wrong")
    assert response.status_code == 429
    # Even the right password is refused now, with the translated page.
    _client, response = sign_in("editor1", "pw")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    body = response.content.decode()
    assert "Demasiados intentos de inicio de sesión" in body
    assert "15 minutos" in body
    assert "Traceback" not in body
    # The log says it happened, without the username or the address.
    assert any("locked out" in record.getMessage() for record in caplog.records)
    assert "editor1" not in caplog.text and OFFICE not in caplog.text

    # A colleague at the same office, and the same person elsewhere, still sign in.
    assert sign_in("colleague", "pw")[1].status_code == 302
    assert sign_in("editor1", "pw", address=ELSEWHERE)[1].status_code == 302


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=5)
def test_the_lockout_page_speaks_the_readers_language(staff):
    for _ in range(5):
        sign_in("editor1", "wrong", language="fr")
    _client, response = sign_in("editor1", "pw", language="fr")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=5)
def test_a_successful_sign_in_resets_the_count(staff):
    for _ in range(4):
        sign_in("editor1", "wrong")
    assert sign_in("editor1", "pw")[1].status_code == 302
    for _ in range(4):
        assert sign_in("editor1", "wrong")[1].status_code == 200
    assert sign_in("editor1", "pw")[1].status_code == 302
