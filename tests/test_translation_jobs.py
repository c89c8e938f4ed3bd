"""Translating a whole section is a queued task, not work inside the request."""

from django.test import override_settings

import pytest
from django_tasks_db.models import DBTaskResult

from tests import localize_helpers as lh

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_subtree_translation_is_enqueued_with_ids_then_run(
    site_setup, client, superuser
):
    from core.translation_jobs import translate_subtree
    from home.models import StandardPage

    home = site_setup["home"]
    lh.translate_directly(home, codes=("fr",), user=superuser)
    section = lh.add_page(home, StandardPage(title="Sección", slug="seccion"))
    children = [
        lh.add_page(section, StandardPage(title=f"Hija {n}", slug=f"hija-{n}"))
        for n in range(3)
    ]
    client.force_login(superuser)
    with override_settings(TASKS=DB_BACKEND):
        response = lh.submit(client, section, codes=("fr",), include_subtree="on")
        assert response.status_code == 302
        # The section itself is translated in the request; its pages wait in the queue.
        assert lh.translation_for(section, "fr").get_target_instance()
        assert not any(
            child.get_translations().filter(locale__language_code="fr").exists()
            for child in children
        )
        task = DBTaskResult.objects.get(
            task_path="core.translation_jobs.translate_subtree"
        )
        assert task.status == "READY"
        assert task.args_kwargs["kwargs"]["page_id"] == section.pk  # ids, not objects
        # What the worker does with the row: call the task with its stored ids.
        translate_subtree.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    for child in children:
        translated = child.get_translations().get(locale__language_code="fr")
        assert not translated.live  # drafts until someone publishes them
