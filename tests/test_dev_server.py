"""Issue 15 item 8: under `make run` (DEBUG) a document in a login-only collection
is not readable from /media/documents/; probes carry the pages' security headers."""

import importlib

from django.core.files.base import ContentFile
from django.urls import clear_url_caches

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

import clac_cms.urls
from clac_cms.settings import dev
from tests.test_headers import HOST, assert_common_headers, https_get, parse_csp

pytestmark = pytest.mark.django_db


@pytest.fixture
def dev_urls(settings, tmp_path):
    """The URLconf as `make run` builds it (DEBUG on), media in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = True
    importlib.reload(clac_cms.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(clac_cms.urls)
    clear_url_caches()


@pytest.fixture
def private_document(site_setup):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Solo personal")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Actas", collection=collection)
    document.file.save("actas.txt", ContentFile(b"confidencial"), save=False)
    document.save()
    return document


def test_dev_media_does_not_serve_documents(client, dev_urls, private_document):
    name = private_document.file.name
    assert name.startswith("documents/")
    for path in (
        f"/media/{name}",
        f"/media/./{name}",
        f"/media/images/../{name}",
        "/media//" + name,
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"confidencial" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )
    # Wagtail's view enforces the collection's restriction: sign in first.
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_dev_media_still_serves_other_uploads(client, dev_urls, settings):
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True)
    (folder / "foto.txt").write_bytes(b"imagen")
    response = client.get("/media/original_images/foto.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"imagen"


def test_the_dev_settings_serve_documents_through_wagtail():
    assert dev.WAGTAILDOCS_SERVE_METHOD == "serve_view"


@pytest.mark.parametrize("path", ["/healthz/", "/readyz/"])
def test_probes_carry_the_security_headers(client, site_setup, path, settings):
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    # Over plain HTTP from an orchestrator, any host: no redirect, headers all there.
    response = client.get(path, HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    assert_common_headers(response)
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "Strict-Transport-Security" not in response  # only ever over https
    response = https_get(client, path)
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
