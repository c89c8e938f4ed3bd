"""What bumps the cache version, and what must not (issue 13 item 4).

pytest-django wraps each test in a transaction, so ``on_commit`` callbacks never
run unless the test runs them: every check here sits inside
``django_capture_on_commit_callbacks(execute=True)``, and the tests that expect
no bump also make one change that bumps, so a "version unchanged" can't pass
because nothing ran at all."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from core import invalidation
from core.cache import get_cache_version
from demo.tree import build_tree
from home.bootstrap import MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def bumps(monkeypatch):
    """Every bump made, as its ``allow_stale`` (the real bump runs too)."""
    made = []
    real = invalidation.bump_cache_version

    def spy(*, allow_stale=False):
        made.append(allow_stale)
        return real(allow_stale=allow_stale)

    monkeypatch.setattr(invalidation, "bump_cache_version", spy)
    return made


@pytest.fixture
def tree(home_es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_tree(home_es)


@pytest.fixture
def moderator(site_setup, django_user_model):
    user = django_user_model.objects.create_user("mod1", "mod1@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def edit_form(page, **extra):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


JSON = {"HTTP_ACCEPT": "application/json"}


def test_drafts_autosaves_and_moderation_leave_the_version_alone(
    client, tree, editor, moderator, bumps, django_capture_on_commit_callbacks
):
    page = tree["standard"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        tree["home"].copy_for_translation(english).save_revision().publish()
    bumps.clear()
    before = get_cache_version()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        # "Save draft" on a live page: save_revision() saves the live row.
        draft = client.post(url, edit_form(page, title="Borrador"))
        assert draft.status_code == 302
        page.refresh_from_db()
        latest = page.get_latest_revision()
        # Wagtail 8's autosave: the first one makes a revision, the next ones
        # overwrite it.
        autosave = client.post(
            url,
            edit_form(
                page,
                title="Borrador 2",
                loaded_revision_id=latest.pk,
                loaded_revision_created_at=latest.created_at.isoformat(),
            ),
            **JSON,
        )
        assert autosave.status_code == 200, autosave.content
        revision_id = autosave.json()["revision_id"]
        for title in ("Borrador 3", "Borrador 4"):
            autosave = client.post(
                url,
                edit_form(page, title=title, overwrite_revision_id=revision_id),
                **JSON,
            )
            assert autosave.status_code == 200, autosave.content
            assert autosave.json()["revision_id"] == revision_id
        # Submit for moderation (the editor may not publish).
        submitted = client.post(url, edit_form(page, **{"action-submit": "1"}))
        assert submitted.status_code == 302
        page.refresh_from_db()
        workflow_state = page.current_workflow_state
        assert workflow_state is not None
        # A workflow step that does not publish: the moderator asks for changes.
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "reject")
        # A snippet's draft.
        from core.models import MainMenu

        menu = MainMenu.objects.create(name="Menú", locale=page.locale, live=False)
        menu.save_revision()
        # A translation draft (wagtail-localize starts translations as drafts).
        translation = page.copy_for_translation(english)
        assert not translation.live
    assert bumps == []
    assert get_cache_version() == before
    assert client.get(page.url).status_code == 200  # still the live title

    # Publishing the page: exactly one bump, which may serve previous copies.
    with django_capture_on_commit_callbacks(execute=True):
        page.specific.get_latest_revision().publish()
    assert bumps == [True]
    assert get_cache_version() != before


def test_publishing_bumps_once_however_many_changes_the_transaction_holds(
    tree, bumps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for key in ("standard", "strategy", "news"):
            page = tree[key]
            page.title += " (editado)"
            page.save_revision().publish()
    assert bumps == [True]


def test_a_rolled_back_change_does_not_bump(
    tree, bumps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                tree["standard"].save_revision().publish()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert bumps == []


def _slug_change(page):
    page.slug = "nueva-direccion"
    page.save_revision().publish()


def _move(tree):
    from wagtail.actions.move_page import MovePageAction

    MovePageAction(tree["standard"], tree["campaign"], pos="last-child").execute()


CHANGES = {
    # name: (change, whether previous copies may still be served)
    "page published": (
        lambda tree: tree["standard"].save_revision().publish(),
        True,
    ),
    "page unpublished": (lambda tree: tree["standard"].unpublish(), False),
    "page deleted": (lambda tree: tree["standard"].delete(), False),
    "page moved": (_move, False),
    "page renamed (slug)": (lambda tree: _slug_change(tree["standard"]), False),
    "view restriction saved": (
        lambda tree: PageViewRestriction.objects.create(
            page=tree["standard"], restriction_type=PageViewRestriction.LOGIN
        ),
        False,
    ),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_page_changes_bump_once(tree, bumps, django_capture_on_commit_callbacks, name):
    change, allow_stale = CHANGES[name]
    with django_capture_on_commit_callbacks(execute=True):
        change(tree)
    assert bumps == [allow_stale]


def test_a_view_restriction_deleted_or_its_groups_changed_bumps(
    tree, bumps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=tree["standard"], restriction_type=PageViewRestriction.GROUPS
        )
    bumps.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.add(Group.objects.get(name=MODERATORS))
    assert bumps == [False]
    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.clear()
    assert bumps == [False, False]
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert bumps == [False, False, False]


def test_snippets_bump_when_published_unpublished_or_deleted_live(
    site_setup, bumps, django_capture_on_commit_callbacks
):
    from core.models import Footer

    locale = Locale.get_default()
    with django_capture_on_commit_callbacks(execute=True):
        footer = Footer.objects.create(locale=locale, live=False)
        footer.save_revision()  # a draft: nothing
    assert bumps == []
    with django_capture_on_commit_callbacks(execute=True):
        footer.save_revision().publish()
    assert bumps == [True]
    footer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        footer.address = "Otra dirección"
        footer.save_revision()  # a draft of a live snippet: nothing
    assert bumps == [True]
    with django_capture_on_commit_callbacks(execute=True):
        footer.unpublish()
    assert bumps == [True, False]
    with django_capture_on_commit_callbacks(execute=True):
        footer.delete()  # no longer live: nothing readers saw
    assert bumps == [True, False]
    with django_capture_on_commit_callbacks(execute=True):
        live = Footer.objects.create(locale=locale)
        live.save_revision().publish()
    live.refresh_from_db()
    bumps.clear()
    with django_capture_on_commit_callbacks(execute=True):
        live.delete()
    assert bumps == [False]


def test_settings_images_locales_and_sites_bump(
    site_setup, bumps, django_capture_on_commit_callbacks
):
    from core.models import SiteSettings

    from .news_helpers import make_image

    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        settings = SiteSettings.for_site(site)
        settings.contact_email = "nuevo@example.org"
        settings.save()
    assert bumps[-1] is True
    bumps.clear()
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    assert bumps == [True]
    with django_capture_on_commit_callbacks(execute=True):
        image.title = "Otra"
        image.save()
    assert bumps == [True, True]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert bumps == [True, True, False]
    bumps.clear()
    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "CLAC"
        site.save()
    assert bumps == [False]
    with django_capture_on_commit_callbacks(execute=True):
        Locale.objects.create(language_code="de")
    assert bumps == [False, False]


def test_without_running_the_commit_callbacks_nothing_bumps(tree, bumps):
    """The trap the other tests avoid: inside the test's transaction a change's
    bump waits for a commit that never comes."""
    tree["standard"].unpublish()
    assert bumps == []
