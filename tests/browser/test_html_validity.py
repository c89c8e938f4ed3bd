"""Every page type, in every language, is valid HTML for the Nu HTML Checker (vnu).

vnu comes from npm (``vnu-jar``, pinned in package.json; ``npm ci`` installs it)
and runs on Java. The pages are fetched from the live server over HTTP, as a
browser gets them, and checked in one vnu run.
"""

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import LANGUAGES, record_figure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VNU_JAR = (
    Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"
)


def _fetch(url):
    request = urllib.request.Request(url, headers={"Accept": "text/html"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_every_page_type_is_valid_html(demo_site, page_urls, tmp_path):
    if not VNU_JAR.exists():
        pytest.skip(f"{VNU_JAR} is missing: run `npm ci` to install vnu-jar")
    if shutil.which("java") is None:
        pytest.skip(
            "java is missing: vnu needs a Java runtime (openjdk-17-jre-headless)"
        )
    files = {}
    for language in LANGUAGES:
        for name, path in page_urls[language].items():
            status, body = _fetch(demo_site.url + path)
            assert status == (404 if name == "not_found" else 200), (path, status)
            target = tmp_path / f"{name}-{language}.html"
            target.write_bytes(body)
            files[str(target)] = path
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    warnings = [m for m in messages if m.get("subType") == "warning"]
    record_figure(
        "vnu",
        f"{len(files)} pages ({len(page_urls[LANGUAGES[0]])} types x {len(LANGUAGES)} "
        f"languages): {len(errors)} errors, {len(warnings)} warnings",
    )
    report = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:"
        f"{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in errors
    ]
    assert not errors, "\n".join(report)
