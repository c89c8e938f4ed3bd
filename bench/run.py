"""`make bench`: serve the site with gunicorn and production settings, measure with wrk.

Steps: a fresh database (SQLite in a temporary folder, or ``DATABASE_URL``), the
demo content (``manage.py load_demo_content`` with the development settings, as
``make run`` loads it), collectstatic; then, for each cache
configuration (local memory per worker; Redis when ``REDIS_URL`` is set or
``BENCH_REDIS_URL`` names one) and for the page cache off ("uncached", the
fragment caches still on) and on ("warm"), one gunicorn (4 sync workers,
production settings, the repository's gunicorn.conf.py) serving the pages and two
references of the same size: a bare Django view with *no middleware*
(``/bench/raw/``, bench/wsgi.py; the targets are ratios to it) and the same view
through the site's middleware (``/bench/bare/``). wrk at concurrency 1 for
``BENCH_SECONDS`` (5 s) per row, 127.0.0.1 only, each page between two
no-middleware rows. Server CPU per request: the workers' utime+stime in /proc.
Then the home page at c=16, steady and while a publish bumps the cache version
every 2 s (the stampede row, shared cache only), queries per page, and the news
index's queries and time at 10, 100 and 1,000 items. Results: stdout and
docs/performance.md (its hand-written notes section is kept).
"""

import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import stack
from scripts.stack import django_setup, loadavg, log, prepare

ROOT = stack.ROOT
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
CONCURRENCY = (1, 16)
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = ROOT / "bench" / "report.lua"
STAMPEDE_SECONDS = int(os.environ.get("BENCH_STAMPEDE_SECONDS", "12"))
PUBLISH_EVERY = 2.0
# Rows besides the page types (discovered from the models, see find_paths()).
EXTRA_ROWS = [("search", "search"), ("404 page", "not_found")]
FRAGMENT_CACHES = [
    "main menu and footer, per-page context (related items, listings), language "
    "alternates and breadcrumbs, `<picture>` markup and site settings, all through "
    "`core.cache.fragment` per (name, language, cache version, parts)",
    "page routing per (host, port, language, path, cache version) (core/routing.py)",
    "image renditions (Wagtail's rendition cache)",
    "Locale objects per process",
]
NOTES_START = "<!-- notes:start -->"
NOTES_END = "<!-- notes:end -->"


def base_env(workdir):
    env = stack.production_env(workdir)
    env["BENCH_BARE_VIEW"] = "true"
    return env


def page_types():
    """Every concrete page model of the project's apps (new types join the bench)."""
    from django.apps import apps

    from wagtail.models import Page

    project = {"core", "home", "campaigns", "news", "inquiries", "search"}
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and not model._meta.abstract
        and model._meta.app_label in project
    ]


def find_paths():
    """One page of each type, in Spanish (the source language), plus search and 404.

    Returns ``(rows, paths)``: rows are ``(label, key)`` in table order.
    """
    from django.utils import translation

    from wagtail.models import Locale

    es = Locale.objects.get(language_code="es")
    rows, paths = [], {}
    for model in page_types():
        page = model.objects.live().filter(locale=es).order_by("path").first()
        if page is None:
            continue
        key = model._meta.model_name
        with translation.override("en"):
            rows.append((str(model._meta.verbose_name), key))
        paths[key] = page.url
    paths["search"] = "/es/search/?q=comercio+justo"
    paths["not_found"] = "/es/no-existe-esta-pagina/"
    rows += EXTRA_ROWS
    return rows, paths


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


def news_scaling():
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
    pids = stack.children(master_pid)
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


def wrk(url, connections, master_pid, seconds=SECONDS):
    threads = min(connections, 2)
    drain(master_pid)
    pids = stack.children(master_pid)
    before = cpu_seconds(pids)
    out = subprocess.run(
        [
            WRK,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    after = cpu_seconds(pids)
    line = next(row for row in out.splitlines() if row.startswith("JSON "))
    data = json.loads(line[5:])
    requests = max(data["requests"], 1)
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "p99": data["p99"] / 1000,
        "cpu_ms": (after - before) * 1000 / requests,
        "errors": data["errors"],
        "non2xx": data["non2xx"],
        "requests": data["requests"],
    }


class Server(stack.Gunicorn):
    """gunicorn with production settings serving the site and the references."""

    def __init__(self, env, page_cache):
        super().__init__(
            env,
            workers=WORKERS,
            app="bench.wsgi:application",
            extra_env={
                "PAGE_CACHE_ENABLED": "true" if page_cache else "false",
                "GUNICORN_MAX_REQUESTS": "0",  # no recycling in the middle of a row
            },
        )

    def warm(self, paths):
        # Every worker: fragment caches, renditions, the page cache when on.
        # Sequential requests, so none is left running when measuring starts.
        for _round in range(3 * WORKERS):
            for path in paths:
                with contextlib.suppress(urllib.error.HTTPError):  # the 404 row
                    fetch(self.base + path)
        drain(self.pid)


def measure_pages(env, rows, paths, size, page_cache, label):
    """Every row at c=1, each between two no-middleware reference rows."""
    server = Server(env, page_cache)
    try:
        server.warm([*paths.values(), f"/bench/raw/?bytes={size}"])
        raw_url = f"{server.base}/bench/raw/?bytes={size}"
        bare_url = f"{server.base}/bench/bare/?bytes={size}"
        results = {"bare": wrk(bare_url, 1, server.pid)}
        raws = [wrk(raw_url, 1, server.pid)]
        for row_label, key in rows:
            row = wrk(server.base + paths[key], 1, server.pid)
            raws.append(wrk(raw_url, 1, server.pid))
            row["raw"] = mean_row(raws[-2:])
            results[key] = row
            log(
                f"  {label} {'warm' if page_cache else 'uncached'} {row_label}: "
                f"{row['rps']:.0f} req/s, no-middleware beside it "
                f"{row['raw']['rps']:.0f} req/s"
            )
        after = wrk(bare_url, 1, server.pid)
        results["bare"] = mean_row([results["bare"], after])
        results["raw"] = mean_row(raws)
        results["raw"]["spread"] = (
            min(r["rps"] for r in raws),
            max(r["rps"] for r in raws),
        )
        return results
    finally:
        server.stop()


def publisher(stop, home_id, counts):
    """Publish the home page every PUBLISH_EVERY seconds (bumps the cache version)."""
    from django.db import close_old_connections

    from wagtail.models import Page

    while not stop.wait(PUBLISH_EVERY):
        close_old_connections()
        page = Page.objects.get(pk=home_id).specific
        page.save_revision().publish()
        counts["publishes"] += 1


def stampede(env, paths, home_key):
    """The home page at c=16, page cache on: steady, then while publishes run."""
    from django.conf import settings

    from home.models import HomePage

    # The publishing thread writes with the bench's own settings: the page cache
    # version lives in the shared cache the workers read.
    settings.PAGE_CACHE_ENABLED = True
    server = Server(env, page_cache=True)
    try:
        server.warm([paths[home_key]])
        url = server.base + paths[home_key]
        steady = wrk(url, 16, server.pid, seconds=STAMPEDE_SECONDS)
        home = HomePage.objects.get(locale__language_code="es")
        stop, counts = threading.Event(), {"publishes": 0}
        thread = threading.Thread(
            target=publisher, args=(stop, home.pk, counts), daemon=True
        )
        thread.start()
        try:
            busy = wrk(url, 16, server.pid, seconds=STAMPEDE_SECONDS)
        finally:
            stop.set()
            thread.join(timeout=30)
        busy["publishes"] = counts["publishes"]
        return steady, busy
    finally:
        server.stop()


def mean_row(rows):
    keys = ("rps", "p50", "p95", "p99", "cpu_ms")
    merged = {key: statistics.mean(row[key] for row in rows) for key in keys}
    merged["errors"] = sum(row["errors"] for row in rows)
    merged["non2xx"] = sum(row["non2xx"] for row in rows)
    merged["requests"] = sum(row["requests"] for row in rows)
    return merged


def ratio(row):
    """Throughput of a row over the no-middleware reference beside it."""
    return row["rps"] / row["raw"]["rps"] if row["raw"]["rps"] else 0


def table(results, rows, mode):
    lines = [
        f"| {mode} | req/s | ratio to no-middleware | p50 ms | p95 ms | CPU ms/req | errors |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    raw = results["raw"]
    bare = results["bare"]
    lines.append(
        f"| bare view, no middleware (mean of its rows) | {raw['rps']:.0f} | 1.00 | "
        f"{raw['p50']:.2f} | {raw['p95']:.2f} | {raw['cpu_ms']:.2f} | "
        f"{raw['errors'] + raw['non2xx']} |"
    )
    lines.append(
        f"| bare view through the site's middleware | {bare['rps']:.0f} | "
        f"{bare['rps'] / raw['rps']:.3f} | {bare['p50']:.2f} | {bare['p95']:.2f} | "
        f"{bare['cpu_ms']:.2f} | {bare['errors'] + bare['non2xx']} |"
    )
    for label, key in rows:
        row = results[key]
        # Errors: socket errors and unexpected statuses (the 404 row expects 404s).
        errors = row["errors"] + (0 if key == "not_found" else row["non2xx"])
        lines.append(
            f"| {label} | {row['rps']:.0f} | {ratio(row):.3f} | {row['p50']:.1f} | "
            f"{row['p95']:.1f} | {row['cpu_ms']:.2f} | {errors} |"
        )
    return lines


PAGE_CACHED_EXCLUDED = {"search", "not_found", "contactpage", "campaignsignuppage"}


def targets(configs, rows, queries, scaling):
    """Issue 13's targets, each with this run's figure and PASS/FAIL."""
    lines = []
    for config, (uncached, warm) in configs.items():
        for label, key in rows:
            minimum = 0.2 if key == "not_found" else 0.075
            value = ratio(uncached[key])
            verdict = "PASS" if value >= minimum else "FAIL"
            lines.append(
                f"- {verdict}: {config}, uncached, {label} ≥ {minimum}: {value:.3f}"
            )
        for label, key in rows:
            if key in PAGE_CACHED_EXCLUDED:
                continue
            value = ratio(warm[key])
            verdict = "PASS" if value >= 0.5 else "FAIL"
            lines.append(
                f"- {verdict}: {config}, page-cache hit, {label} ≥ 0.5: {value:.3f}"
            )
    types = {key for _label, key in rows} - {"search", "not_found"}
    most = max(queries[key][0] for key in types)
    lines.append(
        f"- {'PASS' if most <= 6 else 'FAIL'}: warm queries ≤ 6 per page type: most "
        f"{most} (search: {queries['search'][0]}, 404: {queries['not_found'][0]})"
    )
    first, last = scaling[0], scaling[-1]
    for index, label in ((1, "warm"), (2, "cold")):
        same = first[index] == last[index]
        lines.append(
            f"- {'PASS' if same else 'FAIL'}: news index queries ({label}) at "
            f"{first[0]} and {last[0]} items equal: {first[index]} and {last[index]}"
        )
    return lines


def kept_notes():
    path = ROOT / "docs" / "performance.md"
    text = path.read_text() if path.exists() else ""
    if NOTES_START in text and NOTES_END in text:
        return text[text.index(NOTES_START) : text.index(NOTES_END) + len(NOTES_END)]
    return f"{NOTES_START}\n## Notes\n\n(none yet)\n{NOTES_END}"


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
    env.pop("REDIS_URL", None)
    redis_url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
    log(f"Preparing {env['DATABASE_URL'].split('@')[-1]} in {workdir} …")
    source = prepare(env)
    cache_configs = {"local memory": env}
    if redis_url:
        cache_configs["Redis"] = {**env, "REDIS_URL": redis_url}
    # The bench process itself reads and publishes with the shared cache when
    # there is one (the stampede row), else local memory.
    django_setup(cache_configs.get("Redis", env))
    rows, paths = find_paths()
    queries = count_queries(paths)
    size = int(statistics.mean(queries[key][2] for key in paths))
    log(f"Queries per page (warm): { {k: v[0] for k, v in queries.items()} }")
    configs = {}
    for config, config_env in cache_configs.items():
        uncached = measure_pages(config_env, rows, paths, size, False, config)
        warm = measure_pages(config_env, rows, paths, size, True, config)
        configs[config] = (uncached, warm)
    stampede_rows = None
    if "Redis" in cache_configs:
        stampede_rows = stampede(cache_configs["Redis"], paths, "homepage")
    scaling = news_scaling()
    load_after = loadavg()
    elapsed = time.time() - started

    lines = [
        "# Performance",
        "",
        "Generated by `make bench` (`bench/run.py`), except the notes section at the end,",
        "which the bench keeps. Targets (issue 13), as ratios of throughput at c=1 to a",
        "bare Django view with no middleware serving the same bytes in the same gunicorn:",
        "every page type ≥ 0.075 with the page cache off, the 404 page ≥ 0.2, page-cache",
        "hits ≥ 0.5, in both cache configurations; warm renders ≤ 6 queries; the news",
        "index at 1,000 items with the same queries as at 10.",
        "",
        "## How it was measured",
        "",
        f"- Command: `make bench` (= `.venv/bin/python bench/run.py`, BENCH_SECONDS={SECONDS}).",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.",
        f"- Load average before: {' '.join(load_before)}; after: {' '.join(load_after)} "
        "(other work on the machine shares the CPUs: compare ratios, not absolute numbers).",
        f"- Database: {database}; content: {source}; cache configurations: "
        f"{', '.join(cache_configs)}.",
        f"- Server: gunicorn, {WORKERS} sync workers, the repository's gunicorn.conf.py, "
        "`clac_cms.settings.production` (dummy SECRET_KEY, SECURE_SSL_REDIRECT off, "
        "ALLOWED_HOSTS 127.0.0.1), application `bench.wsgi` (the site plus the two "
        "reference views), on 127.0.0.1.",
        f"- Load: wrk, {SECONDS} s per row at concurrency 1 (1 thread); the stampede rows "
        f"{STAMPEDE_SECONDS} s at c=16 (2 threads). p50/p95/p99 from wrk's histogram. "
        "CPU per request: the workers' utime+stime from /proc around each row.",
        f"- References: `/bench/raw/`, a plain Django view returning {size} bytes (the "
        "mean page size) through a handler with **no middleware** (bench/wsgi.py), "
        "measured before and after every page row (each page is compared with the mean "
        "of the two beside it); `/bench/bare/`, the same view through the site's "
        "middleware, measured at the start and the end of each table.",
        "- Uncached: `PAGE_CACHE_ENABLED=false`; fragment caches that stay on: "
        + "; ".join(FRAGMENT_CACHES)
        + ".",
        "- Page-cache hit: the page cache on and filled (`X-Cache: HIT`). Search, the "
        "404 page and the form pages are never page-cached: their rows there are uncached.",
        "",
        "## Queries per page (warm fragment caches, page cache off)",
        "",
        "| page | path | queries | status | bytes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, key in rows:
        count, status, nbytes = queries[key]
        lines.append(f"| {label} | `{paths[key]}` | {count} | {status} | {nbytes} |")
    for config, (uncached, warm) in configs.items():
        lines += ["", f"## {config}: page cache off (uncached), c=1", ""]
        lines += table(uncached, rows, "page (uncached)")
        lines += ["", f"## {config}: page-cache hits, c=1", ""]
        lines += table(warm, rows, "page (page-cache hit)")
    lines += [
        "",
        "## Stampede: the home page at c=16 while a publish bumps the version",
        "",
    ]
    if stampede_rows:
        steady, busy = stampede_rows
        lines += [
            f"Redis cache, page cache on, {STAMPEDE_SECONDS} s each; the busy row "
            f"published the Spanish home {busy['publishes']} times (every {PUBLISH_EVERY:.0f} s).",
            "",
            "| row | req/s | p50 ms | p99 ms | errors |",
            "| --- | --- | --- | --- | --- |",
            f"| steady | {steady['rps']:.0f} | {steady['p50']:.1f} | {steady['p99']:.1f} | {steady['errors']} |",
            f"| publish every 2 s | {busy['rps']:.0f} | {busy['p50']:.1f} | {busy['p99']:.1f} | {busy['errors']} |",
        ]
    else:
        lines.append(
            "Not run: it needs a cache shared by the workers and the publisher "
            "(set BENCH_REDIS_URL or REDIS_URL)."
        )
    lines += [
        "",
        "## News index at 10, 100 and 1,000 items",
        "",
        "In-process (Django test client, production settings), first page of the listing.",
        "Warm: fragment caches filled; cold: the cache version bumped before each render.",
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
    lines += targets(configs, rows, queries, scaling)
    for config, (uncached, warm) in configs.items():
        for mode, results in (("uncached", uncached), ("page-cache hit", warm)):
            low, high = results["raw"]["spread"]
            lines.append(
                f"- No-middleware reference spread, {config}, {mode}: {low:.0f}–{high:.0f} "
                f"req/s over {len(rows) + 1} rows."
            )
    lines += ["", f"Total bench time: {elapsed:.0f} s.", "", kept_notes(), ""]
    text = "\n".join(lines)
    (ROOT / "docs" / "performance.md").write_text(text)
    print(text)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
