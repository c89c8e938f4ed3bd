"""The WordPress import: the export's index (``wxr.scan``) becomes pages, media,
topics, people and redirects, keyed by (export site, WordPress id).

Order inside one transaction (so the cache version is bumped once, when it
commits; ``core.invalidation`` batches every publish of a transaction):

1. attachments -> images and documents (de-duplicated by Wagtail's file hash);
2. categories and tags -> topics, authors -> people (display name only);
3. page shells (not live, no revision) for every new post and page, so every
   internal link has a target before any body is written;
4. the second streaming pass: each item's content -> StreamField blocks, published
   through a revision whose id is recorded (an editor's later revision is a
   conflict when WordPress changed the item too);
5. redirects from the old addresses.

Search indexing is queued once per page after the commit, not per save.
"""

import datetime
import hashlib
import html
import re
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site

from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task

from core.models import CustomDocument, CustomImage, Topic
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage, NewsPageAuthor, NewsPageTopic, Person

from .clean import Converter, query_id, strip_notices, uploads_key
from .models import ImportedItem
from .wxr import contents, read_wpml_csv, scan

NAMESPACE = uuid.UUID("6f1c2b1e-9d0a-4c57-9a38-19b0c7d3e219")
SOURCE_LANGUAGE = "es"
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
MAX_PATH = 255
LANGUAGE_ALIASES = {"pt": "pt-br", "pt_br": "pt-br", "pt-br": "pt-br", "es_es": "es"}
NOT_PUBLISHED = {"draft", "pending", "future", "private", "trash", "auto-draft"}
SUFFIXES = ("-pt-br", "-pt", "-en", "-es", "-fr")
SEO_TITLE = ("_yoast_wpseo_title", "rank_math_title")
SEO_DESCRIPTION = ("_yoast_wpseo_metadesc", "rank_math_description")


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)  # (what, language) -> n
    warnings: list = field(default_factory=list)  # (wp id, title, message)
    changed: int = 0
    conflicts: list = field(default_factory=list)
    missing_languages: set = field(default_factory=set)
    notices_removed: int = 0
    dry_run: bool = False

    def count(self, what, language=""):
        self.counts[(what, language)] += 1

    def warn(self, item, message):
        if isinstance(item, str):
            self.warnings.append((item, "", message))
        else:
            self.warnings.append((item.wp_id, item.title, message))

    def lines(self):
        yield "WordPress import" + (
            " (dry run: nothing written)" if self.dry_run else ""
        )
        for (what, language), number in sorted(self.counts.items()):
            yield f"  {what}{f' [{language}]' if language else ''}: {number}"
        yield f"  rows changed: {self.changed}"
        yield f"  PHP notices removed: {self.notices_removed}"
        if self.missing_languages:
            yield "  languages the site lacks: " + ", ".join(
                sorted(self.missing_languages)
            )
        for wp_id, title, message in self.conflicts:
            yield f"  CONFLICT {wp_id} «{title}»: {message}"
        for wp_id, title, message in self.warnings:
            yield f"  warning {wp_id} «{title}»: {message}"


def _key(*parts):
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


def _path(url):
    parsed = urlparse(url)
    path = unquote(parsed.path or "/")
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path + (f"?{unquote(parsed.query)}" if parsed.query else "")


def _base_slug(slug):
    for suffix in SUFFIXES:
        if slug.endswith(suffix) and len(slug) > len(suffix):
            return slug[: -len(suffix)]
    return slug


def _plain(text):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


@contextmanager
def deferred_search_indexing():
    """Search indexing queued once per object after the commit, not per save."""
    senders = [m for m in search_index.get_indexed_models() if issubclass(m, Page)]
    for sender in senders:
        post_save.disconnect(post_save_signal_handler, sender=sender)
    try:
        yield
    finally:
        for sender in senders:
            post_save.connect(post_save_signal_handler, sender=sender)


class Importer:
    def __init__(
        self,
        path,
        *,
        site_key="main",
        media_dir=None,
        dry_run=False,
        since=None,
        translations="polylang",
        wpml_csv=None,
        parent_id=None,
        progress=None,
        progress_every=500,
    ):
        self.path = path
        self.site_key = site_key
        self.media_dir = Path(media_dir) if media_dir else None
        self.dry_run = dry_run
        self.since = since
        self.translations = translations
        self.wpml_csv = wpml_csv
        self.parent_id = parent_id
        self.progress = progress
        self.progress_every = progress_every
        self.report = Report(dry_run=dry_run)
        self.attachments = {}  # wp id -> (kind, obj, alt)
        self.uploads = {}  # uploads key -> wp id
        self.pages = {}  # wp id -> Page (specific)
        self.records = {}  # wp id -> ImportedItem
        self.by_path = {}  # old path -> wp id
        self.topics = {}  # (base slug, language) -> Topic
        self.people = {}  # display name -> Person
        self.to_index = []

    # --- entry ------------------------------------------------------------------

    def run(self) -> Report:
        self.export = scan(self.path)  # the first pass: WXRError before any write
        if self.translations == "wpml" and self.wpml_csv:
            read_wpml_csv(self.wpml_csv, self.export)
        if self.export.prefix:
            self.report.warn(
                "-", f"text before <?xml removed ({len(self.export.prefix)} bytes)"
            )
            self.report.notices_removed += len(
                re.findall(rb"(?i)notice|warning|deprecated", self.export.prefix)
            )
        if self.export.control_chars:
            self.report.warn(
                "-", f"{self.export.control_chars} control characters removed"
            )
        self.host = urlparse(self.export.base_url).hostname or ""
        self.locales = {loc.language_code: loc for loc in Locale.objects.all()}
        self.started = time.monotonic()
        with deferred_search_indexing(), transaction.atomic():
            self.records = {
                r.wp_id: r for r in ImportedItem.objects.filter(site_key=self.site_key)
            }
            self.plan()
            self.import_attachments()
            self.make_shells()
            self.fill_pages()
            self.make_redirects()
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                transaction.on_commit(self.queue_indexing)
        return self.report

    def queue_indexing(self):
        for model, pk in dict.fromkeys(self.to_index):
            insert_or_update_object_task.enqueue(
                model._meta.app_label, model._meta.model_name, str(pk)
            )

    def tick(self, done):
        if self.progress and done % self.progress_every == 0:
            self.progress(f"{done} items, {time.monotonic() - self.started:.0f} s")

    # --- planning ---------------------------------------------------------------

    def language(self, item):
        raw = (item.language or SOURCE_LANGUAGE).lower()
        code = LANGUAGE_ALIASES.get(raw.replace("_", "-"), raw.replace("_", "-"))
        if code not in self.locales:
            self.report.missing_languages.add(raw)
            return None
        return code

    def plan(self):
        self.wanted = []  # posts and pages to import, sources first, parents first
        for item in self.export.items.values():
            if item.post_type not in ("post", "page", "attachment"):
                self.report.count(f"skipped ({item.post_type})")
                continue
            path = _path(item.link) if item.link else ""
            if path:
                self.by_path[path] = item.wp_id
            if item.post_type == "attachment":
                continue
            if item.status in NOT_PUBLISHED or item.status != "publish":
                self.report.count(f"{item.post_type} not published ({item.status})")
                self.report.warn(item, f"{item.status}: not published")
                continue
            code = self.language(item)
            if code is None:
                self.report.warn(item, f"language {item.language!r} not on this site")
                continue
            if (
                self.since
                and item.date[:10] < self.since
                and item.wp_id in self.records
            ):
                self.report.count("unchanged (before --since)")
                continue
            item.code = code
            self.wanted.append(item)
        depth = {}

        def depth_of(item, seen=()):
            parent = self.export.items.get(item.parent)
            if parent is None or parent.wp_id in seen:
                return 0
            return 1 + depth_of(parent, (*seen, item.wp_id))

        for item in self.wanted:
            depth[item.wp_id] = depth_of(item)
        self.wanted.sort(
            key=lambda i: (
                depth[i.wp_id],
                i.code != SOURCE_LANGUAGE,
                i.post_type,
                i.wp_id,
            )
        )

    # --- attachments ------------------------------------------------------------

    def import_attachments(self):
        for item in self.export.items.values():
            if item.post_type != "attachment":
                continue
            relative = item.meta.get("_wp_attached_file") or uploads_key(
                item.attachment_url
            )
            key = uploads_key("/wp-content/uploads/" + relative)
            self.uploads[key] = item.wp_id
            alt = item.meta.get("_wp_attachment_image_alt", "")
            record = self.records.get(item.wp_id)
            if record is not None and record.content_hash == item.content_hash:
                model = (
                    CustomImage
                    if record.kind == ImportedItem.Kind.IMAGE
                    else CustomDocument
                )
                obj = model.objects.filter(pk=record.object_id).first()
                if obj is not None:
                    self.attachments[item.wp_id] = (record.kind, obj, alt)
                    self.report.count(f"{record.kind} unchanged")
                    continue
            source = self.media_dir / relative if self.media_dir else None
            if source is None or not source.is_file():
                self.report.warn(item, f"media file missing: {relative}")
                self.report.count("media missing")
                continue
            data = source.read_bytes()
            sha1 = hashlib.sha1(data).hexdigest()  # noqa: S324 (Wagtail's own file_hash)
            is_image = source.suffix.lower() in IMAGE_EXTENSIONS
            model = CustomImage if is_image else CustomDocument
            kind = ImportedItem.Kind.IMAGE if is_image else ImportedItem.Kind.DOCUMENT
            obj = model.objects.filter(file_hash=sha1).first()
            title = item.title or source.stem
            if obj is None:
                with source.open("rb") as handle:
                    if is_image:
                        obj = CustomImage(
                            title=title[:255],
                            description=alt[:255],
                            credit=item.meta.get("_media_credit", "")[:255],
                            file=ImageFile(handle, name=source.name),
                        )
                    else:
                        obj = CustomDocument(
                            title=title[:255], file=File(handle, name=source.name)
                        )
                    obj.save()
                    obj.file_hash = sha1
                    obj.save(update_fields=["file_hash"])
                self.report.count(f"{kind} created")
                self.report.changed += 1
            else:
                self.report.count(f"{kind} de-duplicated")
            self.attachments[item.wp_id] = (kind, obj, alt)
            self.record(item, kind, obj.pk, None, "")

    def record(self, item, kind, object_id, revision_id, language, content_hash=None):
        record = self.records.get(item.wp_id)
        if record is None:
            record = ImportedItem(site_key=self.site_key, wp_id=item.wp_id)
        record.kind, record.object_id = kind, object_id
        record.revision_id, record.language = revision_id, language
        record.content_hash = (
            item.content_hash if content_hash is None else content_hash
        )
        record.save()
        self.records[item.wp_id] = record
        return record

    # --- topics and people ----------------------------------------------------------

    def topic(self, slug, name, code):
        base = _base_slug(slug)
        found = self.topics.get((base, code))
        if found is not None:
            return found
        locale = self.locales[code]
        topic = Topic.objects.filter(slug=base, locale=locale).first()
        if topic is None:
            source = Topic.objects.filter(slug=base).first()
            topic = Topic(
                name=name[:100] or base,
                slug=base,
                locale=locale,
                translation_key=source.translation_key
                if source
                else _key(self.site_key, "topic", base),
                live=False,
            )
            topic.save()
            topic.save_revision().publish()
            self.report.count("topic created", code)
            self.report.changed += 1
        self.topics[(base, code)] = topic
        return topic

    def person(self, login):
        name = self.export.authors.get(login) or ""
        if not name:
            return None
        found = self.people.get(name)
        if found is None:
            locale = self.locales[SOURCE_LANGUAGE]
            found = Person.objects.filter(name=name, locale=locale).first()
            if found is None:
                found = Person(name=name[:150], locale=locale, live=False)
                found.save()
                found.save_revision().publish()
                self.report.count("person created")
                self.report.changed += 1
            self.people[name] = found
        return found

    # --- pages --------------------------------------------------------------------

    def translation_key(self, item):
        members = self.export.groups.get(item.group, {}) if item.group else {}
        languages = [
            LANGUAGE_ALIASES.get(lang.lower(), lang.lower())
            for lang, pid in members.items()
            if pid in self.export.items
        ]
        if item.group and len(members) > 1:
            if SOURCE_LANGUAGE not in languages:
                self.report.warn(
                    item, "no Spanish original: imported in its own language"
                )
            return _key(self.site_key, "group", item.group)
        return _key(self.site_key, "item", item.wp_id)

    def root(self, code):
        locale = self.locales[code]
        if self.parent_id:
            parent = Page.objects.get(pk=self.parent_id)
            return parent.get_translation_or_none(locale)
        return HomePage.objects.filter(locale=locale, depth=2).first()

    def parent_for(self, item, code):
        if item.post_type == "post":
            # Under --parent, its own news index if it has one; else the language's.
            indexes = NewsIndexPage.objects.filter(locale__language_code=code)
            root = self.root(code)
            found = indexes.descendant_of(root).first() if root is not None else None
            if found is None and self.parent_id:
                home = HomePage.objects.filter(
                    locale__language_code=code, depth=2
                ).first()
                found = indexes.descendant_of(home).first() if home else None
            return found
        parent = self.pages.get(item.parent)
        if parent is None and item.parent in self.records:
            parent = Page.objects.filter(pk=self.records[item.parent].object_id).first()
        if parent is not None:
            if parent.locale.language_code == code:
                return parent
            translated = parent.get_translation_or_none(self.locales[code])
            if translated is not None:
                return translated
        return self.root(code)

    def make_shells(self):
        for item in self.wanted:
            record = self.records.get(item.wp_id)
            if record is not None:
                page = Page.objects.filter(pk=record.object_id).first()
                if page is not None:
                    self.pages[item.wp_id] = page.specific
                    continue
            parent = self.parent_for(item, item.code)
            if parent is None:
                self.report.warn(
                    item,
                    f"no {'news index' if item.post_type == 'post' else 'home page'} in {item.code}: not imported",
                )
                continue
            model = NewsPage if item.post_type == "post" else StandardPage
            key = self.translation_key(item)
            if Page.objects.filter(
                translation_key=key, locale=self.locales[item.code]
            ).exists():
                self.report.warn(
                    item,
                    "two items of one translation group in one language: kept apart",
                )
                key = _key(self.site_key, "item", item.wp_id)
            slug = self.free_slug(
                parent,
                slugify(unquote(item.slug), allow_unicode=True)
                or slugify(item.title)
                or f"wp-{item.wp_id}",
            )
            page = model(
                title=item.title[:255] or slug,
                slug=slug,
                locale=self.locales[item.code],
                translation_key=key,
                live=False,
            )
            if model is NewsPage:
                page.summary = item.title[:400] or slug
            parent.add_child(instance=page)
            self.pages[item.wp_id] = page
            # A shell: no hash yet, its body is owed (fill_pages).
            self.record(item, item.post_type, page.pk, None, item.code, content_hash="")

    def free_slug(self, parent, slug):
        slug = slug[:200]
        candidate, number = slug, 1
        siblings = set(parent.get_children().values_list("slug", flat=True))
        while candidate in siblings:
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    def fill_pages(self):
        wanted = {item.wp_id: item for item in self.wanted if item.wp_id in self.pages}
        converter = Converter(self)
        done = 0
        for wp_id, content in contents(self.path):
            item = wanted.get(wp_id)
            if item is None:
                continue
            done += 1
            self.tick(done)
            record, page = self.records[wp_id], self.pages[wp_id]
            language = item.code
            if record.content_hash == item.content_hash:
                self.report.count(f"{item.post_type} unchanged", language)
                if record.revision_id and page.latest_revision_id != record.revision_id:
                    self.report.warn(
                        item,
                        f"edited here since the import (page {page.pk}): the edit is kept",
                    )
                continue
            if record.revision_id and page.latest_revision_id != record.revision_id:
                self.report.conflicts.append(
                    (
                        wp_id,
                        item.title,
                        f"changed in WordPress and edited here (page {page.pk}): left alone",
                    )
                )
                self.report.count(f"{item.post_type} conflict", language)
                continue
            content, notices = strip_notices(content)
            self.report.notices_removed += notices
            excerpt, notices = strip_notices(item.excerpt)
            self.report.notices_removed += notices
            result = converter.convert(content)
            for leftover in dict.fromkeys(result.leftovers):
                self.report.warn(item, leftover)
            page = Page.objects.get(pk=page.pk).specific
            page.title = item.title[:255] or page.title
            page.body = result.blocks
            seo_title = next((item.meta[k] for k in SEO_TITLE if item.meta.get(k)), "")
            if seo_title and "%%" not in seo_title:
                page.seo_title = seo_title[:255]
            description = next(
                (item.meta[k] for k in SEO_DESCRIPTION if item.meta.get(k)), ""
            )
            if description and "%%" not in description:
                page.search_description = description
            thumbnail = item.meta.get("_thumbnail_id", "")
            found = (
                self.attachments.get(int(thumbnail)) if thumbnail.isdigit() else None
            )
            if found and found[0] == ImportedItem.Kind.IMAGE:
                page.hero_image = found[1]
                page.hero_image_alt = (found[2] or "")[:250]
            summary = _plain(excerpt) or _plain(
                " ".join(b["value"] for b in result.blocks if b["type"] == "paragraph")
            )
            if isinstance(page, NewsPage):
                page.summary = (
                    (summary[:397] + "…")
                    if len(summary) > 400
                    else (summary or page.title)
                )
                if item.date[:10]:
                    page.date = datetime.date.fromisoformat(item.date[:10])
                person = self.person(item.creator)
                page.authors = [NewsPageAuthor(person=person)] if person else []
                page.topics = [
                    NewsPageTopic(topic=self.topic(slug, name, language))
                    for domain, slug, name in item.terms
                    if domain in ("category", "post_tag")
                    and slug != "uncategorized"
                    and not slug.startswith("sin-categoria")
                ]
            else:
                page.intro = summary[:600] if excerpt else ""
            revision = page.save_revision()
            revision.publish()
            self.record(item, item.post_type, page.pk, revision.pk, language)
            self.pages[wp_id] = page
            self.to_index.append((type(page), page.pk))
            self.report.count(f"{item.post_type} imported", language)
            self.report.changed += 1

    # --- what the converter asks ------------------------------------------------

    def attachment(self, wp_id=None, url=None):
        if wp_id is not None and wp_id in self.attachments:
            return self.attachments[wp_id]
        key = uploads_key(url or "")
        found = self.uploads.get(key)
        return self.attachments.get(found) if found else None

    def internal(self, href):
        parsed = urlparse(href)
        host = (parsed.hostname or "").lower()
        if not host:
            return bool(parsed.path)
        if host.endswith(".wp.com"):
            return True
        return (
            host == self.host
            or host == f"www.{self.host}"
            or f"www.{host}" == self.host
        )

    def link(self, href):
        href = html.unescape(href or "").strip()
        if not href:
            return None
        if not self.internal(href) or href.startswith("#"):
            return (
                ("url", href)
                if href.startswith(("http://", "https://", "mailto:"))
                else None
            )
        key = uploads_key(href)
        if key and key in self.uploads:
            found = self.attachments.get(self.uploads[key])
            if found and found[0] == ImportedItem.Kind.DOCUMENT:
                return ("document", found[1].pk)
            if found:
                return ("url", found[1].file.url)
        wp_id = query_id(href) or self.by_path.get(_path(href))
        page = self.pages.get(wp_id)
        if page is not None:
            return ("page", page.pk)
        if wp_id in self.attachments:
            kind, obj, _alt = self.attachments[wp_id]
            return (
                ("document", obj.pk)
                if kind == ImportedItem.Kind.DOCUMENT
                else ("url", obj.file.url)
            )
        self.report.warn("-", f"internal link not resolved: {href}")
        return None

    # --- redirects ------------------------------------------------------------------

    def make_redirects(self):
        site = Site.objects.filter(is_default_site=True).first()
        made = 0
        for wp_id, page in self.pages.items():
            item = self.export.items[wp_id]
            page = Page.objects.filter(pk=page.pk).first()
            if page is None or not page.live:
                continue
            for path in self.old_paths(item):
                made += self.redirect(site, item, path, page=page)
        for wp_id, (kind, obj, _alt) in self.attachments.items():
            item = self.export.items[wp_id]
            target = obj.url if kind == ImportedItem.Kind.DOCUMENT else obj.file.url
            parent = self.pages.get(item.parent)
            paths = {
                "/wp-content/uploads/"
                + (
                    item.meta.get("_wp_attached_file")
                    or uploads_key(item.attachment_url)
                )
            }
            for path in paths:
                made += self.redirect(site, item, path, link=target)
            if item.link and not query_id(item.link):
                made += self.redirect(
                    site,
                    item,
                    _path(item.link),
                    page=parent,
                    link=None if parent else target,
                )
        for (taxonomy, slug), name in self.export.terms.items():
            if taxonomy not in ("category", "post_tag"):
                continue
            code = next(
                (
                    c
                    for s, c in (("-pt-br", "pt-br"), ("-pt", "pt-br"), ("-en", "en"))
                    if slug.endswith(s)
                ),
                SOURCE_LANGUAGE,
            )
            if code not in self.locales:
                continue
            index = self.parent_for(type("T", (), {"post_type": "post"})(), code)
            if index is None:
                continue
            archive = "category" if taxonomy == "category" else "tag"
            prefix = "" if code == SOURCE_LANGUAGE else f"/{code}"
            target = f"{index.url}?topic={_base_slug(slug)}"
            for path in {f"{prefix}/{archive}/{slug}/", f"/{code}/{archive}/{slug}/"}:
                made += self.redirect(site, name, path, link=target)
        self.report.counts[("redirects", "")] = made

    def old_paths(self, item):
        if not item.link or query_id(item.link):
            return []
        path = _path(item.link)
        paths = [path]
        code = item.code
        if code == SOURCE_LANGUAGE and not path.startswith(f"/{code}/"):
            paths.append(f"/{code}{path}")
        return paths

    def redirect(self, site, item, path, page=None, link=None):
        if page is None and not link:
            return 0
        old_path = Redirect.normalise_path(path)
        if len(old_path) > MAX_PATH:
            self.report.warn(
                item,
                f"old address longer than {MAX_PATH} characters, no redirect: {old_path[:80]}…",
            )
            return 0
        if old_path in ("", "/"):
            return 0
        if (
            page is not None
            and page.url
            and Redirect.normalise_path(page.url) == old_path
        ):
            return 0  # the new address is the old one
        defaults = {
            "redirect_page": page,
            "redirect_link": "" if page else link,
            "is_permanent": True,
        }
        redirect = Redirect.objects.filter(old_path=old_path, site=site).first()
        if redirect is None:
            Redirect.objects.create(old_path=old_path, site=site, **defaults)
            self.report.changed += 1
        elif (redirect.redirect_page_id, redirect.redirect_link) != (
            page.pk if page else None,
            defaults["redirect_link"],
        ):
            for name, value in defaults.items():
                setattr(redirect, name, value)
            redirect.save()
            self.report.changed += 1
        return 1
