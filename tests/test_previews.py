"""Every preview in the admin opens, for an editor, with the site's reader markup.

The models are discovered, not listed: every snippet registered in the admin that is
previewable (``get_snippet_models()``) and every page type. Each is previewed the
way the admin's preview panel does it: the edit form's data (read from the edit
view's HTML, with the StreamFields a browser's scripts would post) is POSTed to the
preview URL, with one text changed, then the preview is opened with a GET and must
show that change inside the site's own page (``base.html``), not Wagtail's "preview
not available" page. Snippets are also previewed from their add view.
"""

import html
import json
import re

from django.apps import apps
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from wagtail import blocks
from wagtail.models import Locale, Page, PreviewableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import querydict_from_html

import bs4
import pytest

from core.models import MainMenu
from demo.tree import build_site

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MARKER = "Vista previa «prueba» 1234"
PREVIEW_SNIPPETS = sorted(
    (model for model in get_snippet_models() if issubclass(model, PreviewableMixin)),
    key=lambda model: model._meta.label,
)
PAGE_TYPES = sorted(
    (
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page
    ),
    key=lambda model: model._meta.label,
)
# What the site shows of each snippet, where readers see it (inside <main>): the
# markup of the template tag or include the preview stands for.
READER_MARKUP = {
    "core.MainMenu": ['<nav class="main-nav"', "<li><a href="],
    "core.Footer": ['<footer class="site-footer"', "<address>", 'class="footer-links"'],
    "core.CallToAction": ['<section class="cta-band">', 'class="button" href="/es/'],
    "campaigns.Partner": ['<ul class="partner-list">', "<picture", 'rel="noopener"'],
}


def ids(model):
    return model._meta.label


@pytest.fixture(scope="module")
def _site_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """demo.tree.build_site once for the module (an instance of every page type
    and snippet), inside a transaction rolled back at the end."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            build_site(news_count=1, languages=("en",), photo_size=(320, 180))
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.disable()


@pytest.fixture
def editor_client(_site_content, client, editor):
    client.force_login(editor)
    return client


# --- Form data as the browser posts it ---------------------------------------------


def stream_data(block, state, prefix, data):
    """Flatten a block's form state (what the admin's scripts start from) into the
    POST data they submit (what ``value_from_datadict`` reads back)."""
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data[f"{prefix}-{index}-type"] = child["type"]
            data[f"{prefix}-{index}-id"] = child.get("id") or ""
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            stream_data(
                block.child_blocks[child["type"]],
                child["value"],
                f"{prefix}-{index}-value",
                data,
            )
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data[f"{prefix}-{index}-id"] = child.get("id") or ""
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            stream_data(
                block.child_block, child["value"], f"{prefix}-{index}-value", data
            )
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            stream_data(child, (state or {}).get(name), f"{prefix}-{name}", data)
    elif isinstance(state, bool):
        if state:
            data[prefix] = "on"
    elif isinstance(state, dict):  # a chooser: the hidden input holds the id
        data[prefix] = str(state["id"])
    elif isinstance(state, list):
        data.setlist(prefix, [str(item) for item in state])
    else:
        data[prefix] = "" if state is None else str(state)


def stream_block(model, prefix):
    """The StreamField block behind a ``data-block`` element of the edit form:
    ``body`` on the model, or ``<relation>-<n>-<field>`` on an inline child."""
    parts = prefix.split("-")
    if len(parts) == 3:
        model = model._meta.get_field(parts[0]).related_model
    return model._meta.get_field(parts[-1]).stream_block


def edit_form_data(model, response):
    """The edit form of an admin page, as the browser would post it."""
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    soup = bs4.BeautifulSoup(page, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True})
    assert form is not None, "no edit form in the admin page"
    data = querydict_from_html(str(form), form_index=0)
    for element in form.find_all(attrs={"data-block": True}):
        prefix = element["id"]
        if "__prefix__" in prefix:  # an inline panel's empty template
            continue
        state = json.loads(element["data-w-block-arguments-value"])[0]
        stream_data(stream_block(model, prefix), state, prefix, data)
    return data


def with_marker(data, obj):
    """The form data with the field showing the object's name changed to MARKER."""
    data = data.copy()
    changed = [key for key, value in data.items() if value == str(obj)]
    assert changed, f"no field of the form holds {str(obj)!r}"
    data[changed[0]] = MARKER
    return data


def open_preview(client, url, data, modes):
    response = client.post(url, dict(data.lists()))
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    rendered = []
    for mode in modes:
        response = client.get(url, {"mode": mode} if mode else {})
        assert response.status_code == 200, (mode, response.status_code)
        templates = {template.name for template in response.templates}
        assert "wagtailadmin/generic/preview_error.html" not in templates
        assert "base.html" in templates, (mode, sorted(templates))
        rendered.append(response.content.decode())
    return rendered


def main_of(page):
    match = re.search(r"<main id=\"main\"[^>]*>(.*)</main>", page, re.DOTALL)
    assert match, "no <main> in the preview"
    return match.group(1)


def first_of(model):
    obj = model.objects.order_by("pk").first()  # the Spanish source
    assert obj is not None, (
        f"no {model._meta.label} to preview: add one to demo.tree.build_site"
    )
    return obj


# --- The tests -------------------------------------------------------------------


def test_previewable_models_are_found():
    labels = {model._meta.label for model in PREVIEW_SNIPPETS}
    assert set(READER_MARKUP) <= labels
    assert {"core.Topic", "news.Person"} <= labels
    assert {"home.HomePage", "inquiries.ContactPage"} <= {
        model._meta.label for model in PAGE_TYPES
    }


@pytest.mark.parametrize("model", PREVIEW_SNIPPETS, ids=ids)
def test_snippet_preview_on_edit_shows_the_edited_snippet(editor_client, model):
    obj = first_of(model)
    viewset = model.snippet_viewset
    edit = editor_client.get(reverse(viewset.get_url_name("edit"), args=[obj.pk]))
    data = with_marker(edit_form_data(model, edit), obj)
    url = reverse(viewset.get_url_name("preview_on_edit"), args=[obj.pk])
    modes = [mode for mode, _label in obj.preview_modes]
    for page in open_preview(editor_client, url, data, modes):
        assert html.escape(MARKER) in page
        main = main_of(page)
        for markup in READER_MARKUP.get(model._meta.label, []):
            assert markup in main, markup


@pytest.mark.parametrize("model", PREVIEW_SNIPPETS, ids=ids)
def test_snippet_preview_on_add_shows_the_new_snippet(editor_client, model):
    """The add view's preview, filled in with an existing snippet's values."""
    obj = first_of(model)
    viewset = model.snippet_viewset
    add = editor_client.get(reverse(viewset.get_url_name("add")), {"locale": "es"})
    assert add.status_code == 200
    edit = editor_client.get(reverse(viewset.get_url_name("edit"), args=[obj.pk]))
    data = with_marker(edit_form_data(model, edit), obj)
    url = reverse(viewset.get_url_name("preview_on_add"))
    modes = [mode for mode, _label in obj.preview_modes]
    for page in open_preview(editor_client, url, data, modes):
        assert html.escape(MARKER) in page
        main = main_of(page)
        for markup in READER_MARKUP.get(model._meta.label, []):
            assert markup in main, markup


@pytest.mark.parametrize("model", PAGE_TYPES, ids=ids)
def test_page_preview_on_edit_shows_the_edited_page(editor_client, model):
    page = first_of(model)
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = with_marker(edit_form_data(model, edit), page)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    modes = [mode for mode, _label in page.preview_modes]
    for rendered in open_preview(editor_client, url, data, modes):
        # The draft title, in <title> at least (the home page's heading is its
        # headline, a form's thank-you page says thanks), and a page body.
        assert f"<title>{html.escape(MARKER)} · CLAC</title>" in rendered
        assert main_of(rendered).strip()


def meta_label(model):
    return model._meta.label


@pytest.mark.parametrize("model", PAGE_TYPES, ids=ids)
def test_page_preview_on_add_shows_the_new_page(editor_client, model):
    """The add view's preview, before the first save (no autosave yet): filled in
    with an existing page's values, under its parent. A page not saved yet has
    its related rows only in memory: no query on them may run (a 500 before)."""
    page = first_of(model)
    parent = page.get_parent().specific
    if not model.can_create_at(parent):
        pytest.skip(f"{meta_label(model)}: no other one can be added there")
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = with_marker(edit_form_data(model, edit), page)
    data["slug"] = "vista-previa-nueva"
    meta = model._meta
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=[meta.app_label, meta.model_name, parent.pk],
    )
    modes = [mode for mode, _label in page.preview_modes]
    for rendered in open_preview(editor_client, url, data, modes):
        assert f"<title>{html.escape(MARKER)} · CLAC</title>" in rendered
        assert main_of(rendered).strip()


def test_a_translated_menu_is_previewed_in_its_language(editor_client):
    """A draft English menu shows English words and the English pages, whatever
    language the admin speaks."""
    source = MainMenu.objects.get(locale__language_code="es")
    english = source.copy_for_translation(Locale.objects.get(language_code="en"))
    english.live = False
    english.save()
    viewset = MainMenu.snippet_viewset
    edit = editor_client.get(reverse(viewset.get_url_name("edit"), args=[english.pk]))
    data = edit_form_data(MainMenu, edit)
    url = reverse(viewset.get_url_name("preview_on_edit"), args=[english.pk])
    (page,) = open_preview(editor_client, url, data, [""])
    main = main_of(page)
    assert '<nav class="main-nav" aria-label="Main menu">' in main
    links = re.findall(r'<li><a href="([^"]+)">', main)
    assert len(links) == len(source.items)
    assert all(link.startswith("/en/") for link in links), links
