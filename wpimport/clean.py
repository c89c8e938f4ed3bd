"""WordPress content into our StreamField blocks (core.blocks.BodyStreamBlock).

``strip_notices`` removes what PHP printed into the content; ``Converter`` turns
the rest (Gutenberg comments, shortcodes, classic-editor HTML without paragraphs)
into paragraph, heading, image, quote, video and document blocks, rewriting links
through the resolver it is given. What it cannot convert is listed in
``leftovers`` with a short description, for the report.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from core.embeds import embed_src

# "<b>Notice</b>:  Undefined offset: 14689 in <b>/home4/…/x.php</b> on line <b>381</b><br />"
NOTICE = re.compile(
    r"(?:<br\s*/?>\s*)?(?:<b>)?\s*(?:PHP\s+)?"
    r"(?:Notice|Warning|Deprecated|Strict Standards|Fatal error|Parse error)"
    r"\s*(?:</b>)?\s*:.*?\bon\s+line\s+(?:<b>)?\s*\d+\s*(?:</b>)?(?:\s*<br\s*/?>)?",
    re.IGNORECASE | re.DOTALL,
)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SHORTCODE = re.compile(r"\[(\[?)(/?)([A-Za-z_][\w-]*)((?:\s[^\]]*)?)(/?)\](\]?)")
ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote",
    "figure", "table", "pre", "iframe", "hr", "section", "article", "center",
    "wp-caption", "wp-gallery", "wp-embed", "wp-video", "wp-audio", "img",
}  # fmt: skip
UNWRAP_BLOCKS = {"div", "section", "article", "center", "main", "aside", "header"}
INLINE_KEEP = {"b": "b", "strong": "b", "i": "i", "em": "i"}
DROP = {"script", "style", "noscript", "form", "input", "button", "object", "embed"}
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


def strip_notices(text: str) -> tuple[str, int]:
    """The text without PHP notices, warnings and deprecation messages; and how many."""
    return NOTICE.subn("", text)


def _attrs(text):
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in ATTR.finditer(text)}


def shortcodes_to_html(text: str, unknown: list) -> str:
    """Known shortcodes become placeholder elements, unknown ones are removed
    (their content kept) and named in ``unknown``."""

    def replace(match):
        if match[1] and match[6]:  # [[escaped]]
            return match[0][1:-1]
        closing, name, attrs = match[2], match[3].lower(), _attrs(match[4])
        if name == "caption":
            return "</wp-caption>" if closing else "<wp-caption>"
        if name in ("embed", "video", "audio"):
            if closing:
                return f"</wp-{name}>"
            src = attrs.get("src") or attrs.get("mp4") or attrs.get("mp3") or ""
            return f'<wp-{name} src="{html.escape(src)}">'
        if name == "gallery":
            return (
                f'<wp-gallery ids="{html.escape(attrs.get("ids", ""))}"></wp-gallery>'
            )
        if not closing:
            unknown.append(name)
        return ""

    return SHORTCODE.sub(replace, text)


def autop(text: str) -> str:
    """WordPress's wpautop, simply: blank-line separated text becomes paragraphs."""
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for part in parts:
        stripped = part.strip()
        if not stripped:
            continue
        first = re.match(r"<\s*([\w-]+)", stripped)
        if first and first[1].lower() in BLOCK_TAGS - {"img"}:
            out.append(stripped)
        else:
            out.append(f"<p>{stripped.replace(chr(10), '<br/>')}</p>")
    return "\n".join(out)


def uploads_key(url: str) -> str:
    """``2024/05/foto.jpg`` for any address of an uploaded file: Jetpack's CDN
    (``i0.wp.com/<host>/wp-content/…``), resized copies (``-300x200``), queries."""
    path = urlparse(url).path
    marker = "/wp-content/uploads/"
    if marker not in path:
        return ""
    key = path.split(marker, 1)[1]
    return RESIZED.sub("", key)


def _space(text):
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text)


@dataclass
class Result:
    blocks: list = field(default_factory=list)
    leftovers: list = field(default_factory=list)
    unknown_shortcodes: list = field(default_factory=list)
    comments: int = 0
    text: str = ""


class Converter:
    """``resolver`` answers ``link(href)`` -> ("page"|"document"|"url", value) or
    None, and ``attachment(wp_id=None, url=None)`` -> ("image"|"document", obj, alt)
    or None."""

    def __init__(self, resolver):
        self.resolver = resolver

    def convert(self, content: str) -> Result:
        result = Result()
        self.result = result
        self.paragraph = []
        content, result.comments = COMMENT.subn("", content)
        content = shortcodes_to_html(content, result.unknown_shortcodes)
        soup = BeautifulSoup(autop(content), "html.parser")
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()
        self.walk(soup)
        self.flush()
        for name in result.unknown_shortcodes:
            result.leftovers.append(f"unknown shortcode [{name}] removed")
        return result

    # --- blocks ---------------------------------------------------------------

    def add(self, block_type, value):
        self.flush()
        self.result.blocks.append({"type": block_type, "value": value})

    def flush(self):
        text = "".join(self.paragraph).strip()
        self.paragraph = []
        if text:
            self.result.blocks.append({"type": "paragraph", "value": text})

    def walk(self, node):
        loose = []
        for child in list(node.children):
            if isinstance(child, NavigableString):
                loose.append(child)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in BLOCK_TAGS or name in UNWRAP_BLOCKS or name in DROP:
                self.loose(loose)
                loose = []
                self.block(child, name)
            else:
                loose.append(child)
        self.loose(loose)

    def loose(self, nodes):
        if nodes:
            self.inline_paragraph(nodes, "p")

    def block(self, node, name):
        if name in DROP:
            self.result.leftovers.append(f"<{name}> removed")
        elif name in UNWRAP_BLOCKS:
            self.walk(node)
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _space(node.get_text()).strip()
            if not text:
                return
            if len(text) > 120:
                self.inline_paragraph(list(node.children), "p", bold=True)
            else:
                level = "h2" if name in ("h1", "h2") else "h3"
                self.add("heading", {"text": text, "level": level})
        elif name == "p":
            self.inline_paragraph(list(node.children), "p")
        elif name in ("ul", "ol"):
            items = []
            for li in node.find_all("li", recursive=False):
                text = self.inline(li.children).strip()
                if text:
                    items.append(f"<li>{text}</li>")
            if items:
                self.paragraph.append(f"<{name}>{''.join(items)}</{name}>")
        elif name == "blockquote":
            cite = node.find("cite")
            attribution = _space(cite.get_text()).strip() if cite else ""
            if cite:
                cite.extract()
            quote = _space(node.get_text(" ")).strip()
            if quote:
                self.add(
                    "quote", {"quote": quote[:600], "attribution": attribution[:150]}
                )
        elif name in ("figure", "wp-caption"):
            self.figure(node)
        elif name == "img":
            self.image(node, "")
        elif name == "wp-gallery":
            for raw in node.get("ids", "").split(","):
                if raw.strip().isdigit():
                    self.attachment_block(self.resolver.attachment(wp_id=int(raw)), "")
        elif name in ("wp-embed", "wp-video", "iframe"):
            url = node.get("src") or node.get_text().strip()
            self.video(url, node.get("title", ""))
        elif name == "wp-audio":
            url = node.get("src") or node.get_text().strip()
            found = self.resolver.attachment(url=url)
            if found and found[0] == "document":
                self.add("document", {"document": found[1].pk, "title": ""})
            else:
                self.result.leftovers.append(f"audio not imported: {url}")
        elif name == "table":
            self.result.leftovers.append("table kept as text")
            for row in node.find_all("tr"):
                cells = [
                    _space(c.get_text()).strip() for c in row.find_all(["td", "th"])
                ]
                line = " · ".join(c for c in cells if c)
                if line:
                    self.paragraph.append(f"<p>{html.escape(line)}</p>")
        elif name == "pre":
            text = node.get_text().strip()
            if text:
                self.paragraph.append(f"<p>{html.escape(text)}</p>")
        elif name == "hr":
            return

    def figure(self, node):
        caption_node = node.find("figcaption")
        img = node.find("img")
        if caption_node is not None:
            caption = _space(caption_node.get_text()).strip()
            caption_node.extract()
        else:
            if img is not None:
                (img.parent if img.parent.name == "a" else img).extract()
            caption = _space(node.get_text()).strip()
        iframe = node.find(["iframe", "wp-embed", "wp-video"])
        if img is not None:
            self.image(img, caption)
        elif iframe is not None:
            self.video(iframe.get("src") or iframe.get_text().strip(), caption)
        elif caption:
            self.paragraph.append(f"<p>{html.escape(caption)}</p>")

    def image(self, img, caption):
        src = img.get("src", "")
        wp_id = None
        for css in img.get("class", []):
            if css.startswith("wp-image-") and css[9:].isdigit():
                wp_id = int(css[9:])
        found = self.resolver.attachment(wp_id=wp_id, url=src)
        self.attachment_block(found, caption, img.get("alt", ""), src)

    def attachment_block(self, found, caption, alt="", src=""):
        if found is None:
            self.result.leftovers.append(f"image not imported: {src or '?'}")
            return
        kind, obj, default_alt = found
        if kind == "document":
            self.add("document", {"document": obj.pk, "title": ""})
            return
        alt = _space(alt or default_alt or "").strip()
        self.add(
            "image",
            {
                "image": {"image": obj.pk, "alt_text": alt, "decorative": not alt},
                "caption": caption[:250],
            },
        )

    def video(self, url, title):
        url = html.unescape(url or "").strip()
        if embed_src(url):
            self.add("video", {"url": url, "title": (title or "Video")[:150]})
        elif url:
            self.result.leftovers.append(f"embed kept as a link: {url}")
            self.paragraph.append(self.link_html(url, html.escape(url), wrap=True))

    # --- inline ---------------------------------------------------------------

    def inline_paragraph(self, nodes, tag, bold=False):
        pending = []
        text = self.inline(nodes, pending).strip()
        text = re.sub(r"^(?:<br/>|\s)+|(?:<br/>|\s)+$", "", text)
        if text:
            self.paragraph.append(
                f"<{tag}>{'<b>' + text + '</b>' if bold else text}</{tag}>"
            )
        for img in pending:
            self.image(img, "")

    def inline(self, nodes, pending=None):
        pending = [] if pending is None else pending
        out = []
        for node in nodes:
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                out.append(html.escape(_space(str(node)), quote=False))
                continue
            name = node.name.lower()
            if name == "img":
                pending.append(node)
            elif name == "br":
                out.append("<br/>")
            elif name in INLINE_KEEP:
                inner = self.inline(node.children, pending)
                if inner.strip():
                    tag = INLINE_KEEP[name]
                    out.append(f"<{tag}>{inner}</{tag}>")
                else:
                    out.append(inner)
            elif name == "a":
                inner = self.inline(node.children, pending)
                if inner.strip():
                    out.append(self.link_html(node.get("href", ""), inner))
            elif name in DROP:
                self.result.leftovers.append(f"<{name}> removed")
            else:  # span, font, u, sup, sub, abbr…: their text only
                out.append(self.inline(node.children, pending))
        return "".join(out)

    def link_html(self, href, inner, wrap=False):
        found = self.resolver.link(href)
        if found is None:
            result = inner
        elif found[0] == "page":
            result = f'<a linktype="page" id="{found[1]}">{inner}</a>'
        elif found[0] == "document":
            result = f'<a linktype="document" id="{found[1]}">{inner}</a>'
        else:
            result = f'<a href="{html.escape(found[1])}">{inner}</a>'
        return f"<p>{result}</p>" if wrap else result


def query_id(url: str, names=("p", "page_id", "attachment_id")):
    """The WordPress id in ``?p=ID`` style addresses, or None."""
    query = parse_qs(urlparse(url).query)
    for name in names:
        value = query.get(name, [""])[0]
        if value.isdigit():
            return int(value)
    return None
