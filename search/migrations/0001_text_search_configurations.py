"""Accent-insensitive, per-language text-search configurations for PostgreSQL.

``clac_es``, ``clac_en``, ``clac_pt`` and ``clac_fr`` copy PostgreSQL's built-in
configuration of their language and pass words through ``unaccent`` before the
stemmer; ``clac_simple`` does the same without stemming. Nothing to do on SQLite.
After this migration, ``manage.py update_index`` re-indexes existing content.
"""

from django.db import migrations

CONFIGS = [
    ("clac_es", "spanish", "spanish_stem"),
    ("clac_en", "english", "english_stem"),
    ("clac_pt", "portuguese", "portuguese_stem"),
    ("clac_fr", "french", "french_stem"),
    ("clac_simple", "simple", "simple"),
]
TOKEN_TYPES = "asciiword, asciihword, hword_asciipart, hword, hword_part, word"


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, builtin, dictionary in CONFIGS:
        schema_editor.execute(
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
                CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{builtin});
              END IF;
            END $$;
            """
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {TOKEN_TYPES} "
            f"WITH unaccent, {dictionary}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _builtin, _dictionary in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
