"""bootstrap_site: idempotent, and each group has exactly the permissions listed."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Site,
    WorkflowPage,
)

import pytest

from home.bootstrap import translator_group_name
from home.models import HomePage

pytestmark = pytest.mark.django_db


def snapshot():
    counts = {}
    for model in apps.get_models():
        counts[model._meta.label] = model.objects.count()
    rows = {
        "group_perms": sorted(
            (g.name, p.codename)
            for g in Group.objects.all()
            for p in g.permissions.all()
        ),
        "page_perms": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page__url_path", "permission__codename"
            )
        ),
        "collection_perms": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection__name", "permission__codename"
            )
        ),
    }
    return counts, rows


def test_bootstrap_twice_leaves_identical_rows(site_setup):
    call_command("bootstrap_site", verbosity=0)
    before = snapshot()
    call_command("bootstrap_site", verbosity=0)
    assert snapshot() == before


def test_locales_site_and_home(site_setup):
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == [
        "en",
        "es",
        "fr",
        "pt-br",
    ]
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "es"
    names = set(Collection.objects.values_list("name", flat=True))
    assert {"Institucional", "Campañas", "Noticias", "Publicaciones"} <= names


def perms(name):
    return set(
        Group.objects.get(name=name).permissions.values_list("codename", flat=True)
    )


def page_perms(name):
    return set(
        GroupPagePermission.objects.filter(group__name=name).values_list(
            "page__depth", "permission__codename"
        )
    )


def collection_perms(name):
    return set(
        GroupCollectionPermission.objects.filter(group__name=name).values_list(
            "permission__codename", flat=True
        )
    )


def test_editors_group(site_setup):
    assert page_perms("Editores") == {(1, "add_page"), (1, "change_page")}
    assert collection_perms("Editores") == {
        "add_image",
        "choose_image",
        "add_document",
        "choose_document",
    }
    assert "access_admin" in perms("Editores")
    assert "publish_mainmenu" not in perms("Editores")


def test_moderators_group(site_setup):
    codes = {code for _depth, code in page_perms("Moderadores")}
    assert "publish_page" in codes
    assert "publish_mainmenu" in perms("Moderadores")
    assert "change_image" in collection_perms("Moderadores")


@pytest.mark.parametrize("code", ["en", "pt-br", "fr"])
def test_translator_groups(site_setup, code):
    name = translator_group_name(code)
    assert {"access_admin", "submit_translation"} <= perms(name)
    assert "publish_page" not in {c for _d, c in page_perms(name)}
    assert collection_perms(name) == {"choose_image", "choose_document"}


def test_inquiry_managers_group(site_setup):
    assert perms("Gestión de consultas") >= {
        "access_admin",
        "view_inquiry",
        "change_inquiry",
        "delete_inquiry",
    }
    assert not page_perms("Gestión de consultas")


def test_moderation_workflow_on_home(site_setup):
    workflow_page = WorkflowPage.objects.get(page=site_setup["home"])
    task = workflow_page.workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderadores"]


def test_tree_roots_have_spanish_names(site_setup):
    from wagtail.models import Collection, Page

    from home.bootstrap import ROOT_COLLECTION_NAME, ROOT_PAGE_TITLE

    assert Page.get_first_root_node().title == ROOT_PAGE_TITLE == "Raíz"
    assert Collection.get_first_root_node().name == ROOT_COLLECTION_NAME == "General"
