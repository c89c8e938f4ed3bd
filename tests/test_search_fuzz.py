"""1,000 generated queries (quotes, operators, unicode, control characters) in each
language, on both databases: never a server error (issue 15 item 4).

Each query goes through what the view does with ``?q=`` (cleaning, the backend's
query, pagination, excerpts: ``run_search``) without rendering the page, so 4,000
searches stay quick; the rendered page with hostile queries over HTTP is covered by
test_search.py (and a sample here).
"""

import random
from urllib.parse import quote

from django.utils import translation

from wagtail.models import Locale

import pytest

from demo.tree import publish, translate
from home.models import StandardPage
from search.views import run_search

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANGUAGES = ["es", "en", "pt-br", "fr"]
QUERIES_PER_LANGUAGE = 1000
WORDS = ["café", "comercio", "justo", "campaña", "AND", "OR", "NOT", "NEAR", "x"]
SYNTAX = list("\"'*()-+:^~|&!<>\\/[]{}%_.,;?@#=`$") + ['""', '"""', "--", "''"]
UNICODE = ["ñ", "É", "ção", "œ", "中文", "😀", "\u200b", "\u202e", "é", "ß", "ﬁ"]
CONTROL = [chr(code) for code in range(32)] + ["\x7f", "\ufffd", "\ud800"]


def generated_queries(seed, count):
    rng = random.Random(seed)
    pools = [WORDS, SYNTAX, UNICODE, CONTROL]
    queries = ['"', '"""', 'café "', '"comercio justo', "NOT", "*", "-", "(", ")"]
    while len(queries) < count:
        parts = [rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 8))]
        joiner = rng.choice(["", " ", "  "])
        queries.append(joiner.join(parts))
    return queries[:count]


@pytest.fixture
def searchable(home_es):
    page = publish(
        home_es,
        StandardPage(
            title="Comercio justo y café",
            slug="cafe-justo",
            intro="Campaña de café de comercio justo.",
        ),
    )
    for code in LANGUAGES[1:]:
        translate(page, code, title=f"Café {code}", slug=f"cafe-{code}")
    return page


def _seed(language):
    return sum(map(ord, language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_queries_never_fail(searchable, language):
    locale = Locale.objects.get(language_code=language)
    failures = []
    with translation.override(language):
        queries = generated_queries(_seed(language), QUERIES_PER_LANGUAGE)
        for number, query in enumerate(queries):
            try:
                context = run_search(query, "1", locale)
                [str(item["excerpt"]) for item in context["results"]]
            except Exception as error:  # noqa: BLE001 - collected and reported
                failures.append((number, query, repr(error)[:200]))
    assert not failures, failures[:10]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sample_of_them_over_http(client, searchable, language):
    for query in generated_queries(_seed(language), 40):
        encoded = quote(query.encode("utf-8", "surrogatepass"), safe="")
        response = client.get(f"/{language}/search/?q={encoded}")
        assert response.status_code == 200, query
