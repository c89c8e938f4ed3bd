"""Issue 15 item 3: request bodies over their path's limit, and files sent to a form
that takes none, are refused with a translated 413 before anything parses or spools
them (core/request_limits.py)."""

import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings as django_settings
from django.core.files import temp as django_temp
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import encode_multipart
from django.utils import translation
from django.utils.translation import gettext

import pytest

from core.request_limits import BodyLimit, limit_for, read_bounded
from inquiries.models import Inquiry
from tests.inquiry_helpers import make_contact_page, translate_page, valid_post

pytestmark = pytest.mark.django_db

BOUNDARY = "clac-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


class EndlessStream:
    """A request body that never ends (zeros), counting what was read from it."""

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        size = 1024 * 1024 if size is None or size < 0 else size
        self.read_bytes += size
        return b"0" * size

    def readline(self, size=-1):
        return self.read(size)


@dataclass
class Spool:
    """The temporary folder of a test, and the upload files Django opened in it."""

    folder: Path
    opened: list = field(default_factory=list)

    def is_untouched(self) -> bool:
        return not self.opened and not any(self.folder.iterdir())


@pytest.fixture
def spool(settings, tmp_path, monkeypatch):
    """Every temporary file Django or we could write goes to an empty folder, and
    each upload file Django opens is recorded (it deletes them after the request)."""
    spool = Spool(tmp_path / "spool")
    spool.folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(spool.folder)
    monkeypatch.setattr(tempfile, "tempdir", str(spool.folder))
    original = django_temp.NamedTemporaryFile

    def recording(*args, **kwargs):
        handle = original(*args, **kwargs)
        spool.opened.append(handle.name)
        return handle

    monkeypatch.setattr(django_temp, "NamedTemporaryFile", recording)
    return spool


@pytest.fixture
def contact(home_es):
    page = make_contact_page(home_es)
    french = translate_page(
        page, "fr", title="Contact", thank_you_text="Merci, nous vous répondrons."
    )
    return {"es": page, "fr": french}


def assert_translated_413(response, language, reason_text):
    assert response.status_code == 413
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert 'class="error-code"' in body
    with translation.override(language):
        title = gettext("Request too large")
        reason = gettext(reason_text)
        home_link = gettext("Go to the home page")
    assert title in body
    assert reason in body
    # A message of the error pages that the catalogs already translate: the page
    # really is in the reader's language, not just labelled so.
    assert home_link != "Go to the home page"
    assert home_link in body
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


TOO_LARGE = (
    "What you sent is larger than this form accepts. Please shorten your message "
    "and try again."
)
NO_FILES = (
    "This form does not accept files. Please send your message without attachments."
)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_oversized_body_with_content_length_is_refused_unread(
    client, contact, spool, language
):
    stream = EndlessStream()
    response = client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=contact[language].url,
        CONTENT_TYPE=MULTIPART,
        CONTENT_LENGTH=str(100 * 1024 * 1024),  # the 100 MB file part
        **{"wsgi.input": stream},
    )
    assert_translated_413(response, language, TOO_LARGE)
    assert stream.read_bytes == 0
    assert spool.is_untouched()
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize("language", ["es", "fr"])
def test_chunked_body_without_content_length_is_read_only_up_to_the_limit(
    client, contact, spool, language
):
    stream = EndlessStream()
    response = client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=contact[language].url,
        CONTENT_TYPE=MULTIPART,
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": stream, "wsgi.input_terminated": True},
    )
    assert_translated_413(response, language, TOO_LARGE)
    assert stream.read_bytes <= django_settings.PUBLIC_MAX_BODY_BYTES + 1
    assert spool.is_untouched()
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize("language", ["es", "fr"])
def test_a_file_part_on_the_contact_form_is_refused(
    client, contact, spool, settings, language
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # any file Django kept would be on disk
    page = contact[language]
    data = valid_post(page)
    data["adjunto"] = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 " + b"x" * 4000)
    response = client.post(page.url, data)  # multipart, with a Content-Length
    assert_translated_413(response, language, NO_FILES)
    assert spool.is_untouched()
    assert Inquiry.objects.count() == 0


def test_a_small_chunked_post_is_handed_on_and_stored(client, contact, spool):
    page = contact["es"]
    body = encode_multipart(BOUNDARY, valid_post(page))
    response = client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=page.url,
        CONTENT_TYPE=MULTIPART,
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
    )
    assert response.status_code == 303
    assert Inquiry.objects.count() == 1


def test_a_normal_contact_post_still_goes_through(client, contact, spool):
    page = contact["es"]
    response = client.post(page.url, valid_post(page))
    assert response.status_code == 303
    assert Inquiry.objects.count() == 1
    assert spool.is_untouched()


def test_the_admin_takes_uploads_up_to_its_own_limit(
    client, superuser, spool, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    client.force_login(superuser)
    # Over the public limit, under the admin's: not refused by us (Wagtail answers).
    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("informe.txt", b"a" * 100_000)},
    )
    assert response.status_code != 413
    assert len(spool.opened) == 1  # the recorder sees a spooled upload
    stream = EndlessStream()
    response = client.request(
        REQUEST_METHOD="POST",
        PATH_INFO="/admin/documents/multiple/add/",
        CONTENT_TYPE=MULTIPART,
        CONTENT_LENGTH=str(django_settings.ADMIN_MAX_BODY_BYTES + 1),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 413
    assert stream.read_bytes == 0


def test_the_admin_sign_in_is_as_small_as_a_public_form(client, spool):
    response = client.post(
        "/admin/login/",
        {"username": "x", "password": "y", "f": SimpleUploadedFile("a.txt", b"a")},
    )
    assert response.status_code == 413


def test_a_declared_prefix_takes_files_up_to_its_limit(settings):
    settings.REQUEST_BODY_LIMITS = [
        *settings.REQUEST_BODY_LIMITS,
        ("/es/evidencia/", 5 * 1024 * 1024, True),
    ]
    assert limit_for("/es/evidencia/abc/") == BodyLimit(5 * 1024 * 1024, True)
    assert limit_for("/es/contacto/") == BodyLimit(
        settings.PUBLIC_MAX_BODY_BYTES, False
    )
    assert limit_for("/admin/login/") == BodyLimit(
        settings.PUBLIC_MAX_BODY_BYTES, False
    )
    assert limit_for("/admin/pages/").files_allowed


def test_read_bounded_stops_past_the_limit_and_keeps_a_body_under_it():
    assert read_bounded(io.BytesIO(b"x" * 11), 10) is None
    kept = read_bounded(io.BytesIO(b"x" * 10), 10)
    assert kept.read() == b"x" * 10
    stream = EndlessStream()
    assert read_bounded(stream, 1000) is None
    assert stream.read_bytes == 1001


def test_the_limits_are_coherent():
    s = django_settings
    assert s.PUBLIC_MAX_BODY_BYTES < s.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert s.DATA_UPLOAD_MAX_MEMORY_SIZE <= s.ADMIN_MAX_BODY_BYTES
    assert s.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= s.ADMIN_MAX_UPLOAD_BYTES
    assert s.ADMIN_MAX_UPLOAD_BYTES < s.ADMIN_MAX_BODY_BYTES
    middleware = s.MIDDLEWARE
    assert middleware.index("core.request_limits.BodyLimitMiddleware") < (
        middleware.index("django.middleware.csrf.CsrfViewMiddleware")
    )
