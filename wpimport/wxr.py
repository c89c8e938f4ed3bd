"""Reading a WordPress export (WXR 1.2) safely, in a stream.

``CleanStream`` wraps the file: what precedes ``<?xml`` (PHP notices the server
printed) and the control characters XML forbids are dropped and counted.
``scan()`` is the first pass: it parses the whole file with defusedxml's
``iterparse`` (no DTD, no entities, no external references), writes nothing and
returns a light index of every item (no content); ``contents()`` is the second
pass, which yields each item's content. A file that does not parse is refused
with its line number (``WXRError``).
"""

import csv
import hashlib
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .phpserial import PHPSerialError, loads

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
CHUNK = 1 << 16
PREFIX_WINDOW = 1 << 16
# XML 1.0 allows tab, LF and CR below 0x20; the rest are errors for the parser.
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class WXRError(Exception):
    """The export cannot be read: the message says why and where."""


class CleanStream:
    """A binary file without the leading PHP output and forbidden control chars."""

    def __init__(self, raw):
        self.raw = raw
        self.prefix = b""
        self.control_chars = 0
        head = raw.read(PREFIX_WINDOW)
        start = head.find(b"<?xml")
        if start > 0:
            self.prefix, head = head[:start], head[start:]
        self.pending = self._clean(head)

    @property
    def prefix_lines(self):
        return self.prefix.count(b"\n")

    def _clean(self, data):
        cleaned, count = CONTROL.subn(b"", data)
        self.control_chars += count
        return cleaned

    def read(self, size=-1):
        if self.pending:
            data, self.pending = self.pending, b""
            return data
        return self._clean(self.raw.read(CHUNK if size is None or size < 0 else size))


@dataclass
class Item:
    wp_id: int
    post_type: str
    title: str = ""
    link: str = ""
    slug: str = ""
    status: str = ""
    parent: int = 0
    date: str = ""
    creator: str = ""
    excerpt: str = ""
    attachment_url: str = ""
    language: str = ""
    group: str = ""
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)
    content_hash: str = ""
    has_content_links: bool = False


@dataclass
class Export:
    base_url: str = ""
    languages: dict = field(default_factory=dict)  # term slug -> name
    groups: dict = field(default_factory=dict)  # pll group slug -> {lang: id}
    authors: dict = field(default_factory=dict)  # login -> display name
    terms: dict = field(default_factory=dict)  # (taxonomy, slug) -> name
    items: dict = field(default_factory=dict)  # wp id -> Item
    prefix: bytes = b""
    control_chars: int = 0
    warnings: list = field(default_factory=list)


def _text(element, tag):
    child = element.find(tag)
    return (child.text or "") if child is not None else ""


def _events(path):
    raw = open(path, "rb")  # noqa: SIM115 (closed in the finally below)
    stream = CleanStream(raw)
    try:
        parser = iterparse(
            stream,
            events=("start", "end"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        try:
            yield stream, None, None
            for event, element in parser:
                yield stream, event, element
        except ParseError as error:
            line, column = error.position
            raise WXRError(
                f"not a well-formed export: {error.msg if hasattr(error, 'msg') else error}"
                f" (line {line + stream.prefix_lines}, column {column})"
            ) from error
        except DefusedXmlException as error:
            raise WXRError(
                f"refused: the export declares a DTD or entities ({error!r})"
            ) from error
    finally:
        raw.close()


def scan(path) -> Export:
    """The first pass: validate the whole file and index its items, no content."""
    export = Export()
    depth = 0
    seen_rss = False
    stream = None
    for current, event, element in _events(path):
        stream = current
        if event is None:
            continue
        if event == "start":
            depth += 1
            if depth == 1:
                if element.tag != "rss":
                    raise WXRError(
                        f"not a WordPress export: the root is <{element.tag}>"
                    )
                seen_rss = True
            continue
        depth -= 1
        tag = element.tag
        if tag == f"{WP}base_site_url" or (
            tag == f"{WP}base_blog_url" and not export.base_url
        ):
            export.base_url = (element.text or "").rstrip("/")
        elif tag == f"{WP}author":
            export.authors[_text(element, f"{WP}author_login")] = _text(
                element, f"{WP}author_display_name"
            )
            element.clear()
        elif tag == f"{WP}term" or tag == f"{WP}category" or tag == f"{WP}tag":
            _read_term(export, element)
            element.clear()
        elif tag == "item":
            item = _read_item(element)
            export.items[item.wp_id] = item
            element.clear()
    if not seen_rss:
        raise WXRError("not a WordPress export: empty file")
    export.prefix = stream.prefix
    export.control_chars = stream.control_chars
    _assign_groups(export)
    return export


def _read_term(export, element):
    tag = element.tag
    if tag == f"{WP}category":
        taxonomy, slug = "category", _text(element, f"{WP}category_nicename")
        name, description = _text(element, f"{WP}cat_name"), ""
    elif tag == f"{WP}tag":
        taxonomy, slug = "post_tag", _text(element, f"{WP}tag_slug")
        name, description = _text(element, f"{WP}tag_name"), ""
    else:
        taxonomy = _text(element, f"{WP}term_taxonomy")
        slug = _text(element, f"{WP}term_slug")
        name = _text(element, f"{WP}term_name")
        description = _text(element, f"{WP}term_description")
    export.terms[(taxonomy, slug)] = name
    if taxonomy == "language":
        export.languages[slug] = name
    elif taxonomy == "post_translations":
        try:
            group = loads(description)
        except PHPSerialError as error:
            export.warnings.append(
                ("term", slug, f"translation group unreadable: {error}")
            )
            return
        if isinstance(group, dict):
            export.groups[slug] = {
                str(lang): int(pid)
                for lang, pid in group.items()
                if isinstance(pid, int) or (isinstance(pid, str) and pid.isdigit())
            }


def _read_item(element) -> Item:
    item = Item(
        wp_id=int(_text(element, f"{WP}post_id") or 0),
        post_type=_text(element, f"{WP}post_type"),
        title=_text(element, "title").strip(),
        link=_text(element, "link").strip(),
        slug=_text(element, f"{WP}post_name"),
        status=_text(element, f"{WP}status"),
        parent=int(_text(element, f"{WP}post_parent") or 0),
        date=_text(element, f"{WP}post_date"),
        creator=_text(element, DC_CREATOR),
        excerpt=_text(element, EXCERPT),
        attachment_url=_text(element, f"{WP}attachment_url"),
    )
    for category in element.findall("category"):
        domain = category.get("domain", "")
        nicename = category.get("nicename", "")
        if domain == "language":
            item.language = nicename
        elif domain == "post_translations":
            item.group = nicename
        else:
            item.terms.append((domain, nicename, (category.text or "").strip()))
    for meta in element.findall(f"{WP}postmeta"):
        item.meta[_text(meta, f"{WP}meta_key")] = _text(meta, f"{WP}meta_value")
    content = _text(element, CONTENT)
    digest = hashlib.sha256()
    for part in (
        item.post_type, item.title, item.slug, item.status, str(item.parent),
        item.date, item.creator, item.excerpt, item.attachment_url, item.language,
        repr(sorted(item.terms)), repr(sorted(item.meta.items())), content,
    ):  # fmt: skip
        digest.update(part.encode("utf-8", "replace"))
        digest.update(b"\0")
    item.content_hash = digest.hexdigest()
    return item


def _assign_groups(export):
    for slug, members in export.groups.items():
        for pid in members.values():
            item = export.items.get(pid)
            if item is not None and not item.group:
                item.group = slug


def contents(path):
    """The second pass: (wp id, content) for every item, in file order."""
    for _stream, event, element in _events(path):
        if event == "end" and element.tag == "item":
            yield int(_text(element, f"{WP}post_id") or 0), _text(element, CONTENT)
            element.clear()


def read_wpml_csv(path, export):
    """Apply WPML's ``wp_icl_translations`` (as CSV) to the index: language and group.

    Columns ``element_id, element_type, trid, language_code, source_language_code``;
    only ``post_*`` rows are used (terms share the id range).
    """
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not (row.get("element_type") or "").startswith("post_"):
                continue
            item = export.items.get(int(row["element_id"]))
            if item is None:
                continue
            item.language = row["language_code"].strip()
            item.group = f"wpml_{row['trid'].strip()}"
            export.groups.setdefault(item.group, {})[item.language] = item.wp_id
