"""Presets for the news, search and SEO tests on top of ``demo.tree``: images,
files, topics and dated news."""

import datetime

from django.core.files.base import ContentFile

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from campaigns.models import ObjectivePageTopic
from core.models import CustomDocument, CustomImage, Topic
from demo import tree
from news.models import NewsIndexPage, NewsPagePublicationFile


def news_index(home, **fields):
    fields.setdefault("title", "Noticias")
    fields.setdefault("slug", "noticias")
    return tree.publish(home, NewsIndexPage(**fields))


def make_image(title="Foto", size=(640, 480), **kwargs):
    return CustomImage.objects.create(
        title=title, file=get_test_image_file(size=size), **kwargs
    )


def make_document(title, language, content=b"%PDF-1.4 test", name="file.pdf"):
    document = CustomDocument(title=title, language=language)
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def add_news(index, count, *, start=0, with_images=True, news_type="news", topic=None):
    """``count`` live news under ``index`` (``demo.tree.add_news``), one a day back
    from 2025-06-30, each with its own image unless ``with_images`` is false: a card
    that cost a query per image would show in the query counts."""
    return tree.add_news(
        index,
        count,
        start=start,
        images=(lambda number: make_image(f"Foto {number}")) if with_images else (),
        topics=[topic] if topic is not None else (),
        news_type=news_type,
        newest=datetime.date(2025, 6, 30),
    )


def make_topic(name="Precios justos", slug="precios-justos", objective=None):
    """A live Spanish topic; with ``objective``, listed among that objective's topics."""
    topic = Topic.objects.create(
        name=name, slug=slug, live=True, locale=Locale.get_default()
    )
    if objective is not None:
        objective.topics.add(ObjectivePageTopic(topic=topic))
        objective.save_revision().publish()
    return topic


def attach_publication(page, *documents):
    """Adds the files through the page's cluster and publishes a revision with them."""
    for order, document in enumerate(documents):
        page.publication_files.add(
            NewsPagePublicationFile(document=document, sort_order=order)
        )
    page.save_revision().publish()
