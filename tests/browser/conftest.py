"""Browser tests: Debian's Chromium driven by Playwright against a live Django server.

One browser and one live server serve the whole directory. The demo content is
loaded once into the test database (``manage.py load_demo_content``) and the
tests read it without flushing it between tests; when the last browser test has
run, the database is put back as it was (flush, then the bootstrapped rows
restored) so the rest of the suite starts from the usual state.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Nothing leaves the machine: every host name but the live server's fails.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
DEMO_PASSWORD = "browser-tests-only"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HERE = Path(__file__).resolve().parent

# Playwright's sync API runs an event loop in the main thread; the test code
# reads the database between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Figures the tests report (axe audits, vnu errors…), printed at the end of the run.
FIGURES: dict[str, list[str]] = {}


def record_figure(topic: str, line: str) -> None:
    """Keep a figure for the end-of-run summary and in test-artifacts/ (under
    pytest-xdist a worker's terminal summary is not shown)."""
    FIGURES.setdefault(topic, []).append(line)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "browser-figures.txt").open("a") as out:
        out.write(f"{topic}: {line}\n")


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("browser quality figures")
    for topic, lines in FIGURES.items():
        for line in lines:
            terminalreporter.write_line(f"{topic}: {line}")


def pytest_collection_modifyitems(config, items):
    """Every test here is a browser test, skipped (loudly) without Chromium.

    They share one demo load and live server (``demo_site``), so under
    pytest-xdist (``--dist loadgroup``) they all run on one worker.
    """
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing: apt-get install chromium to run the browser tests"
    )
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The live server over a database holding the demo content, for this package.

    pytest-django's ``live_server`` fixture would flush every table after each
    test (it asks for ``transactional_db``); the demo load is too big to repeat,
    so this package runs pytest-django's same ``LiveServer`` once, with database
    access open for the package, and restores the database at the end.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        # Never flush a real database: pytest-django only sets up the test
        # database when a selected test is marked django_db (ours all are).
        assert "memory" in name or name.startswith("test"), f"not a test DB: {name}"
        baseline = connection.creation.serialize_db_to_string()
        media = tmp_path_factory.mktemp("media")
        overrides = override_settings(
            MEDIA_ROOT=str(media),
            # The journeys fill forms faster than a person; no spam verdict.
            INQUIRY_MIN_FILL_SECONDS=0,
            INQUIRY_RATE_LIMIT=1000,
            INQUIRY_RATE_REFUSE=1000,
        )
        overrides.enable()
        server = None
        previous_password = os.environ.get("DEMO_EDITOR_PASSWORD")
        os.environ["DEMO_EDITOR_PASSWORD"] = DEMO_PASSWORD
        (ARTIFACTS / "browser-figures.txt").unlink(missing_ok=True)  # this run's only
        try:
            load_content()
            server = LiveServer("localhost")
            yield server
        finally:
            if server is not None:
                server.stop()
            overrides.disable()
            if previous_password is None:
                os.environ.pop("DEMO_EDITOR_PASSWORD", None)
            else:
                os.environ["DEMO_EDITOR_PASSWORD"] = previous_password
            call_command(
                "flush", verbosity=0, interactive=False, inhibit_post_migrate=True
            )
            connection.creation.deserialize_db_from_string(baseline)
            # The restored rows keep their ids; move PostgreSQL's sequences past
            # them so later tests' inserts don't collide (no-op on SQLite).
            from django.apps import apps
            from django.core.management.color import no_style

            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(
                    no_style(), apps.get_models(include_auto_created=True)
                ):
                    cursor.execute(sql)
            shutil.rmtree(media, ignore_errors=True)


def load_content():
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


LANGUAGES = ["es", "en", "pt-br", "fr"]
# One page of each type a reader meets, by the model that serves it.
PAGE_TYPES = {
    "home": "home.HomePage",
    "standard": "home.StandardPage",
    "strategy": "campaigns.StrategyPage",
    "objective": "campaigns.ObjectivePage",
    "campaign_index": "campaigns.CampaignIndexPage",
    "campaign": "campaigns.CampaignPage",
    "signup": "campaigns.CampaignSignupPage",
    "news_index": "news.NewsIndexPage",
    "news": "news.NewsPage",
    "contact": "inquiries.ContactPage",
}


@pytest.fixture
def _django_db_helper(django_db_setup, demo_site):
    """Overrides pytest-django's per-test database handling for this package.

    Tests here are marked ``django_db(transaction=True)``: they write for real
    (the live server's threads see every commit), exactly like pytest-django's
    transactional tests, but the tables are not flushed after each test; the
    ``demo_site`` fixture restores the database once, after the last one.
    """
    return


@pytest.fixture(scope="package")
def page_urls(demo_site):
    """``{language: {page type: path}}`` for every page type, plus search and 404."""
    from django.apps import apps

    urls = {}
    for code in LANGUAGES:
        urls[code] = {}
        for name, label in PAGE_TYPES.items():
            model = apps.get_model(label)
            page = (
                model.objects.live()
                .filter(locale__language_code=code)
                .order_by("path")
                .first()
            )
            assert page is not None, f"the demo content has no live {label} in {code}"
            urls[code][name] = page.url
        urls[code]["search"] = f"/{code}/search/?q=caf%C3%A9"
        urls[code]["not_found"] = f"/{code}/no-such-page/"
    return urls


@pytest.fixture
def new_page(browser, demo_site):
    """Open a tab in a fresh context; ``new_page(locale=..., width=...)``."""
    contexts = []

    def _open(locale="es-ES", width=1280, height=900, **kwargs):
        context = browser.new_context(
            base_url=demo_site.url,
            locale=locale,
            viewport={"width": width, "height": height},
            **kwargs,
        )
        # Generous: the machine may be busy (the first render of each page type).
        context.set_default_timeout(45_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


LOAD_IMAGES_JS = """() => Promise.all([...document.images].map((img) => {
  img.loading = "eager";
  return img.complete ? true : new Promise((done) => { img.onload = img.onerror = done; });
}))"""


def second_factor(username):
    """A recovery code for an account that must (or does) use two factors, else
    None: the helper signs in through the real form, code and all."""
    from django.contrib.auth import get_user_model

    from core.two_factor.devices import has_device, requires_two_factor
    from tests.two_factor_helpers import fresh_recovery_code

    user = get_user_model().objects.get(username=username)
    if requires_two_factor(user) or has_device(user):
        return fresh_recovery_code(user)
    return None


def sign_in_form(page, username, password=DEMO_PASSWORD, code=None):
    """Fill and send the admin's sign-in form (the code field when ``code``)."""
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    if code is not None:
        page.fill("#id_otp_token", code)
    page.locator("form button[type=submit]").click()


def admin_login(new_page, username):
    """A new tab signed in to the admin as a demo account, the admin in Spanish
    (with a recovery code of theirs when their role requires two factors)."""
    page = new_page(locale="es-ES")
    sign_in_form(page, username, code=second_factor(username))
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == "es", "the admin is in Spanish"
    return page


def screenshot(page, path):
    """A full-page screenshot with every (lazy) image loaded."""
    page.evaluate(LOAD_IMAGES_JS)
    page.screenshot(path=path, full_page=True)


@pytest.fixture(scope="session")
def screenshots_dir():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def wcag_problems(page, axe, label):
    """axe-core's WCAG 2.2 A/AA violations on the page as it is, and a sideways
    scroll, as lines starting with ``label`` (empty when there is none)."""
    results = axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    problems = []
    for violation in results.response["violations"]:
        targets = [" ".join(n["target"]) for n in violation["nodes"][:5]]
        problems.append(f"{label} {violation['id']} ({violation['impact']}): {targets}")
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
        problems.append(f"{label} scrolls sideways")
    return problems
