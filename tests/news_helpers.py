"""Builders for news, search and SEO tests: pages in several languages, images, files."""

import datetime

from django.core.files.base import ContentFile

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from campaigns.models import ObjectivePageTopic
from core.models import CustomDocument, CustomImage, Topic
from news.models import NewsIndexPage, NewsPage, NewsPagePublicationFile, NewsPageTopic


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, language_code, **fields):
    """A published translation of ``page`` (its parents get one first if needed)."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        translated = existing.specific
    else:
        parent = page.get_parent().specific
        if parent.depth > 1 and parent.get_translation_or_none(locale) is None:
            translate(parent, language_code)
        translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def news_index(home, **fields):
    fields.setdefault("title", "Noticias")
    fields.setdefault("slug", "noticias")
    return publish(home, NewsIndexPage(**fields))


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
    """``count`` live news under ``index``, one a day back from 2025-06-30.

    Saved without revisions (fast); each gets its own image, so a card that cost
    a query per image would show in the query counts.
    """
    created = []
    base = datetime.date(2025, 6, 30)
    for number in range(start, start + count):
        page = NewsPage(
            title=f"Noticia {number}",
            slug=f"noticia-{number}",
            summary=f"Resumen de la noticia {number}.",
            date=base - datetime.timedelta(days=number),
            news_type=news_type,
            hero_image=make_image(f"Foto {number}") if with_images else None,
        )
        index.add_child(instance=page)
        if topic is not None:
            NewsPageTopic.objects.create(page=page, topic=topic)
        created.append(page)
    return created


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
