"""The skeleton: language redirect, error pages, bootstrap, health probes."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("pt-BR,pt;q=0.9", "/pt-br/"),
        ("fr-CA", "/fr/"),
        ("en-US,en;q=0.8", "/en/"),
        ("de", "/es/"),
        ("", "/es/"),
        ("x" * 5000, "/es/"),
        (";;;q=abc,,-", "/es/"),
    ],
)
def test_root_redirects_by_accept_language_privately(
    client, site_setup, accept, target
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "private" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_home_renders_in_spanish(client, site_setup):
    response = client.get("/es/")
    assert response.status_code == 200
    assert b'<html lang="es">' in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/de/",
        "/xx/",
        "/xx/quienes-somos/",
        "/pt-pt/",
        "/es/" + "a/" * 2000,
        "/es/no-existe/",
    ],
)
def test_unknown_paths_get_designed_404(client, site_setup, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert b"skip-link" in response.content
    assert b"Traceback" not in response.content


def test_404_is_in_the_readers_language(client, site_setup):
    response = client.get("/fr/no-existe/")
    assert response.status_code == 404
    assert b'<html lang="fr">' in response.content
    assert b"Page introuvable" in response.content


def test_invalid_utf8_query_string_is_not_a_server_error(client, site_setup):
    response = client.get("/es/search/", QUERY_STRING="q=%ff%fe%80")
    assert response.status_code == 200


def test_forced_exception_shows_our_500_page(client, site_setup, settings, monkeypatch):
    from home.models import HomePage

    def boom(self, request, *args, **kwargs):
        raise RuntimeError("forced")

    monkeypatch.setattr(HomePage, "serve", boom)
    client.raise_request_exception = False
    response = client.get("/es/")
    assert response.status_code == 500
    assert "Algo salió mal".encode() in response.content
    assert b"RuntimeError" not in response.content
    assert b"Traceback" not in response.content


def test_csrf_failure_page(site_setup):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/es/search/", {"q": "x"})
    assert response.status_code == 403
    assert "sesión".encode() in response.content


def test_healthz_and_readyz(client, site_setup):
    assert client.get("/healthz/").json() == {"status": "ok"}
    ready = client.get("/readyz/").json()
    assert ready["database"] == "ok"
    assert ready["oldest_queued_task_seconds"] == 0
