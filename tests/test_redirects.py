"""Old WordPress URLs: the CSV import and how the redirects behave for readers."""

from django.conf import settings
from django.core.management import CommandError, call_command

from wagtail.contrib.redirects.models import Redirect

import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns_page(home_es):
    page = StandardPage(title="Campañas", slug="campanas")
    home_es.add_child(instance=page)
    page.save_revision().publish()
    child = StandardPage(title="Universidades", slug="universidades")
    page.add_child(instance=child)
    child.save_revision().publish()
    return child


def write_csv(tmp_path, text, name="redirects.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_creates_redirects_to_pages_and_urls(tmp_path, campaigns_page, capsys):
    csv_file = write_csv(
        tmp_path,
        "old_path,target\n"
        "/campanas/universidades/,/es/campanas/universidades/\n"
        "/2019/05/feria-comercio-justo/,https://fairtrade.example.org/feria\n"
        "\n"
        "/quienes-somos,/es/\n",
    )
    call_command("import_redirects_csv", csv_file)
    assert "3 redirects created, 0 updated." in capsys.readouterr().out
    to_page = Redirect.objects.get(old_path="/campanas/universidades")
    assert to_page.redirect_page.specific == campaigns_page
    assert to_page.is_permanent
    to_url = Redirect.objects.get(old_path="/2019/05/feria-comercio-justo")
    assert to_url.redirect_link == "https://fairtrade.example.org/feria"

    # Running the same file again updates instead of duplicating.
    call_command("import_redirects_csv", csv_file)
    assert "0 redirects created, 3 updated." in capsys.readouterr().out
    assert Redirect.objects.count() == 3


def test_malformed_file_imports_nothing_and_names_every_bad_line(
    tmp_path, campaigns_page
):
    csv_file = write_csv(
        tmp_path,
        "old_path,target\n"
        "/ok/,/es/campanas/\n"  # line 2: fine
        "sin-barra,/es/\n"  # line 3: old_path is not a path
        "/no-existe/,/es/pagina-que-no-existe/\n"  # line 4: no such page
        "/ftp/,ftp://example.org/file\n"  # line 5: not http(s)
        "/tres/,/es/,extra\n"  # line 6: three columns
        "/ok,/es/\n"  # line 7: same old path as line 2 once normalised
        "/vacio/,\n",  # line 8: empty target
    )
    with pytest.raises(CommandError) as error:
        call_command("import_redirects_csv", csv_file)
    message = str(error.value)
    assert "Nothing imported" in message
    for line in (3, 4, 5, 6, 7, 8):
        assert f"Line {line}:" in message
    assert "Line 2:" not in message
    assert "repeats line 2" in message
    assert Redirect.objects.count() == 0


def test_wrong_header_is_refused(tmp_path, site_setup):
    csv_file = write_csv(tmp_path, "from,to\n/a/,/es/\n")
    with pytest.raises(CommandError, match="Line 1: the header must be exactly"):
        call_command("import_redirects_csv", csv_file)
    assert Redirect.objects.count() == 0


def test_dry_run_saves_nothing(tmp_path, site_setup, capsys):
    csv_file = write_csv(tmp_path, "old_path,target\n/a/,/es/\n")
    call_command("import_redirects_csv", csv_file, "--dry-run")
    assert "1 redirects are valid" in capsys.readouterr().out
    assert Redirect.objects.count() == 0


# --- Readers following old links -----------------------------------------------------------


def test_old_unprefixed_path_redirects_to_the_page(client, tmp_path, campaigns_page):
    call_command(
        "import_redirects_csv",
        write_csv(
            tmp_path,
            "old_path,target\n/campanas/universidades/,/es/campanas/universidades/\n",
        ),
    )
    response = client.get("/campanas/universidades/", HTTP_ACCEPT_LANGUAGE="fr")
    # Not LocaleMiddleware's /fr/campanas/universidades/ language redirect:
    assert response.status_code == 301
    assert response["Location"] == "/es/campanas/universidades/"
    assert client.get(response["Location"]).status_code == 200


def test_campaign_codes_in_the_query_string_survive_the_redirect(
    client, tmp_path, campaigns_page
):
    call_command(
        "import_redirects_csv",
        write_csv(
            tmp_path,
            "old_path,target\n"
            "/campanas/universidades/,/es/campanas/universidades/\n"
            "/tienda/,https://shop.example.org/?ref=clac\n",
        ),
    )
    response = client.get(
        "/campanas/universidades/?utm_source=boletin&utm_campaign=mayo%202024"
    )
    assert response.status_code == 301
    assert response["Location"] == (
        "/es/campanas/universidades/?utm_source=boletin&utm_campaign=mayo%202024"
    )
    # A target with its own query string gets ours appended with "&".
    response = client.get("/tienda/?utm_medium=email")
    assert response["Location"] == "https://shop.example.org/?ref=clac&utm_medium=email"
    # No query string: the target unchanged.
    assert client.get("/tienda/")["Location"] == "https://shop.example.org/?ref=clac"


def test_a_redirect_for_an_exact_query_does_not_repeat_it(client, campaigns_page):
    # Old WordPress permalinks are query strings: /archivo/?p=123 means one post.
    Redirect.objects.create(
        old_path=Redirect.normalise_path("/archivo/?p=123"),
        redirect_page=campaigns_page,
    )
    response = client.get("/archivo/?p=123")
    assert response.status_code == 301
    assert response["Location"] == "/es/campanas/universidades/"


def test_unknown_old_path_still_gets_the_language_redirect_then_404(client, site_setup):
    response = client.get("/nada-por-aqui/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/nada-por-aqui/"
    assert client.get(response["Location"]).status_code == 404


def test_middleware_order():
    middleware = settings.MIDDLEWARE
    # Probes first: before the SSL redirect and the ALLOWED_HOSTS check.
    assert middleware[0] == "core.middleware.HealthCheckMiddleware"
    assert middleware.index("core.middleware.HealthCheckMiddleware") < middleware.index(
        "django.middleware.common.CommonMiddleware"
    )
    # Responses travel back up the list: the redirect middleware must come after
    # the locale middleware to see an old path's 404 first.
    assert middleware.index("core.middleware.QueryStringRedirectMiddleware") > (
        middleware.index("core.middleware.ClacLocaleMiddleware")
    )
    assert "wagtail.contrib.redirects.middleware.RedirectMiddleware" not in middleware
