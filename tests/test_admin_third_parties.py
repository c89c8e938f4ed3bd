"""The admin requests nothing from a third party either (issue 14 item 8)."""

import re

import pytest

pytestmark = pytest.mark.django_db

# What a browser fetches by itself: src= of any element, <link href=> (links a person
# follows are not requests).
EXTERNAL = re.compile(
    r"""(?:\bsrc=|<link\b[^>]*\bhref=)["'](?:https?:)?//(?!testserver)""", re.I
)


@pytest.mark.parametrize("path", ["/admin/", "/admin/account/", "/admin/users/"])
def test_admin_pages_load_nothing_from_another_host(client, superuser, path):
    client.force_login(superuser)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "gravatar" not in html.lower()
    assert not EXTERNAL.findall(html)


def test_admin_csp_allows_no_outside_images(client, superuser):
    client.force_login(superuser)
    policy = client.get("/admin/")["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if "img-src" in part)
    assert "https:" not in img_src.split()
