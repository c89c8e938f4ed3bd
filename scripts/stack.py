"""The production stack on loopback, for `make bench`, `make soak` and the proxy drill.

One launcher for every process they start: gunicorn (production settings, the
repository's gunicorn.conf.py), Caddy from ``deploy/Caddyfile`` (the file
docker-compose mounts: only its environment placeholders differ), Redis instances
as docker-compose runs them, and the task worker. Everything binds 127.0.0.1.
``CLAC_PORT_RANGE`` (for example ``8720-8739``) keeps the ports inside a range
when several people share a machine; otherwise the kernel picks free ones.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = ROOT / "deploy" / "Caddyfile"
CADDY = shutil.which("caddy") or "/usr/bin/caddy"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
_taken: set[int] = set()


def log(message):
    print(message, flush=True)


def _port_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port():
    """A free loopback port: from ``CLAC_PORT_RANGE`` when set, else any."""
    span = os.environ.get("CLAC_PORT_RANGE", "")
    if span:
        low, high = (int(part) for part in span.split("-"))
        for port in range(low, high + 1):
            if port not in _taken and _port_free(port):
                _taken.add(port)
                return port
        raise RuntimeError(f"no free port in CLAC_PORT_RANGE={span}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def django_setup(env):
    """Django in this process, with ``env`` (the stack's settings)."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def production_env(workdir, database_url=None):
    """The environment of production settings on loopback (dummy secret, no TLS)."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "clac_cms.settings.production",
            "SECRET_KEY": "bench-only-dummy-secret-key-not-for-production",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "MEDIA_ROOT": str(Path(workdir) / "media"),
            "STATIC_ROOT": str(Path(workdir) / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    elif not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
    return env


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def prepare(env, demo=True):
    """Migrate, bootstrap the site, load the demo content, collect static.

    Production settings do not install the demo app, so the demo content (the
    same as ``make run``'s) is loaded with the development settings into the same
    database, which the production settings then serve.
    """
    load_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "clac_cms.settings.dev",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    manage(load_env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    manage(load_env, "createcachetable")
    manage(load_env, "bootstrap_site", stdout=subprocess.DEVNULL)
    if demo:
        manage(load_env, "load_demo_content", stdout=subprocess.DEVNULL)
    manage(env, "collectstatic", "--noinput", stdout=subprocess.DEVNULL)
    return "manage.py load_demo_content (as `make run`)"


def recreate_postgres_database(url):
    """Drop and create the PostgreSQL database that ``url`` names."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def rss_mb(pid):
    """Resident memory of one process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


class Process:
    """A child process in its own session, stopped by its process group."""

    process: subprocess.Popen
    name = "process"

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


class Gunicorn(Process):
    """gunicorn with production settings and the repository's gunicorn.conf.py."""

    name = "gunicorn"

    def __init__(
        self,
        env,
        workers=3,
        app="clac_cms.wsgi:application",
        port=None,
        extra_env=None,
        stderr=None,
    ):
        self.port = port or free_port()
        run_env = {
            **env,
            "WEB_CONCURRENCY": str(workers),
            "PORT": str(self.port),
            **(extra_env or {}),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=run_env,
            start_new_session=True,
            stderr=stderr,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        wait_for_port(self.port, self.process, timeout=60)
        self.wait_ready()

    def wait_ready(self, timeout=120.0):
        """Until a worker has loaded the site and answers ``/healthz/`` (the
        proxy's health check would otherwise see a timeout and take the upstream
        out for its interval)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(
                    self.base + "/healthz/", timeout=30
                ) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz/ in {timeout:.0f} s")

    def worker_pids(self):
        return children(self.pid)


class Caddy(Process):
    """Caddy (Debian's package) running ``deploy/Caddyfile`` in front of ``upstream``.

    The same file as production: the site address becomes plain HTTP on a
    loopback port, the upstream gunicorn's address, the admin endpoint off;
    ``body_timeout`` shortens ``PROXY_READ_BODY_TIMEOUT`` for drills.
    """

    name = "caddy"

    def __init__(self, upstream_port, workdir, port=None, env=None, log_file=None):
        self.port = port or free_port()
        media = Path(workdir) / "media"
        media.mkdir(parents=True, exist_ok=True)
        run_env = {
            **os.environ,
            "SITE_ADDRESS": f"http://127.0.0.1:{self.port}",
            "UPSTREAM": f"127.0.0.1:{upstream_port}",
            "CADDY_ADMIN": "off",
            "ACME_EMAIL": "ci@clac.invalid",
            "MEDIA_DIR": str(media),
            "ERRORS_DIR": str(ROOT / "deploy" / "errors"),
            "XDG_DATA_HOME": str(Path(workdir) / "caddy-data"),
            "XDG_CONFIG_HOME": str(Path(workdir) / "caddy-config"),
            **(env or {}),
        }
        self.log_file = log_file or (Path(workdir) / "caddy.log")
        self._log = open(self.log_file, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [CADDY, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
            cwd=ROOT,
            env=run_env,
            start_new_session=True,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        wait_for_port(self.port, self.process, timeout=30)

    def stop(self, sig=signal.SIGTERM, timeout=30):
        super().stop(sig, timeout)
        self._log.close()


class Redis(Process):
    """A redis-server on loopback that keeps nothing on disk."""

    name = "redis"

    def __init__(self, *args, port=None):
        self.port = port or free_port()
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                *args,
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"redis://127.0.0.1:{self.port}/0"
        wait_for_port(self.port, self.process, timeout=15)


def compose_redis():
    """The two instances docker-compose runs: the page cache (evicts) and the
    security state (never evicts)."""
    cache = Redis("--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru")
    security = Redis("--maxmemory", "64mb", "--maxmemory-policy", "noeviction")
    return cache, security


class Worker(Process):
    """``manage.py db_worker`` (the compose ``worker`` service)."""

    name = "worker"

    def __init__(self, env, stderr=None):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "default",
                "--interval",
                "1",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
