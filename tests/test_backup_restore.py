"""Restore drill: back up with scripts/backup.sh, restore into a new database with
scripts/restore.sh, and check the restored copy serves the same page.

Needs PostgreSQL (run with DATABASE_URL=postgres://…); skipped on SQLite.
"""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from django.db import connection

import pytest

from home.models import StandardPage

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    # Decided before any test database is built (the fixture below double-checks).
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")),
        reason="the restore drill needs PostgreSQL (set DATABASE_URL=postgres://…)",
    ),
    pytest.mark.django_db(transaction=True),
]


def database_url(name: str) -> str:
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "the restore drill needs PostgreSQL (set DATABASE_URL=postgres://…)"
        )
    for tool in ("pg_dump", "pg_restore", "psql", "createdb"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: apt-get install postgresql-client")


def run(args, env=None):
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_backup_and_restore_into_a_new_database(postgres_only, site_setup, tmp_path):
    home = site_setup["home"]
    marker = f"Prueba de restauración {uuid.uuid4().hex[:8]}"
    page = StandardPage(title=marker, slug="restauracion", intro="Copia de seguridad.")
    home.add_child(instance=page)
    page.save_revision().publish()
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "logo.txt").write_text("not really an image")

    source_url = database_url(connection.settings_dict["NAME"])
    backups = tmp_path / "backups"
    backup = run(
        ["bash", "scripts/backup.sh"],
        env={
            "DATABASE_URL": source_url,
            "BACKUP_DIR": str(backups),
            "MEDIA_ROOT": str(media),
        },
    )
    assert backup.returncode == 0, backup.stderr
    dump, media_archive = backup.stdout.split()
    assert dump.endswith(".dump") and Path(dump).stat().st_size > 10_000
    assert oct(Path(dump).stat().st_mode)[-3:] == "600"  # personal data: owner-only

    restored_name = f"restore_drill_{uuid.uuid4().hex[:10]}"
    restored_url = database_url(restored_name)
    restored_media = tmp_path / "restored-media"
    try:
        restore = run(
            [
                "bash",
                "scripts/restore.sh",
                dump,
                restored_url,
                media_archive,
                str(restored_media),
            ]
        )
        assert restore.returncode == 0, restore.stderr
        assert (restored_media / "original_images" / "logo.txt").read_text() == (
            "not really an image"
        )

        # Restoring over an existing database is refused.
        again = run(["bash", "scripts/restore.sh", dump, restored_url])
        assert again.returncode != 0
        assert "already exists" in again.stderr

        # Django, pointed at the restored copy, serves the page.
        render = (
            "from django.test import Client; "
            "r = Client().get('/es/restauracion/'); "
            "print('STATUS', r.status_code); print(r.content.decode())"
        )
        result = run(
            [sys.executable, "manage.py", "shell", "-c", render],
            env={
                "DJANGO_SETTINGS_MODULE": "clac_cms.settings.test",
                "DATABASE_URL": restored_url,
            },
        )
        assert result.returncode == 0, result.stderr
        _, _, output = result.stdout.partition("STATUS ")
        status, _, html = output.partition("\n")
        assert status == "200"
        assert marker in html
        assert "Copia de seguridad." in html
    finally:
        run(
            [
                "dropdb",
                "--if-exists",
                "--maintenance-db",
                database_url("postgres"),
                restored_name,
            ]
        )
