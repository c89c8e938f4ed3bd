"""The slow-body drill (issue 15 item 2), through the proxy that ships.

Debian's Caddy runs ``deploy/Caddyfile`` (the file docker-compose mounts; only its
environment placeholders differ: plain HTTP on a loopback port, gunicorn as the
upstream, a 5 s body timeout instead of 30 s) in front of gunicorn with
production settings, 3 sync workers (``WEB_CONCURRENCY``'s default), the test
database on PostgreSQL and two Redis instances as compose runs them.

Without a buffering proxy, three clients that declare a body and stall hold the
three workers, and ``/healthz/`` waits for them. Here 40 stall at once on the
contact form (a page that reads its POST's body): 20 with ``Content-Length:
100000`` (over the public limit: 413 from the proxy) and 20 with 60,000 bytes
(under it: only the proxy's buffering keeps them from gunicorn; without
``buffer_requests`` this test fails, ``/es/`` times out). Meanwhile
``/healthz/`` and ``/es/`` answer within 1 s each, and the proxy closes every
stalled connection at its body timeout.
"""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

import pytest

from home.bootstrap import bootstrap_site
from scripts import stack
from tests.inquiry_helpers import make_contact_page

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.path.exists(stack.CADDY),
        reason="the proxy drill needs Debian's Caddy: apt-get install caddy "
        "(.ci/run installs it)",
    ),
    pytest.mark.skipif(
        not os.path.exists(stack.REDIS_SERVER),
        reason="the proxy drill needs redis-server (apt-get install redis-server)",
    ),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")),
        reason="the proxy drill runs gunicorn on PostgreSQL "
        "(set DATABASE_URL=postgres://…)",
    ),
]

BODY_TIMEOUT = 5
STALLED = 20


def database_url():
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


@pytest.fixture
def site(transactional_db, tmp_path):
    """Caddy → gunicorn (production settings) → PostgreSQL and Redis. One test
    uses it: starting gunicorn's three workers is most of the drill's time."""
    workdir = tmp_path
    home = bootstrap_site()["home"]
    form = make_contact_page(home)
    url = database_url()
    cache, security = stack.compose_redis()
    started = [cache, security]
    env = stack.production_env(workdir, database_url=url)
    env.update(
        {
            "REDIS_URL": cache.url,
            "SECURITY_REDIS_URL": security.url,
            "TRUSTED_PROXY_COUNT": "1",
            "DB_CONN_MAX_AGE": "0",
        }
    )
    try:
        stack.manage(env, "collectstatic", "--noinput", stdout=subprocess.DEVNULL)
        gunicorn = stack.Gunicorn(env, workers=3)
        started.append(gunicorn)
        proxy = stack.Caddy(
            gunicorn.port,
            workdir,
            env={"PROXY_READ_BODY_TIMEOUT": f"{BODY_TIMEOUT}s"},
        )
        started.append(proxy)
        yield proxy, form.url
    finally:
        for process in reversed(started):
            process.stop()


def get(url, timeout=1.0):
    request = urllib.request.Request(url)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def post(url, body, timeout=5.0):
    request = urllib.request.Request(  # noqa: S310 - loopback
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def stall(port, path, length):
    """Send a POST's headers and 5 bytes of a ``length``-byte body, then nothing."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n\r\nname="
        ).encode()
    )
    return sock, time.monotonic()


def closed_after(sock, opened):
    """Seconds from opening until the proxy closed the connection (None: it
    stayed open for 30 s)."""
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return None
    except OSError:
        pass  # reset by the proxy: closed as well
    finally:
        sock.close()
    return time.monotonic() - opened


def test_stalled_bodies_do_not_freeze_the_site_and_limits_hold(site):
    site, form = site
    # The site answers through the proxy, with no Server header at all.
    for path in ("/healthz/", "/es/"):
        status, headers, _body = get(site.base + path, timeout=30)
        assert status == 200
        assert "Server" not in headers, path

    # The contact form: a page that reads its POST's body.
    stalled = [stall(site.port, form, 100_000) for _ in range(STALLED)]
    stalled += [stall(site.port, form, 60_000) for _ in range(STALLED)]

    # Meanwhile the probe and the home page answer within 1 s, every time.
    answers, errors = [], []
    deadline = time.monotonic() + BODY_TIMEOUT - 1
    while time.monotonic() < deadline:
        for path in ("/healthz/", "/es/"):
            started = time.monotonic()
            try:
                status, _headers, _body = get(site.base + path, timeout=1.0)
            except OSError as error:
                errors.append((path, repr(error)))
                continue
            answers.append((path, status, time.monotonic() - started))
    assert errors == []
    assert len(answers) >= 4
    assert all(status == 200 for _path, status, _seconds in answers)
    assert max(seconds for *_rest, seconds in answers) < 1.0

    # The body limits: "/admin/ large, everything else small".
    # A public post over PUBLIC_MAX_BODY_BYTES: the proxy's 413, no Server header.
    status, headers, body = post(site.base + form, b"a" * 100_000)
    assert status == 413
    assert "Server" not in headers
    # …with Django's translated page, in the form's language (deploy/errors/).
    assert b"Solicitud demasiado grande" in body
    assert b'lang="es"' in body
    # The admin takes far more (uploads): the proxy lets it through, and Django
    # answers it (here: no CSRF token, 403).
    status, headers, body = post(site.base + "/admin/", b"a" * 1_000_000)
    assert status == 403
    assert b"Request Entity Too Large" not in body
    assert "Server" not in headers

    # The proxy closes every stalled connection at its body timeout.
    with ThreadPoolExecutor(max_workers=len(stalled)) as pool:
        closed = list(pool.map(lambda pair: closed_after(*pair), stalled))
    assert None not in closed, "a stalled connection stayed open"
    assert max(closed) < BODY_TIMEOUT + 3
    assert min(closed) >= BODY_TIMEOUT - 1
