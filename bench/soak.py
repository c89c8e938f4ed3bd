"""`make soak`: the production stack under a mixed load for SOAK_SECONDS (600).

Everything on 127.0.0.1 (scripts/stack.py): Caddy (Debian's, ``deploy/Caddyfile``)
→ gunicorn (production settings, 3 sync workers) → PostgreSQL (its own database,
``SOAK_DATABASE``, default ``clac_soak``, dropped and created with the demo content
of ``make run``; ``SOAK_REUSE_DATABASE=true`` keeps the last soak's, counting only
what this one adds), two Redis instances as docker-compose runs them (page cache,
``allkeys-lru``; security state, ``noeviction``), the task worker
(``manage.py db_worker``) and an SMTP sink (aiosmtpd, in this process) that
counts the notifications delivered.

Loads, all through the proxy: readers of page-cached pages, readers of pages the
page cache never stores (search, the 404 page), readers sending the contact form
(GET the form, parse its hidden fields, wait out the time trap, POST; one post
in five fills the honeypot: spam), an editor publishing the Spanish home page
every 30 s (``save_revision().publish()``, as the admin's Publish does; the page
cache's version moves), and the worker stopped (SIGTERM, as a deploy does) and
started again halfway. All posts come from the proxy's one address, so the
soak raises the forms' per-address limits (``INQUIRY_RATE_LIMIT``/``_REFUSE``).

Reported (stdout, and docs/performance.md between the soak markers inside its
notes section, which `make bench` keeps): requests, errors (5xx, connection
errors), p50/p99 per kind; submissions accepted (303s) vs stored (rows) vs
notified (staff emails the sink received, non-spam); resident memory of each
process at the start and the end.
"""

import contextlib
import html.parser
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import stack

ROOT = stack.ROOT
SECONDS = int(os.environ.get("SOAK_SECONDS", "600"))
PUBLISH_EVERY = float(os.environ.get("SOAK_PUBLISH_EVERY", "30"))
DATABASE = os.environ.get("SOAK_DATABASE", "clac_soak")
READERS = {"cached": 3, "uncached": 1, "form": 2}
SPAM_EVERY = 5
MARK_START = "<!-- soak:start -->"
MARK_END = "<!-- soak:end -->"
log = stack.log


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.requests = defaultdict(int)
        self.server_errors = defaultdict(int)
        self.connection_errors = defaultdict(int)
        self.other = defaultdict(lambda: defaultdict(int))
        self.accepted = 0
        self.accepted_spam = 0
        self.publishes = 0
        self.publish_errors = 0

    def record(self, kind, status, seconds):
        with self.lock:
            self.requests[kind] += 1
            self.latencies[kind].append(seconds)
            if status is None:
                self.connection_errors[kind] += 1
            elif status >= 500:
                self.server_errors[kind] += 1
                self.other[kind][status] += 1
            if status is not None and 400 <= status < 500 and status != 404:
                self.other[kind][status] += 1


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(counters, kind, url, data=None, headers=None, cookies=None):
    """One request; (status, body) — status None on a connection error.

    ``cookies`` (a dict) is sent and updated from the answer's Set-Cookie: the
    production cookies are ``Secure``, which a cookie jar would not send back
    over the loopback's plain HTTP, so they are kept here by hand."""
    started = time.monotonic()
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with OPENER.open(req, timeout=30) as response:
            status, body, answer = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, body, answer = error.code, error.read(), error.headers
    except OSError as error:
        status, body, answer = None, b"", None
        with counters.lock:
            counters.other[kind][type(error).__name__] += 1
    counters.record(kind, status, time.monotonic() - started)
    if cookies is not None and answer is not None:
        for header in answer.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    return status, body


class FormParser(html.parser.HTMLParser):
    """The inputs of the form that posts to the page (name → value or type)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.textareas, self.selects = {}, False, [], {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = (
                attrs.get("type", "text"),
                attrs.get("value", ""),
            )
        elif tag == "textarea" and attrs.get("name"):
            self.fields[attrs["name"]] = ("textarea", "")
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self.fields[self._select] = ("select", "")
        elif tag == "option" and self._select and attrs.get("value"):
            kind, value = self.fields[self._select]
            if not value:
                self.fields[self._select] = (kind, attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form":
            self.in_form = False


def form_data(page_html, number, honeypot, spam):
    """What a reader sends: every visible field filled, the hidden token as
    served, the honeypot (a field people never see) empty unless ``spam``."""
    parser = FormParser()
    parser.feed(page_html)
    data = {}
    for name, (kind, value) in parser.fields.items():
        if name == honeypot:
            data[name] = "https://spam.example/" if spam else ""
        elif kind == "hidden" or kind == "select":
            data[name] = value
        elif kind == "checkbox":
            data[name] = "on"
        elif kind == "email":
            data[name] = f"lector{number}@example.org"
        elif kind == "textarea":
            data[name] = f"Mensaje de prueba número {number} sobre comercio justo."
        elif kind in ("text", "tel", "url", "number"):
            data[name] = f"Lectora {number}"
    return data


def cached_reader(counters, base, paths, stop):
    while not stop.is_set():
        request(counters, "cached", base + random.choice(paths))  # noqa: S311


def uncached_reader(counters, base, stop):
    words = ["comercio justo", "café", "miel", "cacao", "banano", "campaña", "xyz"]
    while not stop.is_set():
        if random.random() < 0.2:  # noqa: S311
            path = f"/es/no-existe-{random.randint(1, 10**6)}/"  # noqa: S311
        else:
            query = urllib.parse.quote_plus(random.choice(words))  # noqa: S311
            path = f"/es/search/?q={query}&n={random.randint(1, 10**6)}"  # noqa: S311
        request(counters, "uncached", base + path)


def form_reader(counters, base, form_path, stop, numbers, min_fill, honeypot):
    while not stop.is_set():
        with counters.lock:
            number = next(numbers)
        cookies = {}
        status, body = request(counters, "form page", base + form_path, cookies=cookies)
        if status != 200:
            time.sleep(1)
            continue
        spam = number % SPAM_EVERY == 0
        data = form_data(body.decode(), number, honeypot, spam)
        if stop.wait(min_fill + 0.5):
            return
        status, _body = request(
            counters,
            "form post",
            base + form_path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            cookies=cookies,
        )
        if status == 303:
            with counters.lock:
                counters.accepted += 1
                counters.accepted_spam += spam


def publisher(counters, stop, home_id):
    from django.db import close_old_connections

    from wagtail.models import Page

    while not stop.wait(PUBLISH_EVERY):
        close_old_connections()
        try:
            Page.objects.get(pk=home_id).specific.save_revision().publish()
            counters.publishes += 1
        except Exception as error:  # noqa: BLE001 - counted and reported
            counters.publish_errors += 1
            log(f"publish failed: {error!r}")


class Sink:
    """An SMTP server in this process that counts messages per recipient."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.port = stack.free_port()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append((list(envelope.rcpt_tos), envelope.content))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()


def memory(processes):
    """{name: RSS MB} for the stack's processes (gunicorn: master and workers)."""
    result = {}
    for name, process in processes.items():
        if process is None or not process.alive():
            result[name] = 0.0
            continue
        result[name] = stack.rss_mb(process.pid)
        if isinstance(process, stack.Gunicorn):
            workers = process.worker_pids()
            result["gunicorn workers"] = sum(stack.rss_mb(pid) for pid in workers)
            result["gunicorn workers (count)"] = len(workers)
    return result


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def wait_for_outbox(timeout=120):
    """Until no notification task is waiting or running (the worker's backlog)."""
    from django.db import close_old_connections

    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        close_old_connections()
        pending = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
        if pending == 0:
            return 0
        time.sleep(1)
    return pending


def report_lines(result):
    c, lines = result["counters"], []
    lines += [
        f"Soak of {result['seconds']} s (`SOAK_SECONDS={result['seconds']} make soak`), "
        f"{result['when']}, on {os.cpu_count()} CPUs shared with other work (load "
        f"average before {result['load_before']}, after {result['load_after']}). "
        "Caddy 2.6 (Debian) with deploy/Caddyfile → gunicorn, production settings, "
        "3 sync workers → PostgreSQL (`clac_soak`, the demo content), Redis page "
        "cache (allkeys-lru) and security store (noeviction), the task worker, an "
        "SMTP sink. Load through the proxy: "
        f"{READERS['cached']} readers of page-cached pages, {READERS['uncached']} of "
        f"uncached ones (search with a varying query, the 404 page), "
        f"{READERS['form']} readers sending the contact form (GET, parse the token, "
        f"wait out the time trap, POST; one in {SPAM_EVERY} fills the honeypot), "
        f"a publish every {PUBLISH_EVERY:.0f} s. The per-address form limits are "
        "raised (every post comes from the proxy's one address).",
        "",
        "| kind | requests | 5xx | connection errors | statuses ≥ 400 but 404 | p50 ms | p99 ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind in ("cached", "uncached", "form page", "form post"):
        values = c.latencies[kind]
        others = ", ".join(
            f"{k}×{v}" for k, v in sorted(c.other[kind].items(), key=str)
        )
        lines.append(
            f"| {kind} | {c.requests[kind]} | {c.server_errors[kind]} | "
            f"{c.connection_errors[kind]} | {others or 0} | "
            f"{percentile(values, 0.5) * 1000:.0f} | "
            f"{percentile(values, 0.99) * 1000:.0f} |"
        )
    total = sum(c.requests.values())
    errors = sum(c.server_errors.values()) + sum(c.connection_errors.values())
    lines += [
        f"| all | {total} | {sum(c.server_errors.values())} | "
        f"{sum(c.connection_errors.values())} | | | |",
        "",
        "| submissions | count |",
        "| --- | --- |",
        f"| accepted (303) | {c.accepted} (of which honeypot spam: {c.accepted_spam}) |",
        f"| stored (rows) | {result['stored']} (spam: {result['stored_spam']}) |",
        f"| notified (staff emails received, non-spam) | {result['notified']} "
        f"(stored non-spam: {result['stored'] - result['stored_spam']}) |",
        "",
        f"Editor: {c.publishes} publishes of the Spanish home page (every "
        f"{PUBLISH_EVERY:.0f} s), {c.publish_errors} failed. Worker stopped (SIGTERM) "
        f"and started again at {result['restart_at']:.0f} s; notification tasks "
        f"left waiting at the end: {result['pending']}.",
        "",
        "| process | RSS at start (MB) | RSS at end (MB) |",
        "| --- | --- | --- |",
    ]
    for name in result["memory_start"]:
        start = result["memory_start"][name]
        end = result["memory_end"].get(name, 0)
        if name.endswith("(count)"):
            lines.append(f"| {name} | {start:.0f} | {end:.0f} |")
        else:
            lines.append(f"| {name} | {start:.0f} | {end:.0f} |")
    verdicts = [
        ("0 5xx", sum(c.server_errors.values()) == 0),
        ("0 connection errors", sum(c.connection_errors.values()) == 0),
        ("stored = accepted", result["stored"] == c.accepted),
        (
            "notified = stored non-spam",
            result["notified"] == result["stored"] - result["stored_spam"],
        ),
    ]
    lines += [""] + [f"- {'PASS' if ok else 'FAIL'}: {name}" for name, ok in verdicts]
    result["ok"] = all(ok for _name, ok in verdicts) and errors == 0
    return lines


def write_docs(lines):
    path = ROOT / "docs" / "performance.md"
    text = path.read_text()
    block = "\n".join([MARK_START, *lines, MARK_END])
    if MARK_START in text:
        start = text.index(MARK_START)
        end = text.index(MARK_END) + len(MARK_END)
        text = text[:start] + block + text[end:]
    else:
        end = text.index("<!-- notes:end -->")
        intro = (
            "\n### Soak (`make soak`, bench/soak.py; this block is rewritten by it)\n\n"
        )
        text = text[:end] + intro + block + "\n" + text[end:]
    path.write_text(text)


def main():
    for tool in (stack.CADDY, stack.REDIS_SERVER):
        if not os.path.exists(tool):
            sys.exit(f"{tool} is missing: apt-get install caddy redis-server")
    base_url = os.environ.get("SOAK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    database_url = f"{base_url}/{DATABASE}"
    workdir = Path(tempfile.mkdtemp(prefix="clac-soak-"))
    started, processes = [], {}
    counters = Counters()
    sink = Sink()
    try:
        cache, security = stack.compose_redis()
        started += [cache, security]
        env = stack.production_env(workdir, database_url=database_url)
        env.update(
            {
                "REDIS_URL": cache.url,
                "SECURITY_REDIS_URL": security.url,
                "TRUSTED_PROXY_COUNT": "1",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(sink.port),
                # Every post comes from the proxy's one address (see the docstring).
                "INQUIRY_RATE_LIMIT": "1000000",
                "INQUIRY_RATE_REFUSE": "1000000",
                "INQUIRY_NOTIFY_RETRY_BASE_SECONDS": "5",
            }
        )
        if os.environ.get("SOAK_REUSE_DATABASE") == "true":
            log(f"Reusing {DATABASE} from the last soak (SOAK_REUSE_DATABASE) …")
            stack.manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
            stack.manage(env, "collectstatic", "--noinput", stdout=subprocess.DEVNULL)
        else:
            log(f"Preparing {DATABASE} (drop, create, migrate, demo content) …")
            stack.recreate_postgres_database(database_url)
            stack.prepare(env)
        stack.django_setup(env)
        from django.conf import settings

        from home.models import HomePage
        from inquiries.forms import HONEYPOT_FIELD as HONEYPOT
        from inquiries.models import ContactPage, Inquiry, InquiryStatus

        contact = ContactPage.objects.live().get(locale__language_code="es")
        staff = set(contact.recipients())
        home = HomePage.objects.get(locale__language_code="es")
        min_fill = settings.INQUIRY_MIN_FILL_SECONDS
        stored_before = Inquiry.objects.count()
        spam_before = Inquiry.objects.filter(status=InquiryStatus.SPAM).count()

        gunicorn = stack.Gunicorn(env, workers=3)
        started.append(gunicorn)
        proxy = stack.Caddy(gunicorn.port, workdir)
        started.append(proxy)
        worker = stack.Worker(env)
        processes = {
            "caddy": proxy,
            "gunicorn master": gunicorn,
            "worker": worker,
            "redis (page cache)": cache,
            "redis (security)": security,
        }
        base = proxy.base
        cached_paths = find_cached_paths(base)
        log(f"Cached pages: {cached_paths}; form: {contact.url}; staff: {staff}")
        for path in cached_paths:  # fill the page cache
            urllib.request.urlopen(base + path, timeout=60).read()
        memory_start = memory(processes)
        load_before = " ".join(stack.loadavg())

        stop = threading.Event()
        numbers = iter(range(1, 10**9))
        threads = [
            threading.Thread(
                target=cached_reader, args=(counters, base, cached_paths, stop)
            )
            for _ in range(READERS["cached"])
        ]
        threads += [
            threading.Thread(target=uncached_reader, args=(counters, base, stop))
            for _ in range(READERS["uncached"])
        ]
        threads += [
            threading.Thread(
                target=form_reader,
                args=(counters, base, contact.url, stop, numbers, min_fill, HONEYPOT),
            )
            for _ in range(READERS["form"])
        ]
        threads.append(
            threading.Thread(target=publisher, args=(counters, stop, home.pk))
        )
        for thread in threads:
            thread.daemon = True
            thread.start()
        began = time.monotonic()
        log(f"Soak running for {SECONDS} s …")
        restart_at = SECONDS / 2
        restarted = False
        while time.monotonic() - began < SECONDS:
            time.sleep(1)
            elapsed = time.monotonic() - began
            if not restarted and elapsed >= restart_at:
                log(f"  {elapsed:.0f} s: worker stopped (SIGTERM) and started again")
                worker.stop(signal.SIGTERM, timeout=60)
                worker = stack.Worker(env)
                processes["worker"] = worker
                restarted = True
            if int(elapsed) % 60 == 0:
                log(f"  {elapsed:.0f} s: {sum(counters.requests.values())} requests")
        memory_end = memory(processes)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        pending = wait_for_outbox()
        time.sleep(2)
        from django.db import close_old_connections

        close_old_connections()
        stored = Inquiry.objects.count() - stored_before
        stored_spam = (
            Inquiry.objects.filter(status=InquiryStatus.SPAM).count() - spam_before
        )
        notified = sum(
            1 for recipients, _content in sink.messages if staff & set(recipients)
        )
        result = {
            "counters": counters,
            "seconds": SECONDS,
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_before": load_before,
            "load_after": " ".join(stack.loadavg()),
            "stored": stored,
            "stored_spam": stored_spam,
            "notified": notified,
            "pending": pending,
            "restart_at": restart_at,
            "memory_start": memory_start,
            "memory_end": memory_end,
        }
        lines = report_lines(result)
        print("\n".join(lines), flush=True)
        if os.environ.get("SOAK_WRITE_DOCS", "true") != "false":
            write_docs(lines)
        return 0 if result["ok"] else 1
    finally:
        # Front to back: the proxy, gunicorn, the worker, then Redis.
        redis = [process for process in started if isinstance(process, stack.Redis)]
        order = [
            *(process for process in reversed(started) if process not in redis),
            processes.get("worker"),
            *redis,
        ]
        for process in order:
            if process is not None:
                with contextlib.suppress(Exception):
                    process.stop()
        sink.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def find_cached_paths(base):
    """Pages the page cache stores (X-Cache: MISS then HIT): the Spanish menu."""
    body = urllib.request.urlopen(base + "/es/", timeout=60).read().decode()
    links = sorted(set(re.findall(r'href="(/es/[a-z0-9\-/]*)"', body)))
    paths = ["/es/"]
    for path in links:
        if "search" in path or path in paths:
            continue
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
            with urllib.request.urlopen(base + path, timeout=60) as response:
                if response.headers.get("X-Cache") == "HIT":
                    paths.append(path)
        except urllib.error.HTTPError:
            continue
        if len(paths) >= 8:
            break
    return paths


if __name__ == "__main__":
    sys.exit(main())
