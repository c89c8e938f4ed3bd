"""The benchmark's baseline: a bare Django view (``BENCH_BARE_VIEW`` only)."""

from django.http import HttpResponse

MAX_BYTES = 1_000_000


def bare(request):
    """``?bytes=N`` bytes of HTML and nothing else: no template, no query."""
    try:
        size = min(max(int(request.GET.get("bytes", "8000")), 0), MAX_BYTES)
    except ValueError:
        size = 8000
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")
