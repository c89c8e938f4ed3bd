"""The admin speaks Spanish: a scan of the pages an officer uses for visible English.

A superuser whose admin language is Spanish (``UserProfile.preferred_language``),
in a browser that asks for English (so nothing Spanish comes from the browser),
visits the dashboard and the reports menu, the page explorer, a page's edit view
and history, the translate and sync forms, wagtail-localize's translation editor,
the reports, the inbox, images and documents (with their upload views and the
chooser's upload tab), snippets and the account.

On each page the visible text (each text node, each element's text, the
``innerText`` lines, the document title, and the ``placeholder``, ``aria-label``,
``title``, ``alt`` and tooltip of visible elements, the options of visible
selects) must contain no English msgid of our catalog, Wagtail's,
wagtail-localize's, taggit's or Django's (admin, auth, core) whose Spanish
differs from it (``scripts/admin_spanish.py``, ``english_msgids``): a text equal
to a msgid, or one containing a msgid of two words or more as a whole phrase.
Placeholders match any text. A few checks catch English no catalog holds (dates
through ``strftime``, the tree roots' names, spam reason codes) and Spanish glued
to a name ("Publicar enEnglish").

``admin_spanish_allowlist.txt`` lists what may stay: content written in English,
language names, and the upstream strings hard-coded in JavaScript or data that no
catalog or template override can translate (docs/admin-spanish.md lists them).

Screenshots of every view go to ``test-artifacts/screenshots/admin-es-*.png``.
"""

import html
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.conftest import (
    DEMO_PASSWORD,
    record_figure,
    second_factor,
    sign_in_form,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ALLOWLIST = HERE / "admin_spanish_allowlist.txt"
OFFICER = "oficial-es"

# What a person reads or hears, in one go in the page.
VISIBLE_TEXT_JS = """() => {
  const shown = (el) => el.checkVisibility
    ? el.checkVisibility({ visibilityProperty: true })
    : !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const clean = (text) => (text || "").replace(/\\s+/g, " ").trim();
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(parent.tagName)) continue;
    const text = clean(node.textContent);
    if (text && shown(parent)) texts.push(text);
  }
  // A msgid with markup ("100 Pages <span class=w-sr-only>created in CLAC</span>")
  // is one element's rendered text; innerText also shows text glued across
  // inline elements ("Publicar enEnglish").
  const blocks = "a, button, label, p, li, td, th, h1, h2, h3, h4, h5, h6, legend, summary, dt, dd, caption, figcaption";
  for (const el of document.body.querySelectorAll(blocks)) {
    const text = clean(el.innerText);
    if (text && text.length < 400 && shown(el)) texts.push(text);
  }
  for (const line of document.body.innerText.split("\\n")) {
    const text = clean(line);
    if (text) texts.push(text);
  }
  texts.push(clean(document.title));
  const named = "[placeholder], [aria-label], [title], img[alt], [data-w-tooltip-content-value]";
  for (const el of document.querySelectorAll(named)) {
    if (!shown(el)) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt", "data-w-tooltip-content-value"]) {
      const value = clean(el.getAttribute(name));
      if (value) texts.push(value);
    }
  }
  for (const select of document.querySelectorAll("select")) {
    if (!shown(select)) continue;
    for (const option of select.options) {
      const text = clean(option.textContent);
      if (text) texts.push(text);
    }
  }
  return [...new Set(texts)];
}"""

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z0-9_]*\}")
WORD = re.compile(r"[A-Za-z]{2,}")
CAPITAL = "[A-ZÁÉÍÓÚÑ0-9]"
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|"
    "November|December"
)
# English that no catalog holds, and Spanish glued to what follows it: label →
# pattern. A label in the allowlist (``check: label``) silences its check.
CHECKS = {
    # wagtail_localize.compat.DATE_FORMAT through strftime (the C locale's months).
    "date in English": re.compile(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b"),
    # The page and collection trees' roots, as Wagtail's migrations name them.
    "root named Root": re.compile(r"^Root$"),
    # inquiries.views._status: the spam reason's code.
    "spam reason code": re.compile(r"\((honeypot|rate|links|too_fast|token_\w+)\)$"),
    # wagtail-localize's editor: `${source} to ${target} translation`, a literal.
    "localize editor title": re.compile(r"^\S+( \S+)? to \S+( \S+)? translation$"),
    # Upstream Spanish that lost the space before a name (fixed by the overrides).
    "glued Spanish": re.compile(
        rf"(Publicar en|Traducir con|faltantes con|Estado:|Región:|"
        rf"Visibilidad de la página:|Bloqueo:|Eliminar|flujo de trabajo){CAPITAL}"
        rf"|a las \d{{1,2}}:\d{{2}}por\b|eliminará\d|%\(\w+\)s\w"
    ),
}


def _catalog_tool():
    spec = importlib.util.spec_from_file_location(
        "admin_spanish", ROOT / "scripts" / "admin_spanish.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Allowlist:
    """``text  # reason``, ``[view] text  # reason`` or ``check: label  # reason``.

    A text is a whole visible text, or (two words or more) a phrase removed from
    the texts before they are matched (an English page title among Spanish).
    """

    everywhere: set[str] = field(default_factory=set)
    per_view: dict[str, set[str]] = field(default_factory=dict)
    checks: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path=ALLOWLIST):
        allow = cls()
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.split(" # ", 1)[0].strip()
            if not text or text.startswith("#"):
                continue
            if text.startswith("check:"):
                allow.checks.add(text.removeprefix("check:").strip())
            elif match := re.match(r"\[([\w-]+)\]\s+(.+)", text):
                allow.per_view.setdefault(match[1], set()).add(match[2])
            else:
                allow.everywhere.add(text)
        return allow

    def texts_for(self, view: str) -> set[str]:
        return self.everywhere | self.per_view.get(view, set())

    def strip(self, view: str, text: str) -> str | None:
        """The text left to check (None: all of it is allowed)."""
        for allowed in self.texts_for(view):
            if text == allowed:
                self.used.add(allowed)
                return None
            if " " in allowed and allowed in text:
                self.used.add(allowed)
                text = text.replace(allowed, " ")
        return text

    def entries(self) -> set[str]:
        return (
            self.everywhere
            | {text for texts in self.per_view.values() for text in texts}
            | self.checks
        )


class EnglishMatcher:
    """Finds English msgids in visible texts.

    A msgid without placeholders matches a text equal to it; one of two words or
    more also matches inside a text, as a whole phrase. A msgid with placeholders
    matches where its literal parts appear around any text, anywhere, when they
    hold two words or more; else it must be the whole text, each placeholder one
    word ("1-4 of 4 páginas", not an English title "Study at universities"). HTML
    msgids are compared by their text.
    """

    def __init__(self, msgids: dict[str, dict]):
        self.info = {}
        self.exact = set()
        self.phrases = []
        self.patterns = []
        for raw, info in msgids.items():
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())
            if not WORD.search(PLACEHOLDER.sub(" ", text)):
                continue  # "%(a)s: %(b)s", "#", "—": no English word of its own
            self.info.setdefault(text, {**info, "msgid": raw})
            if PLACEHOLDER.search(text):
                parts = [re.escape(part) for part in PLACEHOLDER.split(text)]
                if len(WORD.findall(PLACEHOLDER.sub(" ", text))) >= 2:
                    body = r".+?".join(parts)
                    self.patterns.append((text, re.compile(rf"(?<!\w){body}(?!\w)")))
                else:  # "%(start)s-%(end)s of %(total)s %(name)s": "1-4 of 4 páginas"
                    body = r"\S+".join(parts)
                    self.patterns.append((text, re.compile(rf"^{body}$")))
            else:
                self.exact.add(text)
                if len(text.split()) >= 2:
                    self.phrases.append(
                        (text, re.compile(rf"(?<!\w){re.escape(text)}(?!\w)"))
                    )

    def find(self, text: str) -> set[str]:
        found = {text} if text in self.exact else set()
        for phrase, pattern in self.phrases:
            if phrase in text and pattern.search(text):
                found.add(phrase)
        for msgid, pattern in self.patterns:
            if pattern.search(text):
                found.add(msgid)
        return found

    def describe(self, msgid: str) -> str:
        info = self.info.get(msgid)
        if info is None:
            return "no catalog"
        if info["spanish"] is None:
            return "untranslated in " + ", ".join(info["untranslated"] or ["?"])
        return f"Spanish {info['spanish']!r} exists: hard-coded or untranslated domain"


@pytest.fixture(scope="module")
def officer(demo_site):
    """A superuser who reads the admin in Spanish, and two inquiries in the inbox."""
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    from inquiries.models import ContactPage, Inquiry, InquiryStatus

    user, _ = get_user_model().objects.get_or_create(
        username=OFFICER, defaults={"email": "oficial@example.org"}
    )
    user.is_superuser = user.is_staff = True
    user.first_name, user.last_name = "Olga", "Oficial"
    user.set_password(DEMO_PASSWORD)
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    contact = ContactPage.objects.filter(locale__language_code="es").first()
    data = {field.clean_name: "Ana Pérez" for field in contact.form_fields.all()}
    inquiries = [
        Inquiry.objects.create(
            page=contact,
            form_key=contact.translation_key,
            language="es",
            status=status,
            spam_reason=reason,
            form_data=data,
        )
        for status, reason in ((InquiryStatus.NEW, ""), (InquiryStatus.SPAM, "rate"))
    ]
    yield user
    Inquiry.objects.filter(pk__in=[item.pk for item in inquiries]).delete()


def visits():
    """(name, path, what to do once there) for each view an officer uses."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    from core.models import MainMenu
    from home.models import HomePage, StandardPage
    from inquiries.models import Inquiry
    from news.models import NewsPage

    home = HomePage.objects.get(locale__language_code="es")
    news = NewsPage.objects.filter(locale__language_code="es").order_by("path").first()
    english = news.get_translation(Locale.objects.get(language_code="en"))
    source = TranslationSource.objects.get_for_instance(news)
    image = get_image_model().objects.order_by("pk").first()
    document = get_document_model().objects.order_by("pk").first()
    menu = MainMenu.objects.filter(locale__language_code="es").first()
    spam = Inquiry.objects.filter(spam_reason="rate").order_by("-pk").first()
    # The translate form opens only for a page with a language left (else it
    # redirects with the reason), and the demo translates every page: a Spanish
    # draft of its own, which readers never see.
    to_translate = StandardPage.objects.filter(slug="para-traducir").first()
    if to_translate is None:
        to_translate = home.add_child(
            instance=StandardPage(
                title="Página para traducir", slug="para-traducir", live=False
            )
        )
    return [
        ("dashboard", "/admin/", None),
        ("reports-menu", "/admin/", open_reports_menu),
        ("explorer", f"/admin/pages/{home.pk}/", None),
        ("explorer-root", "/admin/pages/", None),
        ("edit", f"/admin/pages/{news.pk}/edit/", open_footer_menu),
        ("history", f"/admin/pages/{news.pk}/history/", None),
        ("translate", f"/admin/localize/submit/page/{to_translate.pk}/", None),
        ("update-translations", f"/admin/localize/update/{source.pk}/", None),
        ("translation-editor", f"/admin/pages/{english.pk}/edit/", wait_for_editor),
        ("translation-status", "/admin/reports/translation-status/", None),
        ("report-locked", "/admin/reports/locked/", None),
        ("report-workflow", "/admin/reports/workflow/", None),
        ("report-workflow-tasks", "/admin/reports/workflow_tasks/", None),
        ("report-site-history", "/admin/reports/site-history/", None),
        ("report-aging", "/admin/reports/aging-pages/", None),
        ("report-page-types", "/admin/reports/page-types-usage/", None),
        ("inbox", "/admin/inquiries/", None),
        ("inquiry", f"/admin/inquiries/edit/{spam.pk}/", None),
        ("images", "/admin/images/", None),
        ("image", f"/admin/images/{image.pk}/", None),
        ("images-upload", "/admin/images/multiple/add/", None),
        (
            "image-chooser-upload",
            f"/admin/pages/add/news/newspage/{news.get_parent().pk}/",
            open_image_upload_tab,
        ),
        ("documents", "/admin/documents/", None),
        ("document", f"/admin/documents/edit/{document.pk}/", None),
        ("documents-upload", "/admin/documents/multiple/add/", None),
        ("snippets", "/admin/snippets/core/mainmenu/", None),
        ("snippet-edit", f"/admin/snippets/core/mainmenu/edit/{menu.pk}/", None),
        ("account", "/admin/account/", None),
        ("two-factor", "/admin/two-factor/", None),
    ]


def open_reports_menu(page):
    page.locator("#wagtail-sidebar").get_by_role("button", name="Informes").click()
    page.get_by_role("link", name="Estado de las traducciones").wait_for()


def open_footer_menu(page):
    page.locator("footer .w-dropdown__toggle").first.click()
    page.wait_for_timeout(300)


def wait_for_editor(page):
    page.locator(".js-translation-editor h3").first.wait_for()
    page.wait_for_load_state("networkidle")


def open_image_upload_tab(page):
    page.locator("#id_hero_image-chooser button.chooser__choose-button").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name="Subir").click()
    modal.locator("select:visible").first.wait_for()


def scan(page, views, matcher, allow, shots_dir):
    """[(view, text, what it matched)] over every view."""
    found = []
    for name, path, action in views:
        response = page.goto(path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(path), f"{path} redirected to {page.url}"
        assert page.locator("html").get_attribute("lang") == "es", path
        if action:
            action(page)
        page.screenshot(path=shots_dir / f"admin-es-{name}.png", full_page=True)
        for text in page.evaluate(VISIBLE_TEXT_JS):
            rest = allow.strip(name, text)
            if rest is None:
                continue
            for msgid in sorted(matcher.find(rest)):
                found.append((name, text, msgid, matcher.describe(msgid)))
            for label, pattern in CHECKS.items():
                if pattern.search(rest):
                    if label in allow.checks:
                        allow.used.add(label)
                    else:
                        found.append((name, text, label, "check"))
    return found


def test_the_admin_an_officer_uses_shows_no_english(new_page, officer, screenshots_dir):
    matcher = EnglishMatcher(_catalog_tool().english_msgids())
    allow = Allowlist.load()
    views = visits()

    page = new_page(locale="en-US")
    sign_in_form(page, OFFICER, code=second_factor(OFFICER))
    page.wait_for_url("**/admin/")

    found = scan(page, views, matcher, allow, screenshots_dir)
    lines = sorted(
        {f"{view}: {hit!r} ({why}) in {text[:100]!r}" for view, text, hit, why in found}
    )
    record_figure(
        "admin in Spanish",
        f"{len(views)} views, {len(matcher.info)} English msgids looked for, "
        f"{len(lines)} found, {len(allow.used)} allowlist entries used",
    )
    for entry in sorted(allow.entries() - allow.used):
        record_figure("admin in Spanish", f"allowlist entry not seen: {entry!r}")
    for line in lines:
        record_figure("admin in Spanish", line)
    assert not lines, "English in the Spanish admin:\n" + "\n".join(lines)
