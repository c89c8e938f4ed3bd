"""Machine translation that keeps CLAC's terms (issue 20), against a fake API server.

The fake server (http.server on loopback) answers the DeepL endpoints the
translator and the ``deepl`` client call (POST /v2/translate, /v2/glossaries
create, list, delete) and LibreTranslate's POST /translate, and records every
request. The translations go through the real admin views, as a French translator.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.contrib.messages import ERROR, get_messages
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail_localize.models import StringTranslation

import pytest

from core import machine_translation
from core.glossary import GLOSSARY_PATH
from core.models import MachineGlossary
from home.bootstrap import bootstrap_site, role_group
from tests import localize_helpers as lh

pytestmark = pytest.mark.django_db

PORTS = range(8760, 8780)
FAIR_TRADE_ES = "Apoyamos el comercio justo en cada municipio"


class FakeAPI(ThreadingHTTPServer):
    """DeepL and LibreTranslate as far as CLAC uses them; ``requests`` records calls."""

    daemon_threads = True

    def __init__(self, address):
        super().__init__(address, FakeHandler)
        self.requests = []
        self.glossaries = {}  # id → {"info": …, "entries": {source: target}}
        self.failures = {}  # path → [status, …] answered in turn before succeeding
        self.delay = 0

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_port}"

    def calls(self, method, path=None):
        return [
            r
            for r in self.requests
            if r["method"] == method and (path is None or r["path"] == path)
        ]


class FakeHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _record(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        if "json" in (self.headers.get("Content-Type") or ""):
            body = json.loads(raw) if raw else {}
        else:
            body = parse_qs(raw)
        path = urlsplit(self.path).path
        self.server.requests.append(
            {
                "method": method,
                "path": path,
                "body": body,
                "authorization": self.headers.get("Authorization"),
            }
        )
        return path, body

    def _answer(self, status, payload=None):
        data = json.dumps(payload).encode() if payload is not None else b""
        # The client may have given up already (the timeout test).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def _failure(self, path):
        pending = self.server.failures.get(path)
        if pending:
            status = pending.pop(0)
            if status:
                self._answer(status, {"message": "fake failure"})
                return True
        return False

    def do_GET(self):
        path, _body = self._record("GET")
        if path == "/v2/glossaries":
            infos = [item["info"] for item in self.server.glossaries.values()]
            return self._answer(200, {"glossaries": infos})
        return self._answer(404, {"message": "no such endpoint"})

    def do_DELETE(self):
        path, _body = self._record("DELETE")
        glossary_id = path.removeprefix("/v2/glossaries/")
        if self.server.glossaries.pop(glossary_id, None) is None:
            return self._answer(404, {"message": "Glossary not found"})
        return self._answer(204)

    def do_POST(self):
        path, body = self._record("POST")
        if self.server.delay:
            time.sleep(self.server.delay)
        if self._failure(path):
            return None
        if path == "/v2/glossaries":
            return self._create_glossary(body)
        if path == "/v2/translate":
            return self._deepl_translate(body)
        if path == "/translate":
            return self._libre_translate(body)
        return self._answer(404, {"message": "no such endpoint"})

    def _create_glossary(self, body):
        entries = dict(
            line.split("\t") for line in body["entries"].splitlines() if line
        )
        glossary_id = str(uuid.uuid4())
        info = {
            "glossary_id": glossary_id,
            "name": body["name"],
            "ready": True,
            "source_lang": body["source_lang"].lower(),
            "target_lang": body["target_lang"].lower(),
            "creation_time": "2026-12-02T06:00:00.000000Z",
            "entry_count": len(entries),
        }
        self.server.glossaries[glossary_id] = {"info": info, "entries": entries}
        return self._answer(201, info)

    def _deepl_translate(self, body):
        target = body["target_lang"][0]
        glossary = self.server.glossaries.get((body.get("glossary_id") or [""])[0])
        translations = []
        for text in body["text"]:
            if glossary:  # longest source terms first, as a glossary would
                for source in sorted(glossary["entries"], key=len, reverse=True):
                    text = text.replace(source, glossary["entries"][source])
            translations.append(
                {"detected_source_language": "ES", "text": f"[{target}] {text}"}
            )
        return self._answer(200, {"translations": translations})

    def _libre_translate(self, body):
        # A literal machine: "comercio justo" word for word (which CLAC forbids).
        translated = [
            f"[{body['target']}] " + text.replace("comercio justo", "commerce juste")
            for text in body["q"]
        ]
        return self._answer(200, {"translatedText": translated})


@pytest.fixture
def fake_api():
    for port in PORTS:
        try:
            server = FakeAPI(("127.0.0.1", port))
            break
        except OSError:
            continue
    else:
        pytest.fail(f"no free port in {PORTS.start}-{PORTS.stop - 1}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def glossary_file(settings, tmp_path):
    """A copy of CLAC's glossary the test may change (a new file: load() caches)."""
    path = tmp_path / "glossary-1.csv"
    shutil.copy(GLOSSARY_PATH, path)
    settings.CLAC_GLOSSARY_PATH = path
    return path


@pytest.fixture
def deepl(settings, fake_api, glossary_file):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "core.machine_translation.ClacDeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": "test-key",
            "API_URL": fake_api.url,
            "FORMALITY": {"FR": "prefer_more", "PT-BR": "prefer_less"},
            "TIMEOUT": 5,
        },
    }
    return fake_api


@pytest.fixture
def libretranslate(settings, fake_api, glossary_file):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "core.machine_translation.ClacLibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": fake_api.url + "/",
            "API_KEY": "libre-key",
            "TIMEOUT": 5,
        },
    }
    return fake_api


@pytest.fixture
def world(site_setup, superuser):
    from home.models import StandardPage

    home = site_setup["home"]
    lh.translate_directly(home, codes=("fr",), user=superuser)
    bootstrap_site()  # gives the French translators their home tree
    page = lh.add_page(
        home,
        StandardPage(title="Comercio justo", slug="comercio", intro=FAIR_TRADE_ES),
    )
    return {"home": home, "page": page}


@pytest.fixture
def admin(superuser):
    from django.test import Client

    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def translator(client, django_user_model, world):
    user = django_user_model.objects.create_user("traductrice", "t@example.org", "pw")
    user.groups.add(role_group("translators-fr"))
    client.force_login(user)
    return client


def french_translation(admin, page):
    assert lh.submit(admin, page, codes=("fr",)).status_code == 302
    translation = lh.translation_for(page, "fr")
    return translation, translation.get_target_instance()


def machine_translate(client, translation, target, **extra):
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    return client.post(url, {"next": lh.edit_url(target)}, **extra)


def french_strings(target):
    return dict(
        StringTranslation.objects.filter(
            locale=target.locale, context__object_id=target.translation_key
        ).values_list("context__path", "data")
    )


def sync_glossary(*args):
    out = StringIO()
    call_command("sync_glossary", *args, stdout=out)
    return out.getvalue()


# --- DeepL with CLAC's glossary -----------------------------------------------------


def test_deepl_translation_from_spanish_to_french_sends_the_synced_glossary(
    deepl, world, admin, translator
):
    sync_glossary()
    recorded = MachineGlossary.objects.get(source_lang="ES", target_lang="FR")
    translation, target = french_translation(admin, world["page"])

    response = machine_translate(translator, translation, target)

    assert response.status_code == 302
    assert response["Location"] == lh.edit_url(target)
    (call,) = deepl.calls("POST", "/v2/translate")
    assert call["authorization"] == "DeepL-Auth-Key test-key"
    assert call["body"]["glossary_id"] == [recorded.glossary_id]
    assert call["body"]["source_lang"] == ["ES"]
    assert call["body"]["target_lang"] == ["FR"]
    assert call["body"]["formality"] == ["prefer_more"]  # CLAC writes "vous"
    strings = french_strings(target)
    assert strings["intro"] == "[FR] Apoyamos el commerce équitable en cada commune"
    assert StringTranslation.objects.filter(
        locale=target.locale, translation_type="machine", tool_name="DeepL"
    ).exists()
    assert lh.untranslated_sources(translator, target) == []


def test_sync_glossary_creates_one_glossary_per_pair_and_is_idempotent(
    deepl, site_setup
):
    first = sync_glossary()

    created = deepl.calls("POST", "/v2/glossaries")
    pairs = {(c["body"]["source_lang"], c["body"]["target_lang"]) for c in created}
    assert pairs == {("ES", "EN"), ("ES", "PT"), ("ES", "FR")}
    recorded = {
        (row.source_lang, row.target_lang): row.glossary_id
        for row in MachineGlossary.objects.all()
    }
    assert set(recorded) == {("ES", "EN-GB"), ("ES", "PT-BR"), ("ES", "FR")}
    assert set(recorded.values()) == set(deepl.glossaries)
    fr = deepl.glossaries[recorded[("ES", "FR")]]["entries"]
    assert fr["comercio justo"] == "commerce équitable"
    assert fr["Redes de País"] == "réseaux nationaux"
    assert "created" in first

    before = len(deepl.requests)
    second = sync_glossary()

    assert len(deepl.requests) == before  # no API call at all
    assert second.count("up to date") == 3
    assert {
        (row.source_lang, row.target_lang): row.glossary_id
        for row in MachineGlossary.objects.all()
    } == recorded


def test_a_changed_glossary_is_synced_again_and_the_old_one_deleted(
    deepl, world, admin, translator, settings, glossary_file, tmp_path
):
    sync_glossary()
    old = MachineGlossary.objects.get(target_lang="FR").glossary_id
    others = set(
        MachineGlossary.objects.exclude(target_lang="FR").values_list(
            "glossary_id", flat=True
        )
    )
    changed = tmp_path / "glossary-2.csv"
    changed.write_text(
        glossary_file.read_text(encoding="utf-8").replace(
            "commune|communes", "collectivité|collectivités"
        ),
        encoding="utf-8",
    )
    settings.CLAC_GLOSSARY_PATH = changed
    deepl.requests.clear()

    output = sync_glossary()

    (create,) = deepl.calls("POST", "/v2/glossaries")
    assert create["body"]["target_lang"] == "FR"
    new = MachineGlossary.objects.get(target_lang="FR").glossary_id
    assert new != old
    assert [c["path"] for c in deepl.calls("DELETE")] == [f"/v2/glossaries/{old}"]
    assert old not in deepl.glossaries
    assert set(deepl.glossaries) == others | {new}
    assert output.count("up to date") == 2

    translation, target = french_translation(admin, world["page"])
    machine_translate(translator, translation, target)
    (call,) = deepl.calls("POST", "/v2/translate")
    assert call["body"]["glossary_id"] == [new]
    assert "collectivité" in french_strings(target)["intro"]


def test_sync_glossary_dry_run_calls_nothing_and_records_nothing(deepl, site_setup):
    output = sync_glossary("--dry-run")

    assert deepl.requests == []
    assert not MachineGlossary.objects.exists()
    assert output.count("would create") == 3


def test_deepl_falls_back_to_the_configured_glossary_ids(deepl, settings):
    options = settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["OPTIONS"]
    options["GLOSSARY_IDS"] = {("ES", "FR"): "from-settings"}
    translator = machine_translation.ClacDeepLTranslator(options)
    assert translator.glossary_id("ES", "FR") == "from-settings"
    MachineGlossary.objects.create(
        source_lang="ES",
        target_lang="FR",
        glossary_id="recorded",
        digest="x",
        synced_at="2026-12-02T06:00Z",
    )
    assert translator.glossary_id("ES", "FR") == "recorded"
    assert translator.glossary_id("ES", "EN-GB") is None


# --- Failures: a message in the admin, nothing saved ---------------------------------


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (500, "respondió con un error (HTTP 500)."),
        (456, "la cuenta agotó su cuota de traducción."),
    ],
)
def test_an_api_error_is_shown_in_the_admin_and_nothing_is_saved(
    deepl, world, admin, translator, monkeypatch, status, reason
):
    # One string per request: the first answer arrives, the second fails, and
    # even the first is not saved.
    monkeypatch.setattr(machine_translation, "DEEPL_BATCH", 1)
    deepl.failures["/v2/translate"] = [None, status]
    translation, target = french_translation(admin, world["page"])

    response = machine_translate(translator, translation, target)

    assert response.status_code == 302
    assert response["Location"] == lh.edit_url(target)
    (message,) = get_messages(response.wsgi_request)
    assert message.level == ERROR
    # In the admin's language (Spanish here).
    assert str(message) == (
        f"DeepL no pudo traducir esta página: {reason} No se guardó nada; "
        "inténtalo más tarde o traduce a mano."
    )
    assert len(deepl.calls("POST", "/v2/translate")) == 2
    assert french_strings(target) == {}
    page = translator.get(response["Location"])
    assert page.status_code == 200
    assert "DeepL no pudo traducir esta página" in page.content.decode()


def test_a_timeout_is_shown_in_the_admin_and_nothing_is_saved(
    deepl, world, admin, translator, settings
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["OPTIONS"]["TIMEOUT"] = 1
    deepl.delay = 1.5
    translation, target = french_translation(admin, world["page"])

    response = machine_translate(translator, translation, target)

    (message,) = get_messages(response.wsgi_request)
    assert "DeepL no pudo traducir esta página: no respondió a tiempo (1 s)." in str(
        message
    )
    assert french_strings(target) == {}


def test_a_failed_sync_with_machine_translation_keeps_everything_as_it_was(
    deepl, world, admin
):
    translation, target = french_translation(admin, world["page"])
    deepl.failures["/v2/translate"] = [500]

    response = lh.sync(admin, world["page"], use_machine_translation="on")

    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("HTTP 500" in m for m in messages), messages
    assert french_strings(target) == {}


# --- LibreTranslate: no glossary, so the status report lists what breaks it --------


def test_libretranslate_fills_the_strings_and_the_report_lists_the_breaches(
    libretranslate, world, admin, translator
):
    translation, target = french_translation(admin, world["page"])

    response = machine_translate(translator, translation, target)

    assert response.status_code == 302
    (call,) = libretranslate.calls("POST", "/translate")
    assert call["body"]["source"] == "es"
    assert call["body"]["target"] == "fr"
    assert call["body"]["api_key"] == "libre-key"
    assert FAIR_TRADE_ES in call["body"]["q"]
    assert lh.untranslated_sources(translator, target) == []
    assert french_strings(target)["intro"] == (
        "[fr] Apoyamos el commerce juste en cada municipio"
    )

    report = translator.get(reverse("translation_status"))
    html = report.content.decode()
    page = world["page"]
    section = html[html.index(f'id="glossary-{page.pk}-fr"') :]
    section = section[: section.index("</section>")]
    assert "[fr] Apoyamos el commerce juste en cada municipio" in section
    assert "usa «commerce juste», que el glosario prohíbe" in section
    assert "debería decir «commerce équitable»" in section
    assert "debería decir «commune»" in section
    assert "(LibreTranslate)" in section
    assert f'href="{lh.edit_url(target)}"' in section
    assert f'href="#glossary-{page.pk}-fr"' in html
    # The title "Comercio justo" came back as "[fr] Comercio justo": also listed.
    assert section.count('class="glossary-breach"') == 2

    # A person fixes the intro in the translation editor: it leaves the list.
    segment = lh.segments_of(page).get(context__path="intro")
    fixed = "Nous soutenons le commerce équitable dans chaque commune"
    assert lh.put_string(translator, translation, segment, fixed).status_code in (
        200,
        201,
    )
    html = translator.get(reverse("translation_status")).content.decode()
    section = html[html.index(f'id="glossary-{page.pk}-fr"') :]
    section = section[: section.index("</section>")]
    assert section.count('class="glossary-breach"') == 1
    assert "commerce juste" not in section


def test_the_report_forgets_strings_the_source_no_longer_has(
    libretranslate, world, admin
):
    page = world["page"]
    translation, target = french_translation(admin, page)
    machine_translate(admin, translation, target)
    page.title = "Nuestro trabajo"
    page.intro = "Trabajamos con cooperativas."
    lh.publish(page)

    assert lh.sync(admin, page).status_code == 302

    html = admin.get(reverse("translation_status")).content.decode()
    assert f'id="glossary-{page.pk}-fr"' not in html
    assert "commerce juste" not in html


@pytest.mark.slow
def test_the_report_counts_the_same_queries_however_many_breaches(
    libretranslate, world, admin
):
    from home.models import StandardPage

    url = reverse("translation_status")
    first, target = french_translation(admin, world["page"])
    machine_translate(admin, first, target)
    admin.get(url)
    with CaptureQueriesContext(connection) as small:
        assert admin.get(url).status_code == 200
    for number in range(4):
        page = lh.add_page(
            world["home"],
            StandardPage(title=f"Municipio {number}", slug=f"m{number}"),
        )
        translation, target = french_translation(admin, page)
        machine_translate(admin, translation, target)
    with CaptureQueriesContext(connection) as large:
        response = admin.get(url)
    assert len(large) == len(small)
    assert response.content.decode().count('class="glossary-breach"') >= 6


# --- Settings from the environment ----------------------------------------------


def translator_setting(**env):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR as the production settings make it."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(SETTING_PREFIXES)}
    environment = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "clac_cms.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "clac.example.org",
        **env,
    }
    code = (
        "import json, importlib, os;"
        "s = importlib.import_module(os.environ['DJANGO_SETTINGS_MODULE']);"
        "print(json.dumps(getattr(s, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        return result.stderr.strip().splitlines()[-1]
    return json.loads(result.stdout)


SETTING_PREFIXES = ("MACHINE_TRANSLATOR", "DEEPL_", "LIBRETRANSLATE_")
ROOT = Path(__file__).resolve().parent.parent


def test_production_has_no_machine_translator_unless_one_is_named():
    assert translator_setting() is None
    deepl = translator_setting(MACHINE_TRANSLATOR="deepl", DEEPL_AUTH_KEY="k:fx")
    assert deepl["CLASS"] == "core.machine_translation.ClacDeepLTranslator"
    assert deepl["OPTIONS"]["AUTH_KEY"] == "k:fx"
    assert deepl["OPTIONS"]["FORMALITY"]["FR"] == "prefer_more"
    libre = translator_setting(
        MACHINE_TRANSLATOR="libretranslate", LIBRETRANSLATE_URL="http://lt:5000"
    )
    assert libre["CLASS"] == "core.machine_translation.ClacLibreTranslator"
    assert libre["OPTIONS"]["LIBRETRANSLATE_URL"] == "http://lt:5000"
    dummy = translator_setting(MACHINE_TRANSLATOR="dummy")
    assert dummy["CLASS"].endswith("DummyTranslator")
    assert "needs DEEPL_AUTH_KEY" in translator_setting(MACHINE_TRANSLATOR="deepl")
    assert "must be empty, deepl" in translator_setting(MACHINE_TRANSLATOR="google")
