"""The container image, the compose stack and the production settings.

No Docker engine here: the Dockerfile is linted with hadolint and checked against
our own rules by reading it; the settings are checked with ``check --deploy``.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from campaigns.reports import max_body_bytes

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
PYTHON = sys.executable


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    lines, current = [], ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        instruction, _, arguments = current.partition(" ")
        lines.append((instruction.upper(), arguments.strip()))
        current = ""
    return lines


def stages() -> list[list[tuple[str, str]]]:
    result = []
    for instruction, arguments in dockerfile_instructions():
        if instruction == "FROM":
            result.append([])
        if result:
            result[-1].append((instruction, arguments))
    return result


def hadolint_binary() -> str:
    candidate = Path(PYTHON).parent / "hadolint"
    found = str(candidate) if candidate.exists() else shutil.which("hadolint")
    if not found:
        pytest.fail("hadolint is missing: pip install -r requirements-dev.txt")
    return found


# --- Dockerfile ----------------------------------------------------------------------


def test_hadolint_reports_nothing():
    result = subprocess.run(
        [
            hadolint_binary(),
            "--no-color",
            "--failure-threshold",
            "info",
            str(DOCKERFILE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == ""
    assert result.returncode == 0
    # Every rule we ignore says why, on the line above.
    lines = DOCKERFILE.read_text().splitlines()
    for number, line in enumerate(lines):
        if "hadolint ignore" in line:
            assert lines[number - 1].lstrip().startswith("#"), line


def test_base_images_are_pinned_slim_python():
    text = DOCKERFILE.read_text()
    default = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)
    assert default, "the base image is declared once, as ARG PYTHON_IMAGE"
    image = default.group(1)
    assert re.fullmatch(
        r"python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?", image
    )
    froms = [
        args for instruction, args in dockerfile_instructions() if instruction == "FROM"
    ]
    assert len(froms) >= 2, "multi-stage build"
    for args in froms:
        base = args.split()[0]
        assert base == "${PYTHON_IMAGE}" or ":" in base and ":latest" not in base


def test_runtime_stage_runs_as_non_root_with_exec_form_cmd():
    runtime = stages()[-1]
    users = [args for instruction, args in runtime if instruction == "USER"]
    assert users, "the final stage sets USER"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    if user.isdigit():
        assert int(user) >= 1000
    cmd = [args for instruction, args in runtime if instruction == "CMD"][-1]
    command = json.loads(cmd)  # exec form is a JSON array: gunicorn gets SIGTERM
    assert command[0] == "gunicorn"
    assert "--config" in command and "gunicorn.conf.py" in command
    healthcheck = [
        args for instruction, args in runtime if instruction == "HEALTHCHECK"
    ][-1]
    assert "/healthz/" in healthcheck
    exec_part = healthcheck.split("CMD", 1)[1].strip()
    assert json.loads(exec_part)[0] == "python"  # no curl in a slim image
    env = " ".join(args for instruction, args in runtime if instruction == "ENV")
    assert "DJANGO_SETTINGS_MODULE=clac_cms.settings.production" in env


def test_build_stage_installs_the_lock_and_prepares_assets():
    instructions = dockerfile_instructions()
    runs = " ".join(args for instruction, args in instructions if instruction == "RUN")
    assert "-r /tmp/requirements.txt" in runs
    assert any(
        instruction == "COPY" and args.startswith("requirements.txt")
        for instruction, args in instructions
    )
    assert "collectstatic --noinput" in runs
    assert "compilemessages" in runs
    env = " ".join(args for instruction, args in instructions if instruction == "ENV")
    assert "DJANGO_SETTINGS_MODULE=clac_cms.settings.build" in env


def test_gunicorn_config_sets_a_graceful_timeout():
    namespace: dict = {}
    code = (ROOT / "gunicorn.conf.py").read_text()
    exec(compile(code, "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    assert namespace["graceful_timeout"] >= 10
    assert namespace["timeout"] > namespace["graceful_timeout"]
    assert namespace["bind"] == "0.0.0.0:8000"
    assert namespace["accesslog"] is None  # no client addresses in our logs


def test_dockerignore_keeps_secrets_and_local_data_out():
    entries = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for required in (".git", ".venv", ".env", ".admin-password", "db.sqlite3", "media"):
        assert required in entries, required


def test_compose_runs_web_worker_and_services_from_one_image():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "scheduler", "migrate", "db", "redis", "caddy"} <= set(
        services
    )
    app_images = {
        services[name]["image"] for name in ("web", "worker", "scheduler", "migrate")
    }
    assert len(app_images) == 1
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    assert services["db"]["image"].startswith("postgres:")
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["caddy"]["volumes"]
    # The same minor as Debian's caddy package, which CI runs the Caddyfile with.
    assert re.fullmatch(r"caddy:2\.6\.\d+", services["caddy"]["image"])
    assert services["caddy"]["environment"]["UPSTREAM"] == "web:8000"
    # Behind Caddy, REMOTE_ADDR is Caddy's: rate limits must read X-Forwarded-For.
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"


CADDY = shutil.which("caddy") or "/usr/bin/caddy"


def caddy_adapt(**env):
    """deploy/Caddyfile as Caddy's JSON, with production's placeholders."""
    result = subprocess.run(
        [CADDY, "adapt", "--adapter", "caddyfile", "--config", "deploy/Caddyfile"],
        cwd=ROOT,
        env={
            **os.environ,
            "SITE_ADDRESS": "clac.example.org",
            "ACME_EMAIL": "web@clac.example.org",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(
    not os.path.exists(CADDY), reason="Debian's caddy is missing: apt-get install caddy"
)
def test_caddyfile_limits_and_timeouts_are_the_sites(settings):
    """The proxy's body limits are the ones core/request_limits.py enforces
    (``/admin/`` large, the report by signed link its own, everything else
    small), its body timeout 30 s."""
    config = caddy_adapt()
    text = json.dumps(config)
    sizes = sorted(int(size) for size in re.findall(r'"max_size": (\d+)', text))
    assert sizes == sorted(
        [
            settings.ADMIN_MAX_BODY_BYTES,
            max_body_bytes(),
            settings.PUBLIC_MAX_BODY_BYTES,
        ]
    )
    assert f"> {settings.ADMIN_MAX_BODY_BYTES}" in text
    assert f"> {max_body_bytes()}" in text
    assert f"> {settings.PUBLIC_MAX_BODY_BYTES}" in text
    # The report's path in the proxy is the view's, in every language.
    languages = "|".join(code for code, _name in settings.LANGUAGES)
    assert f"^/({languages})/report/[^/]+/[^/]+/$" in text
    server = next(iter(config["apps"]["http"]["servers"].values()))
    assert server["read_timeout"] == 30 * 10**9
    assert server["read_header_timeout"] == 10 * 10**9
    assert '"buffer_requests": true' in text
    assert text.count('"Server"') >= 3  # header -Server, header_down, handle_errors
    # The drills' placeholders change what they name, nothing else.
    drill = json.dumps(
        caddy_adapt(
            SITE_ADDRESS="http://127.0.0.1:8080",
            UPSTREAM="127.0.0.1:8000",
            PROXY_READ_BODY_TIMEOUT="5s",
            CADDY_ADMIN="off",
        )
    )
    assert sorted(int(s) for s in re.findall(r'"max_size": (\d+)', drill)) == sizes


def test_compose_file_has_no_tabs_and_every_service_restarts():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "\t" not in text
    for service in ("web", "worker", "scheduler", "db", "redis", "caddy"):
        assert re.search(rf"^  {service}:$", text, re.MULTILINE), service
    assert text.count("restart: unless-stopped") >= 4


# --- Production settings -------------------------------------------------------------------


def production_env(**extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_", "SENTRY_", "AWS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clac_cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="clac.example.org,www.clac.example.org",
    )
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )


def test_check_deploy_passes_with_zero_warnings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env()
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_turning_hsts_preload_off_is_reported_by_check_deploy():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SECURE_HSTS_PRELOAD="false"),
    )
    assert result.returncode != 0
    assert "security.W021" in result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secrets(missing):
    env = production_env()
    env.pop(missing)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_settings_values():
    code = (
        "from django.conf import settings as s; import json; print(json.dumps({"
        "'hsts': s.SECURE_HSTS_SECONDS, 'sub': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        "'preload': s.SECURE_HSTS_PRELOAD, 'ssl': s.SECURE_SSL_REDIRECT,"
        "'exempt': s.SECURE_REDIRECT_EXEMPT, 'proxy': s.SECURE_PROXY_SSL_HEADER,"
        "'cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE],"
        "'csrf_origins': s.CSRF_TRUSTED_ORIGINS, 'debug': s.DEBUG,"
        "'upgrade': s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'),"
        "'storage': s.STORAGES['default']['BACKEND'],"
        "'formatter': s.LOGGING['formatters']['json']['()']}))"
    )
    result = manage("shell", "-c", code, env=production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["hsts"] >= 31_536_000
    assert values["sub"] is True and values["preload"] is True
    assert values["ssl"] is True
    assert values["exempt"] == ["^healthz/$", "^readyz/$"]
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["cookies"] == [True, True, True]
    assert values["csrf_origins"] == [
        "https://clac.example.org",
        "https://www.clac.example.org",
    ]
    assert values["debug"] is False
    assert values["upgrade"] is True
    assert values["storage"] == "django.core.files.storage.FileSystemStorage"
    assert values["formatter"] == "core.logs.JsonFormatter"


def test_media_go_to_s3_when_a_bucket_is_set():
    code = (
        "from django.core.files.storage import default_storage as d; "
        "print(type(d._wrapped if hasattr(d, '_wrapped') else d).__name__, "
        "d.bucket_name, d.custom_domain); "
        "from django.conf import settings as s; "
        "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    env = production_env(
        AWS_STORAGE_BUCKET_NAME="clac-media",
        AWS_S3_CUSTOM_DOMAIN="media.clac.example.org",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    result = manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    storage_line, csp_line = result.stdout.strip().splitlines()[-2:]
    assert storage_line.split() == ["S3Storage", "clac-media", "media.clac.example.org"]
    # Images come from the bucket's domain: the public policy allows it.
    assert "https://media.clac.example.org" in csp_line.split()


def test_sentry_is_optional_and_fails_loudly_when_asked_for_but_missing():
    try:
        import sentry_sdk  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("sentry-sdk is installed here; the missing-package path is moot")
    result = manage(
        "check", env=production_env(SENTRY_DSN="https://key@sentry.example/1")
    )
    assert result.returncode != 0
    assert "sentry-sdk is not installed" in result.stderr
    assert manage("check", env=production_env()).returncode == 0


def test_production_logs_are_json_lines():
    code = "import logging; logging.getLogger('clac.test').warning('hello %s', 'ana@example.org')"
    result = manage("shell", "-c", code, env=production_env())
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "clac.test" in line]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "WARNING"
    assert entry["message"] == "hello [email]"


# --- gunicorn for real, with the container's config and production settings ----------------


def test_gunicorn_serves_probes_and_stops_gracefully(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = production_env(
        PORT=str(port),
        WEB_CONCURRENCY="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    )
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    process = subprocess.Popen(
        [gunicorn, "--config", "gunicorn.conf.py", "clac_cms.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz/", timeout=30
                ) as response:
                    body = json.loads(response.read())
            except OSError:  # not listening yet (URLError is an OSError)
                time.sleep(0.5)
        assert body == {"status": "ok"}
        # A page over plain HTTP with a valid host: redirected to https.
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/es/", headers={"Host": "clac.example.org"}
        )
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as error:
            opener.open(request, timeout=10)
        assert error.value.code == 301
        assert error.value.headers["Location"] == "https://clac.example.org/es/"
    finally:
        process.terminate()  # SIGTERM: graceful shutdown
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == 0
    log = process.stderr.read() if process.stderr else ""
    assert "Handling signal: term" in log or "Shutting down" in log


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
