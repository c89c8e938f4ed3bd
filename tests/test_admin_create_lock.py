"""Wagtail 8 autosave and "Submit to moderation" on the page create view: the same
form must not create the page twice, fail with a server error, or lose the work."""

from unittest import mock

from django.core.cache import cache
from django.test import override_settings

from wagtail.admin.views.pages.create import CreateView
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from core import admin_create_lock
from home.models import StandardPage

from .test_page_types import add_url

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def form(title="Privacidad", slug="privacidad", **extra):
    return nested_form_data(
        {"title": title, "slug": slug, "body": streamfield([]), **extra}
    )


@override_settings(WAGTAIL_AUTOSAVE_INTERVAL=500)
def test_a_submit_right_after_the_autosave_goes_to_the_created_page(
    client, editor, home_es
):
    client.force_login(editor)
    url = add_url(StandardPage, home_es)
    autosave = client.post(url, form(), **JSON)
    assert autosave.status_code == 200
    created = autosave.json()["pk"]
    # The editor's click on "Submit to moderation", sent from the same create form.
    response = client.post(url, form(**{"action-submit": "1"}))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{created}/edit/"
    assert StandardPage.objects.child_of(home_es).filter(slug="privacidad").count() == 1
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="es")
    assert "acababa de guardarse automáticamente" in page.content.decode()


@override_settings(WAGTAIL_AUTOSAVE_INTERVAL=500)
def test_another_new_page_under_the_same_parent_is_created_normally(
    client, editor, home_es
):
    client.force_login(editor)
    url = add_url(StandardPage, home_es)
    assert client.post(url, form(), **JSON).status_code == 200
    response = client.post(url, form("Términos", "terminos"))
    assert response.status_code == 302
    assert StandardPage.objects.child_of(home_es).filter(slug="terminos").exists()


def test_the_create_view_runs_under_the_editors_lock(client, editor, home_es):
    client.force_login(editor)
    key = admin_create_lock.lock_key(editor.pk, home_es.pk)
    held = []
    original = CreateView.save_action

    def save_action(view):
        held.append(cache.get(key))
        return original(view)

    with mock.patch.object(CreateView, "save_action", save_action):
        response = client.post(add_url(StandardPage, home_es), form())
    assert response.status_code == 302
    assert held == [1]
    assert cache.get(key) is None  # released afterwards
