"""The home page rendered with the page cache off: only Wagtail's site lookup
once the fragments are warm (docs/performance.md), yet view restrictions, the
site settings and the call to action always follow what editors change (after
the commit: the tests run the commit's callbacks)."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from demo.tree import page_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(small_site):
    return small_site(news_count=2, languages=("en",))


def _json_ld(response):
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    return json.loads(match.group(1))


@pytest.mark.parametrize("language", ["es", "en"])
def test_warm_home_page_renders_without_a_query(client, site, language):
    path = page_paths(site, language)["home"]
    contact = page_paths(site, language)["contact"]
    first = client.get(path)
    with CaptureQueriesContext(connection) as captured:
        second = client.get(path)
    assert second.status_code == 200
    queries = [query["sql"] for query in captured.captured_queries]
    # The site and the route are fragments too (core/routing.py).
    assert queries == []
    assert second.content == first.content
    # The call to action leads to the contact page in the reader's language.
    assert f'<a class="button" href="{contact}">' in second.content.decode()


def test_a_new_view_restriction_applies_at_once(
    client, site, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    path = page_paths(site)["news"]
    client.get(path)
    assert client.get(path).status_code == 200  # routed from the route fragment
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=site["news_index"], restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get(path).status_code == 200


def test_home_json_ld_follows_the_site_settings(
    client, site, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from core.models import SiteSettings

    path = page_paths(site)["home"]
    client.get(path)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "nuevo@example.org"
    settings.linkedin_url = "https://www.linkedin.com/company/clac"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    data = _json_ld(client.get(path))
    assert data["email"] == "nuevo@example.org"
    assert "https://www.linkedin.com/company/clac" in data["sameAs"]
