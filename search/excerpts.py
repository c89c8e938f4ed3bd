"""A snippet of matching text for each search result, in one query per results page.

The text comes from the search index (what the page says, as indexed). On
PostgreSQL, ``ts_headline`` with the reader's language marks the matching words
(stemmed and accent-insensitive, as the search matched them); elsewhere a window
of text around the first word of the query that appears, accents ignored.
Either way the result is HTML-escaped and only our ``<mark>`` tags are added.
"""

import re
import unicodedata

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from modelsearch.conf import get_app_config

from .backend import config_for_language

START, STOP = "\ue000", "\ue001"  # private-use characters: never in real text
EXCERPT_WORDS = 30
EXCERPT_CHARS = 240


def _as_html(text):
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above, only <mark> added


def _fold(text):
    """Lower case without accents, keeping the length of the text."""
    folded = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        folded.append(base[0].lower())
    return "".join(folded)


def plain_excerpt(text, query, length=EXCERPT_CHARS):
    """Text around the first query word found (accent-insensitive), with marks."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    folded = _fold(text)
    terms = [_fold(term) for term in re.split(r"[\s\-]+", query) if len(term) > 1]
    positions = []
    for term in terms:
        for match in re.finditer(re.escape(term), folded):
            positions.append((match.start(), match.end()))
    if not positions:
        excerpt = text[:length]
        return _as_html(excerpt + ("…" if len(text) > length else ""))
    first = min(start for start, _end in positions)
    begin = max(0, first - length // 3)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space != -1 else begin
    end = min(len(text), begin + length)
    marked = []
    cursor = begin
    for start, stop in sorted(positions):
        if start < cursor or stop > end:
            continue
        marked.append(text[cursor:start])
        marked.append(START + text[start:stop] + STOP)
        cursor = stop
    marked.append(text[cursor:end])
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    return _as_html(prefix + "".join(marked) + suffix)


def _index_entries(pages):
    IndexEntry = get_app_config().get_model("IndexEntry")
    content_types = {page.content_type_id for page in pages}
    return IndexEntry.objects.filter(
        object_id__in=[str(page.pk) for page in pages],
        content_type_id__in=content_types,
    )


def excerpts_for(pages, query, locale):
    """``{page pk: safe HTML excerpt}`` for the given result pages."""
    if not pages or not query:
        return {}
    entries = _index_entries(pages)
    result = {}
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        config = config_for_language(locale.language_code)
        rows = entries.annotate(
            excerpt=SearchHeadline(
                "body_text",
                SearchQuery(query, config=config, search_type="plain"),
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=EXCERPT_WORDS,
                min_words=12,
                short_word=2,
                highlight_all=False,
            )
        ).values_list("object_id", "excerpt", "body_text")
        for object_id, excerpt, body in rows:
            if not body:
                continue
            text = excerpt or body[:EXCERPT_CHARS]
            result.setdefault(int(object_id), _as_html(_trim(text, body)))
    else:
        for object_id, body in entries.values_list("object_id", "body"):
            if body:
                result.setdefault(int(object_id), plain_excerpt(body, query))
    return result


def _trim(excerpt, body):
    """ts_headline's fragment with an ellipsis where the text goes on."""
    plain = excerpt.replace(START, "").replace(STOP, "")
    prefix = "" if body.startswith(plain[:20]) else "…"
    suffix = "" if body.rstrip().endswith(plain.rstrip()[-20:]) else "…"
    return prefix + excerpt + suffix
