"""Request body limits: a public form takes a few kilobytes and no file.

``CsrfViewMiddleware`` reads ``request.POST``, so a request's body is parsed (and
a file part spooled to disk) before any view can refuse it. ``BodyLimitMiddleware``
sits before it in ``MIDDLEWARE`` and, per path (``limit_for``):

- refuses a body whose ``Content-Length`` is over the limit, without reading it;
- reads a body that has no ``Content-Length`` (``Transfer-Encoding: chunked``,
  when the server promises the stream ends: ``wsgi.input_terminated``) up to the
  limit, refuses it past the limit, and otherwise hands on what it read (Django
  alone would read nothing of it). Nothing past the limit is read, in memory or on
  disk;
- on paths that take no file, refuses a multipart body with a file part: it is
  parsed here (it is under the limit) with an upload handler that stops at the
  first file, so no file is stored anywhere.

A refusal is the translated 413 page (``core.views.request_too_large``) and a log
line without the path's query or the client's address. Paths: everything is
public (``PUBLIC_MAX_BODY_BYTES``, no file) unless ``REQUEST_BODY_LIMITS`` names
a prefix of it, ``(prefix, max_bytes, files_allowed)``, the longest prefix
winning: the admin (uploads) and its anonymous forms (as small as the public ones).

One public view takes a file: the report by signed link (``campaigns.reports``).
It declares its own limit with ``accepts_files`` (a narrow, explicit exemption:
the view that ``request.path_info`` resolves to, not a path prefix that a page
slug could share); only bodies of ``POST``/``PUT``/``PATCH`` requests are looked
up this way.
"""

import io
import logging
import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.handlers.wsgi import LimitedStream
from django.urls import Resolver404, resolve

from core import views

logger = logging.getLogger("clac.security")

READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class BodyLimit:
    max_bytes: int
    files_allowed: bool


def limit_for(path: str) -> BodyLimit:
    """The limit of ``path``: its longest prefix in ``REQUEST_BODY_LIMITS``, else
    the public one."""
    found = None
    for prefix, max_bytes, files_allowed in settings.REQUEST_BODY_LIMITS:
        if path.startswith(prefix) and (found is None or len(prefix) > len(found[0])):
            found = (prefix, max_bytes, files_allowed)
    if found is None:
        return BodyLimit(settings.PUBLIC_MAX_BODY_BYTES, False)
    return BodyLimit(int(found[1]), bool(found[2]))


def accepts_files(max_bytes):
    """Decorate the one public view that takes a file: its body may be up to
    ``max_bytes()`` (a callable, read per request so settings can change) and carry
    file parts. The view still checks each file itself (size and type)."""

    def decorate(view):
        view.request_body_limit = lambda: BodyLimit(int(max_bytes()), True)
        return view

    return decorate


BODY_METHODS = {"POST", "PUT", "PATCH"}


def view_limit(request) -> BodyLimit | None:
    """The limit the view at ``request.path_info`` declares (``accepts_files``),
    else None. Only for methods that carry a form."""
    if request.method not in BODY_METHODS:
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    declared = getattr(match.func, "request_body_limit", None)
    return declared() if declared is not None else None


def request_limit(request) -> BodyLimit:
    """The limit of this request: its view's own, else its path's."""
    return view_limit(request) or limit_for(request.path_info)


def declared_length(meta) -> int | None:
    """The request's ``Content-Length``, or None when it has none (or a bad one:
    Django then reads no body at all)."""
    try:
        length = int(meta.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None
    return length if length >= 0 else None


def read_bounded(stream, max_bytes: int):
    """Read ``stream`` to its end, keeping at most ``max_bytes``: a file object at
    position 0 with what was read, or None once more than ``max_bytes`` came (and
    nothing more is read). Up to ``FILE_UPLOAD_MAX_MEMORY_SIZE`` stays in memory;
    a larger allowance spools to ``FILE_UPLOAD_TEMP_DIR`` (never past the limit)."""
    if max_bytes <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
        buffer = io.BytesIO()
    else:
        buffer = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - returned open
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
            dir=settings.FILE_UPLOAD_TEMP_DIR,
        )
    size = 0
    while True:
        chunk = stream.read(min(READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            buffer.close()
            return None
        buffer.write(chunk)
    buffer.seek(0)
    return buffer


class RefuseFilesUploadHandler(FileUploadHandler):
    """Stops the multipart parser at the first file part, before any byte of it is
    kept; ``refused`` says that one came."""

    refused = False

    def new_file(self, *args, **kwargs):
        self.refused = True
        raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


class BodyLimitMiddleware:
    """Refuse request bodies over their path's limit, and files where none is
    expected (see the module's docstring). Before ``CsrfViewMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self.refusal(request)
        if refused is not None:
            return refused
        return self.get_response(request)

    def refusal(self, request):
        limit = request_limit(request)
        length = declared_length(request.META)
        if length is None:
            if request.META.get("HTTP_TRANSFER_ENCODING") and request.META.get(
                "wsgi.input_terminated"
            ):
                body = read_bounded(request.META["wsgi.input"], limit.max_bytes)
                if body is None:
                    return self.refuse(request, "too_large", limit)
                length = body.seek(0, io.SEEK_END)
                body.seek(0)
                request.META["CONTENT_LENGTH"] = str(length)
                request._stream = LimitedStream(body, length)
        elif length > limit.max_bytes:
            return self.refuse(request, "too_large", limit)
        if (
            not limit.files_allowed
            and request.method == "POST"
            and request.content_type == "multipart/form-data"
        ):
            handler = RefuseFilesUploadHandler(request)
            request.upload_handlers = [handler]
            request.POST  # noqa: B018 - parsed now, under the limit, files refused
            if handler.refused:
                return self.refuse(request, "file", limit)
        return None

    def refuse(self, request, reason: str, limit: BodyLimit):
        logger.warning(
            "request body refused",
            extra={
                "reason": reason,
                "method": request.method,
                "path": request.path_info,
                "max_bytes": limit.max_bytes,
            },
        )
        return views.request_too_large(request, reason=reason)
