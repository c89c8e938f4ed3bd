"""wagtail-localize in the admin as CLAC uses it: one translation report, dates in
the admin's language (issue 14 item 6)."""

from datetime import UTC, datetime

from django.utils import translation

from wagtail_localize.models import StringTranslation

import pytest

pytestmark = pytest.mark.django_db


def test_translation_comment_dates_are_in_the_admins_language():
    string_translation = StringTranslation(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        updated_at=datetime(2026, 12, 1, 12, tzinfo=UTC),
    )
    with translation.override("es"):
        assert "1 de diciembre de 2026" in string_translation.get_comment()
    with translation.override("fr"):
        assert "1 décembre 2026" in string_translation.get_comment()


def test_one_translation_report_in_the_menu(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "/admin/reports/translation-status/" in html
    assert "/admin/localize/reports/translations/" not in html
