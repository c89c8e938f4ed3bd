"""Wagtail's database search backend with one text-search configuration per language.

On PostgreSQL, Wagtail's backend (``modelsearch``) stems every object with one
configuration. Here each object is indexed with its own language's
configuration (``clac_es``, ``clac_en``, ``clac_pt``, ``clac_fr``: the Snowball
stemmer of that language after ``unaccent``, created by this app's migration),
and a query is parsed with the reader's. So "campañas" and "campanas" both find
a Spanish page that says "campaña", and "universidades" finds a Portuguese page
that says "universidade".

Objects without a language (images, documents…) use ``clac_simple`` (no
stemming, accents ignored). A search without a language (the admin's) matches
a query parsed by any of the configurations.

On SQLite and other databases, Wagtail's own backend is used unchanged.

Use ``get_search_backend(LANGUAGE="pt-br")`` to search in one language.

One Spanish gap is closed at query time: Snowball strips "-aciones" from
"organizaciones" (``organiz``) but only knows the singular with its accent
("organización"), which ``unaccent`` has already removed (``organizacion``). A
Spanish query word ending in -ción/-cion/-ciones is therefore searched as both
its singular and its plural (``spanish_variants``), so "organizacion",
"organización" and "organizaciones" all find pages with either form.
"""

import copy
import functools
import re
from functools import reduce

from django.db import connection

from wagtail.models import Locale, TranslatableMixin

SIMPLE_CONFIG = "clac_simple"
# Language code -> (our configuration, the PostgreSQL built-in it copies).
LANGUAGE_CONFIGS = {
    "es": ("clac_es", "spanish"),
    "en": ("clac_en", "english"),
    "pt-br": ("clac_pt", "portuguese"),
    "fr": ("clac_fr", "french"),
}


def config_for_language(language_code):
    """The text-search configuration for a language code (``pt-BR`` → ``clac_pt``)."""
    code = (language_code or "").lower()
    if code in LANGUAGE_CONFIGS:
        return LANGUAGE_CONFIGS[code][0]
    base = code.split("-")[0]
    for known, (config, _builtin) in LANGUAGE_CONFIGS.items():
        if known.split("-")[0] == base:
            return config
    return SIMPLE_CONFIG


def all_configs():
    return [config for config, _builtin in LANGUAGE_CONFIGS.values()]


SPANISH_CION = re.compile(r"^(?P<stem>.+ci)(?:ón|on|ÓN|ON|ones|ONES)$", re.IGNORECASE)


def spanish_variants(term):
    """``organizacion`` -> ``["organizacion", "organizaciones"]``; other words alone."""
    match = SPANISH_CION.match(term)
    if not match:
        return [term]
    stem = match["stem"]
    return [f"{stem}on", f"{stem}ones"]


def plain_query(query):
    """A reader's words as plain text, with nothing a backend parses as syntax.

    SQLite's FTS5 backend quotes each word as ``"word"`` without escaping a double
    quote inside it, so ``"`` (any odd number) was a syntax error and a 500. A quote
    means nothing in a plain-text search: it becomes a space.
    """
    if not isinstance(query, str):
        return query
    return " ".join(query.replace('"', " ").split())


class PlainQueryMixin:
    """``search``/``autocomplete`` with the query made plain text (``plain_query``)."""

    def search(self, query, *args, **kwargs):
        return super().search(plain_query(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(plain_query(query), *args, **kwargs)


@functools.cache
def _plain(backend_class):
    return type(f"Plain{backend_class.__name__}", (PlainQueryMixin, backend_class), {})


def SearchBackend(params):
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as DefaultSearchBackend

    params = {key: value for key, value in params.items() if key != "LANGUAGE"}
    backend = DefaultSearchBackend(params)
    plain = _plain(type(backend))
    return plain(params)


try:
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )
    from modelsearch.query import PlainText
except ImportError:  # pragma: no cover - psycopg missing on a SQLite-only install
    PostgresSearchBackend = None


if PostgresSearchBackend is not None:

    class MultilingualPostgresIndex(PostgresIndex):
        """Indexes each object with the configuration of its own language."""

        def _config_for_objects(self, objs):
            locale_codes = dict(Locale.objects.values_list("pk", "language_code"))
            for obj in objs:
                locale_id = getattr(obj, "locale_id", None)
                if locale_id is None:
                    yield SIMPLE_CONFIG, obj
                else:
                    yield config_for_language(locale_codes.get(locale_id)), obj

        def add_items(self, model, objs):
            groups = {}
            for config, obj in self._config_for_objects(objs):
                groups.setdefault(config, []).append(obj)
            backend = self.backend
            try:
                for config, group in groups.items():
                    self.backend = copy.copy(backend)
                    self.backend.config = config
                    super().add_items(model, group)
            finally:
                self.backend = backend

    class MultilingualQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            if not issubclass(self.queryset.model, TranslatableMixin):
                return SIMPLE_CONFIG
            if backend.language:
                return config_for_language(backend.language)
            return tuple(all_configs())

        def build_tsquery(self, query, config=None):
            if isinstance(config, tuple):
                # No language given: match the query as parsed by any language.
                queries = [
                    self.build_tsquery_content(query, config=one) for one in config
                ]
                queries = [q for q in queries if q is not None]
                return reduce(lambda a, b: a | b, queries) if queries else None
            return self.build_tsquery_content(query, config=config)

        def build_tsquery_content(self, query, config=None, invert=False):
            if config == LANGUAGE_CONFIGS["es"][0] and isinstance(query, PlainText):
                # Split as the base class splits a plain-text query.
                terms = [t for t in re.split(r"[\s\-]+", query.query_string) if t]
                if any(len(spanish_variants(term)) > 1 for term in terms):
                    return self._spanish_plaintext(query, terms, config, invert)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def _spanish_plaintext(self, query, terms, config, invert):
            """As the base class builds a plain-text query, with each -ción word as
            (singular | plural)."""
            from django.contrib.postgres.search import SearchQuery

            from modelsearch.backends.database.postgres.query import Lexeme

            combined = None
            for index, term in enumerate(terms):
                prefix = self.LAST_TERM_IS_PREFIX and index == len(terms) - 1
                variants = [
                    Lexeme(variant, invert=invert, prefix=prefix)
                    for variant in spanish_variants(term)
                ]
                # not (singular or plural) = not singular and not plural
                lexeme = reduce(
                    (lambda a, b: a & b) if invert else (lambda a, b: a | b), variants
                )
                if combined is None:
                    combined = lexeme
                elif query.operator == "and":
                    combined &= lexeme
                else:
                    combined |= lexeme
            return SearchQuery(combined, search_type="raw", config=config)

        def get_fields_vectors(self, search_query):
            from django.contrib.postgres.search import SearchVector

            config = getattr(search_query, "config", None)
            return [
                (SearchVector(field_lookup, config=config), search_field.boost)
                for field_lookup, search_field in self.search_fields.items()
            ]

    class MultilingualPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = MultilingualQueryCompiler
        index_class = MultilingualPostgresIndex
        results_class = PostgresSearchResults

        def __init__(self, params):
            params = dict(params)
            self.language = params.pop("LANGUAGE", None)
            super().__init__(params)
            self.config = self.config or SIMPLE_CONFIG
            # Autocomplete (the admin's choosers) matches prefixes, accents ignored.
            self.autocomplete_config = SIMPLE_CONFIG
