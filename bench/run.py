"""`make bench`: serve the site with gunicorn and production settings, measure with wrk.

Steps: a fresh database (SQLite in a temporary folder, or ``DATABASE_URL``), the
demo content (``manage.py load_demo_content``; ``demo.tree.build_site()`` when
that command is missing, as under production settings), collectstatic; then for
the page cache off ("uncached", the fragment caches still on) and on ("warm"),
one gunicorn (4 workers, production settings) serving both the pages and a bare Django view of the same size
(``/bench/bare/``, ``BENCH_BARE_VIEW``), measured with wrk at concurrency 1 and 16
for ``BENCH_SECONDS`` (5 s) each, 127.0.0.1 only. Server CPU per request comes from
the workers' utime+stime in /proc. Then queries per page, and the news index's
queries and time at 10, 100 and 1,000 items. Results: stdout and docs/performance.md.
"""

import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
CONCURRENCY = (1, 16)
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = ROOT / "bench" / "report.lua"
PAGES = [
    ("home", "home"),
    ("strategy", "strategy"),
    ("objective", "objective"),
    ("campaign", "campaign"),
    ("news index", "news_index"),
    ("news item", "news"),
    ("search", "search"),
    ("contact (GET)", "contact"),
]
FRAGMENT_CACHES = [
    "main menu and footer per (host, language, cache version)",
    "per-page context (related items, listings) per (page, cache version[, query])",
    "language alternates and breadcrumbs per (page, cache version)",
    "image renditions (Wagtail's rendition cache)",
    "`<picture>` markup per (image, file, focal point, filter specs, attributes, "
    "cache version) (core/templatetags/clac_images.py)",
    "site lookup and page routing per (host, port, language, path, cache version) "
    "(`RouteCacheMiddleware`, core/cache.py, with the page's view restrictions; "
    "the page is still rendered and those restrictions checked)",
    "site settings per (site, cache version) (core/templatetags/seo_tags.py)",
    "Locale objects per process",
]


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def base_env(workdir):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "clac_cms.settings.production",
            "SECRET_KEY": "bench-only-dummy-secret-key-not-for-production",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "BENCH_BARE_VIEW": "true",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    return env


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def prepare(env):
    """Migrate, load content, collect static; returns the demo's source."""
    manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    load_env = {
        **env,
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    commands = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if "load_demo_content" in commands:
        manage(load_env, "load_demo_content")
        source = "manage.py load_demo_content"
    else:
        # Production settings do not install the demo app; its tree builder needs
        # no model of its own, so it builds the site all the same.
        manage(
            load_env,
            "shell",
            "-c",
            "from demo.tree import build_site; build_site()",
        )
        source = "demo/tree.py build_site() (load_demo_content not available)"
    manage(env, "collectstatic", "--noinput", stdout=subprocess.DEVNULL)
    return source


def django_setup(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def find_paths():
    """One page of each type, in Spanish (the source language)."""
    from wagtail.models import Locale

    from campaigns.models import CampaignPage, ObjectivePage, StrategyPage
    from home.models import HomePage
    from inquiries.models import ContactPage
    from news.models import NewsIndexPage, NewsPage

    es = Locale.objects.get(language_code="es")
    models = {
        "home": HomePage,
        "strategy": StrategyPage,
        "objective": ObjectivePage,
        "campaign": CampaignPage,
        "news_index": NewsIndexPage,
        "news": NewsPage,
        "contact": ContactPage,
    }
    paths = {}
    for key, model in models.items():
        page = model.objects.live().filter(locale=es).order_by("path").first()
        paths[key] = page.url
    paths["search"] = "/es/search/?q=comercio+justo"
    return paths


def counted_get(client, path):
    """``client.get(path)`` and the number of SQL queries it ran."""
    from django.db import connection

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    return response, len(executed)


def count_queries(paths):
    """Queries of a warm render (fragment caches filled), page cache off."""
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for key, path in paths.items():
        client.get(path)
        client.get(path)
        response, queries = counted_get(client, path)
        result[key] = (queries, response.status_code, len(response.content))
    return result


def news_scaling(paths):
    """The news index's queries and render time at 10, 100 and 1,000 items."""
    from django.conf import settings
    from django.test import Client

    from core.cache import bump_cache_version
    from core.models import Topic
    from demo.tree import add_news
    from news.models import NewsIndexPage, NewsPage

    settings.PAGE_CACHE_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    index = NewsIndexPage.objects.live().filter(locale__language_code="es").first()
    images = [
        p.hero_image for p in NewsPage.objects.filter(hero_image__isnull=False)[:4]
    ]
    topics = list(Topic.objects.filter(locale=index.locale)[:2])
    rows = []
    for target in (10, 100, 1000):
        have = NewsPage.objects.child_of(index).count()
        if have < target:
            add_news(
                index, target - have, images=images, topics=topics, start=10_000 + have
            )
        count = NewsPage.objects.child_of(index).live().count()
        bump_cache_version()
        path = index.url
        client.get(path)
        client.get(path)
        _response, queries = counted_get(client, path)
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        cold = []
        for _ in range(5):
            bump_cache_version()  # every fragment cache of the page misses
            started = time.perf_counter()
            client.get(path)
            cold.append((time.perf_counter() - started) * 1000)
        bump_cache_version()
        _response, cold_queries = counted_get(client, path)
        rows.append(
            (
                count,
                queries,
                cold_queries,
                statistics.median(timings),
                statistics.median(cold),
            )
        )
    return rows


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return (
        [int(pid) for pid in children.read_text().split()] if children.exists() else []
    )


def cpu_seconds(pids):
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def drain(master_pid, limit=120):
    """Wait until the workers are idle (requests a client gave up on still run)."""
    pids = worker_pids(master_pid)
    previous = cpu_seconds(pids)
    deadline = time.time() + limit
    while time.time() < deadline:
        time.sleep(0.5)
        current = cpu_seconds(pids)
        if current - previous < 0.02:
            return
        previous = current


def fetch(url, timeout=600):
    import urllib.request

    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def wrk(url, connections, master_pid):
    threads = min(connections, 2)
    drain(master_pid)
    pids = worker_pids(master_pid)
    before = cpu_seconds(pids)
    out = subprocess.run(
        [
            WRK,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{SECONDS}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    ).stdout
    after = cpu_seconds(pids)
    line = next(row for row in out.splitlines() if row.startswith("JSON "))
    data = json.loads(line[5:])
    requests = max(data["requests"], 1)
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "cpu_ms": (after - before) * 1000 / requests,
        "errors": data["errors"] + data["non2xx"],
        "requests": data["requests"],
    }


def serve_and_measure(env, paths, sizes, page_cache):
    port = free_port()
    run_env = {**env, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "clac_cms.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--config",
            "/dev/null",
        ],
        cwd=ROOT,
        env=run_env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        # Warm every worker (fragment caches, renditions, the page cache when on):
        # sequential requests, so none is left running when measuring starts.
        for _round in range(3 * WORKERS):
            for path in paths.values():
                fetch(base + path)
        drain(server.pid)
        results = {}
        bare_size = int(statistics.mean(sizes.values()))
        bare_url = f"{base}/bench/bare/?bytes={bare_size}"
        for connections in CONCURRENCY:
            # The bare view is measured before and after every page row, and each
            # page is compared with the mean of its two neighbours: on a shared
            # machine the load drifts within a run, so a single baseline row
            # measured minutes earlier would mislead.
            bares = [wrk(bare_url, connections, server.pid)]
            for label, key in PAGES:
                row = wrk(base + paths[key], connections, server.pid)
                bares.append(wrk(bare_url, connections, server.pid))
                row["bare"] = mean_row(bares[-2:])
                results[(key, connections)] = row
                log(
                    f"  {'warm' if page_cache else 'uncached'} c={connections} {label}: "
                    f"{row['rps']:.0f} req/s, bare beside it {row['bare']['rps']:.0f} req/s"
                )
            results[("bare", connections)] = mean_row(bares)
            results[("bare", connections)]["spread"] = (
                min(b["rps"] for b in bares),
                max(b["rps"] for b in bares),
            )
        return results, bare_size
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def mean_row(rows):
    keys = ("rps", "p50", "p95", "cpu_ms")
    merged = {key: statistics.mean(row[key] for row in rows) for key in keys}
    merged["errors"] = sum(row["errors"] for row in rows)
    merged["requests"] = sum(row["requests"] for row in rows)
    return merged


def table(results, mode):
    lines = [
        f"| page ({mode}) | c | req/s | ratio to bare | p50 ms | p95 ms | CPU ms/req | CPU ratio (bare/page) | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for connections in CONCURRENCY:
        rows = [("bare Django view (mean of all its rows)", "bare")] + PAGES
        for label, key in rows:
            row = results[(key, connections)]
            bare = row.get("bare", row)
            ratio = row["rps"] / bare["rps"] if bare["rps"] else 0
            cpu_ratio = bare["cpu_ms"] / row["cpu_ms"] if row["cpu_ms"] else 0
            lines.append(
                f"| {label} | {connections} | {row['rps']:.0f} | {ratio:.2f} | "
                f"{row['p50']:.1f} | {row['p95']:.1f} | {row['cpu_ms']:.2f} | {cpu_ratio:.2f} | "
                f"{row['errors']} |"
            )
    return lines


CONTENT_PAGES = ("home", "strategy", "objective", "campaign", "news")
LISTING_PAGES = ("news_index", "search")
PAGE_CACHED = ("home", "strategy", "objective", "campaign", "news_index", "news")


def targets(queries, uncached, warm, scaling):
    """Issue 8's targets, each with this run's figure and PASS/FAIL."""

    def ratio(results, key):
        row = results[(key, 1)]
        return row["rps"] / row["bare"]["rps"]

    checks = []
    for key in CONTENT_PAGES:
        checks.append((f"uncached c=1 {key} ≥ 0.10", ratio(uncached, key), 0.10))
    for key in LISTING_PAGES:
        checks.append((f"uncached c=1 {key} ≥ 0.05", ratio(uncached, key), 0.05))
    for key in PAGE_CACHED:
        checks.append((f"warm c=1 {key} ≥ 0.5", ratio(warm, key), 0.5))
    lines = []
    for label, value, minimum in checks:
        verdict = "PASS" if value >= minimum else "FAIL"
        lines.append(f"- {verdict}: {label}: {value:.2f}")
    most = max(count for count, _status, _size in queries.values())
    lines.append(
        f"- {'PASS' if most <= 12 else 'FAIL'}: queries ≤ 12 per page: most {most}"
    )
    first, last = scaling[0], scaling[-1]
    for index, label in ((1, "warm"), (2, "cold")):
        same = first[index] == last[index]
        lines.append(
            f"- {'PASS' if same else 'FAIL'}: news index queries ({label}) at "
            f"{first[0]} and {last[0]} items equal: {first[index]} and {last[index]}"
        )
    return lines


def main():
    if not Path(WRK).exists():
        sys.exit("wrk is missing: apt-get install wrk")
    started = time.time()
    load_before = loadavg()
    workdir = Path(tempfile.mkdtemp(prefix="clac-bench-"))
    database = (
        "PostgreSQL (DATABASE_URL)"
        if os.environ.get("DATABASE_URL")
        else "SQLite (WAL)"
    )
    env = base_env(workdir)
    log(f"Preparing {env['DATABASE_URL'].split('@')[-1]} in {workdir} …")
    source = prepare(env)
    django_setup(env)
    paths = find_paths()
    queries = count_queries(paths)
    sizes = {key: queries[key][2] for key in paths}
    log(f"Queries per page: { {k: v[0] for k, v in queries.items()} }")
    uncached, bare_size = serve_and_measure(env, paths, sizes, page_cache=False)
    warm, _ = serve_and_measure(env, paths, sizes, page_cache=True)
    scaling = news_scaling(paths)
    load_after = loadavg()
    elapsed = time.time() - started

    lines = [
        "# Performance",
        "",
        "Generated by `make bench` (`bench/run.py`); do not edit by hand. Targets, from",
        "issue 8: uncached content pages ≥ 0.10 of a bare Django view's throughput at",
        "c=1, news index and search ≥ 0.05, page cache warm ≥ 0.5, at most 12 queries a",
        "page, and the news index at 1,000 items with the same queries as at 10.",
        "",
        "## How it was measured",
        "",
        f"- Command: `make bench` (= `.venv/bin/python bench/run.py`, BENCH_SECONDS={SECONDS}).",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.",
        f"- Load average before: {' '.join(load_before)}; after: {' '.join(load_after)} "
        "(other work on the machine shares the CPUs: compare ratios, not absolute numbers).",
        f"- Database: {database}; "
        f"content: {source}; cache: {'Redis' if os.environ.get('REDIS_URL') else 'local memory, per worker'}.",
        f"- Server: gunicorn, {WORKERS} sync workers, `clac_cms.settings.production` "
        "(dummy SECRET_KEY, SECURE_SSL_REDIRECT off, ALLOWED_HOSTS 127.0.0.1), on 127.0.0.1.",
        f"- Load: wrk, {SECONDS} s per row, at concurrency 1 (1 thread) and 16 (2 threads). "
        "p50/p95 from wrk's latency histogram. CPU per request: the gunicorn workers' "
        "utime+stime from /proc before and after each row, divided by the requests.",
        f"- Baseline: `/bench/bare/` (`BENCH_BARE_VIEW`), a plain Django view returning "
        f"{bare_size} bytes (the mean page size), through the same middleware on the same "
        "gunicorn, measured in the same run before and after every page row. Each page "
        "is compared with the mean of the two bare rows beside it: ratios are page ÷ bare "
        "for req/s and bare ÷ page for CPU.",
        "- Uncached: `PAGE_CACHE_ENABLED=false`; fragment caches that stay on when "
        "the page cache is off: " + "; ".join(FRAGMENT_CACHES) + ".",
        "- Warm: the page cache on and filled (`X-Cache: HIT`). Search and the contact "
        "form are never page-cached, so their warm rows are uncached too.",
        "",
        "## Queries per page (warm fragment caches, page cache off)",
        "",
        "| page | path | queries | status | bytes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, key in PAGES:
        count, status, size = queries[key]
        lines.append(f"| {label} | `{paths[key]}` | {count} | {status} | {size} |")
    lines += ["", "## Throughput, latency, CPU: page cache off (uncached)", ""]
    lines += table(uncached, "uncached")
    lines += ["", "## Throughput, latency, CPU: page cache warm", ""]
    lines += table(warm, "warm")
    lines += [
        "",
        "## News index at 10, 100 and 1,000 items",
        "",
        "In-process (Django test client, production settings), first page of the listing.",
        "Warm: fragment caches filled; cold: the cache version bumped before each render.",
        "The cold render is the first one after any publish (every menu, setting, route and",
        "listing fragment is rebuilt): more queries than the warm budget of 12, but as many",
        "at 1,000 items as at 10.",
        "",
        "| news items | queries (warm) | queries (cold) | median render ms (warm) "
        "| median render ms (cold) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for count, nqueries, cold_queries, warm_ms, cold_ms in scaling:
        lines.append(
            f"| {count} | {nqueries} | {cold_queries} | {warm_ms:.1f} | {cold_ms:.1f} |"
        )
    lines += ["", "## Targets (this run)", ""]
    lines += targets(queries, uncached, warm, scaling)
    for mode, results in (("uncached", uncached), ("warm", warm)):
        for connections in CONCURRENCY:
            low, high = results[("bare", connections)]["spread"]
            lines.append(
                f"- Bare view spread, {mode} c={connections}: {low:.0f}–{high:.0f} req/s "
                f"over {len(PAGES) + 1} rows."
            )
    lines += ["", f"Total bench time: {elapsed:.0f} s.", ""]
    text = "\n".join(lines)
    (ROOT / "docs" / "performance.md").write_text(text)
    print(text)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
