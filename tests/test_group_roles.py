"""Groups have stable role keys; no permission code reads a group's name (issue 14
item 3). Renaming every group changes nobody's permissions."""

from django.contrib.auth.models import Group

from wagtail.models import GroupCollectionPermission, GroupPagePermission

import pytest

from core.models import GroupRole, MainMenu
from core.translation import ALL_LANGUAGES, snippet_languages, translator_languages
from home.bootstrap import bootstrap_site, role_group

pytestmark = pytest.mark.django_db

ROLES = [
    "editors",
    "moderators",
    "inquiry-managers",
    "translators-en",
    "translators-pt-br",
    "translators-fr",
]


def permissions_by_role():
    result = {}
    for key in ROLES:
        group = role_group(key)
        result[key] = (
            group.pk,
            frozenset(group.permissions.values_list("codename", flat=True)),
            frozenset(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
            frozenset(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection_id", "permission__codename"
                )
            ),
        )
    return result


def test_every_managed_group_has_a_role_and_a_spanish_name(site_setup):
    names = {key: role_group(key).name for key in ROLES}
    assert names == {
        "editors": "Editores",
        "moderators": "Moderadores",
        "inquiry-managers": "Gestión de consultas",
        "translators-en": "Traducción al inglés",
        "translators-pt-br": "Traducción al portugués",
        "translators-fr": "Traducción al francés",
    }


def test_renaming_every_group_changes_no_permission(site_setup, django_user_model):
    translator = django_user_model.objects.create_user("tr", "tr@example.org", "pw")
    translator.groups.add(role_group("translators-fr"))
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(role_group("editors"))
    before = permissions_by_role()
    groups_before = Group.objects.count()

    for number, group in enumerate(Group.objects.all()):
        group.name = f"Equipo {number}"
        group.save()
    bootstrap_site()

    assert permissions_by_role() == before
    assert Group.objects.count() == groups_before  # nothing created beside them
    assert Group.objects.filter(name__startswith="Equipo").count() == groups_before
    translator = django_user_model.objects.get(pk=translator.pk)
    editor = django_user_model.objects.get(pk=editor.pk)
    assert translator_languages(translator) == {"fr"}
    assert snippet_languages(translator, MainMenu) == {"fr"}
    assert translator_languages(editor) == ALL_LANGUAGES  # officers translate too
    assert len(snippet_languages(editor, MainMenu)) == 4


def test_old_english_names_are_adopted_and_renamed(site_setup):
    before = permissions_by_role()
    legacy = {
        "editors": "Editors",
        "moderators": "Moderators",
        "inquiry-managers": "Inquiry managers",
        "translators-fr": "Translators fr",
    }
    for key, name in legacy.items():
        group = role_group(key)
        group.name = name
        group.save()
    GroupRole.objects.filter(key__in=legacy).delete()

    bootstrap_site()

    assert permissions_by_role() == before  # the same groups, found by their old names
    assert role_group("editors").name == "Editores"
    assert role_group("translators-fr").name == "Traducción al francés"
