"""What readers see is reader text in their language (issue 14 item 9): no block
admin label in search excerpts, the photo credit's word translated, a language
switcher on the search page that keeps the query."""

import re

import pytest

from demo.tree import publish, translate
from home.models import StandardPage

from .news_helpers import make_image

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "pt-br", "fr"]
HEADING_LABELS = ["Section heading", "Título de sección", "Sub-heading", "Subtítulo"]


@pytest.fixture
def headed_pages(home_es):
    body = [
        {"type": "heading", "value": {"text": "Mercados justos", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Cooperativas cafetaleras del sur.</p>"},
    ]
    spanish = publish(
        home_es,
        StandardPage(title="Cafetaleras", slug="cafetaleras", body=body),
    )
    pages = {"es": spanish}
    for code in LANGUAGES[1:]:
        pages[code] = translate(
            spanish, code, title=f"Cafetaleras {code}", slug=f"cafetaleras-{code}"
        )
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_excerpts_show_no_block_labels(client, headed_pages, language):
    response = client.get(f"/{language}/search/?q=cooperativas")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cafetaleras" in html  # the page was found, with its excerpt
    for label in HEADING_LABELS:
        assert label not in html, label


def test_heading_choice_is_not_indexed(headed_pages):
    block = headed_pages["es"].body
    content = block.stream_block.get_searchable_content(block)
    assert "Mercados justos" in " ".join(content)
    assert not set(HEADING_LABELS) & set(content)


@pytest.mark.parametrize(
    ("language", "word"),
    [("es", "Imagen"), ("en", "Image"), ("pt-br", "Imagem"), ("fr", "Image")],
)
def test_image_credit_is_labelled_in_the_readers_language(
    client, home_es, language, word, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    image = make_image(credit="Ana Pérez / CLAC")
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "", "decorative": True},
                "caption": "Cosecha",
            },
        }
    ]
    spanish = publish(home_es, StandardPage(title="Cosecha", slug="cosecha", body=body))
    page = (
        spanish
        if language == "es"
        else translate(spanish, language, title=f"Cosecha {language}", slug="c")
    )
    html = client.get(page.url).content.decode()
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert "Ana Pérez / CLAC" in caption
    assert caption.split("Ana Pérez")[0].strip().startswith(f"Cosecha · {word}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_switches_language_keeping_the_query(client, home_es, language):
    html = client.get(f"/{language}/search/?q=caf%C3%A9+justo").content.decode()
    switcher = html.split('class="lang-switcher"', 1)[1].split("</nav>", 1)[0]
    for other in LANGUAGES:
        if other == language:
            assert 'aria-current="true"' in switcher
        else:
            assert f'href="/{other}/search/?q=caf%C3%A9+justo"' in switcher
