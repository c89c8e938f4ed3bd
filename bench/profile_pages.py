"""Profile uncached renders in-process: ``python bench/profile_pages.py WORKDIR [page …]``.

WORKDIR holds a database prepared like ``make bench`` does (``bench.sqlite3``,
``media/``; e.g. left by ``BENCH_KEEP=1``). Production settings, the page cache
off, the fragment caches warm (two renders first), then the wall and CPU
time of ``--repeat`` renders and a cProfile of one render sorted by cumulative time.
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workdir", type=Path)
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    run.django_setup(run.base_env(args.workdir))

    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_ENABLED = False
    paths = {**run.find_paths(), "bare": "/bench/bare/?bytes=11000"}
    client = Client(HTTP_HOST="127.0.0.1")
    for key in args.pages or list(paths):
        path = paths[key]
        client.get(path)
        response, queries = run.counted_get(client, path)
        timings, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        print(
            f"{key:10} {response.status_code} {queries:2} queries, wall median "
            f"{statistics.median(timings):6.1f} ms min {min(timings):6.1f} ms; CPU "
            f"median {statistics.median(cpu):6.1f} ms min {min(cpu):6.1f} ms"
        )
        if args.top:
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
