"""The WordPress import at scale: a generated export of 5,000 items (3,000 posts and
pages in Spanish, English and Portuguese, Polylang groups of three, and 2,000
attachments with their files), imported into a fresh database; prints the wall
time and the peak memory (RSS) of the import process, for the first run and for
the second run of the same export (which changes nothing).

``.venv/bin/python bench/wp_import.py`` (SQLite in a temporary folder, or
``DATABASE_URL``). Not part of the test suite; the figures go to
docs/performance.md ("WordPress import").
"""

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from scripts.stack import ROOT, django_setup, loadavg, log, manage

POSTS = int(os.environ.get("WP_BENCH_POSTS", "2700"))
PAGES = int(os.environ.get("WP_BENCH_PAGES", "300"))
ATTACHMENTS = int(os.environ.get("WP_BENCH_ATTACHMENTS", "2000"))
SITE = "https://clac-comerciojusto.org"
LANGUAGES = ("es", "en", "pt")
PARAGRAPH = (
    "<p>Las organizaciones de pequeños productores de comercio justo de América "
    "Latina y el Caribe se reunieron para acordar una posición común sobre precios "
    "mínimos, primas sociales y mercados abiertos.&nbsp;</p>"
)


def _item(wp_id, post_type, title, link, slug, language, group, content, extra=""):
    return (
        f"<item><title><![CDATA[{title}]]></title><link>{link}</link>"
        f"<dc:creator><![CDATA[ana]]></dc:creator>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
        f"<wp:post_id>{wp_id}</wp:post_id>"
        f"<wp:post_date><![CDATA[2024-05-{1 + wp_id % 28:02d} 10:00:00]]></wp:post_date>"
        f"<wp:post_name><![CDATA[{slug}]]></wp:post_name>"
        f"<wp:status><![CDATA[{'inherit' if post_type == 'attachment' else 'publish'}]]></wp:status>"
        f"<wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[{post_type}]]></wp:post_type>"
        + (
            f'<category domain="language" nicename="{language}"><![CDATA[{language}]]></category>'
            f'<category domain="post_translations" nicename="{group}"><![CDATA[{group}]]></category>'
            f'<category domain="category" nicename="comercio-justo"><![CDATA[Comercio justo]]></category>'
            if language
            else ""
        )
        + extra
        + "</item>\n"
    )


def generate(workdir: Path) -> tuple[Path, Path]:
    uploads = workdir / "uploads"
    (uploads / "2024" / "05").mkdir(parents=True)
    export = workdir / "export.xml"
    with export.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<wp:base_site_url>{SITE}</wp:base_site_url>\n"
            "<wp:author><wp:author_login><![CDATA[ana]]></wp:author_login>"
            "<wp:author_display_name><![CDATA[Ana Pérez]]></wp:author_display_name></wp:author>\n"
        )
        groups = (POSTS + PAGES) // len(LANGUAGES)
        for group in range(groups):
            members = {
                language: 10_000 + group * 3 + n for n, language in enumerate(LANGUAGES)
            }
            serial = "".join(
                f's:{len(lang)}:"{lang}";i:{pid};' for lang, pid in members.items()
            )
            out.write(
                "<wp:term><wp:term_taxonomy><![CDATA[post_translations]]></wp:term_taxonomy>"
                f"<wp:term_slug><![CDATA[pll_{group}]]></wp:term_slug>"
                f"<wp:term_description><![CDATA[a:3:{{{serial}}}]]></wp:term_description></wp:term>\n"
            )
        for n in range(ATTACHMENTS):
            name = f"foto-{n}.png"
            Image.new("RGB", (16 + n % 7, 16), (n % 256, n // 256 % 256, 90)).save(
                uploads / "2024" / "05" / name
            )
            meta = (
                "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
                f"<wp:meta_value><![CDATA[2024/05/{name}]]></wp:meta_value></wp:postmeta>"
            )
            out.write(
                _item(
                    1 + n,
                    "attachment",
                    f"Foto {n}",
                    f"{SITE}/?attachment_id={1 + n}",
                    f"foto-{n}",
                    "",
                    "",
                    "",
                    meta,
                )  # fmt: skip
            )
        for group in range(groups):
            post_type = "page" if group < PAGES // len(LANGUAGES) else "post"
            for n, language in enumerate(LANGUAGES):
                wp_id = 10_000 + group * 3 + n
                image = 1 + (group * 3 + n) % ATTACHMENTS
                prefix = (
                    ""
                    if language == "es"
                    else f"/{'pt-br' if language == 'pt' else language}"
                )
                content = (
                    f"<!-- wp:paragraph -->{PARAGRAPH}<!-- /wp:paragraph -->\n\n"
                    f'[caption id="attachment_{image}"]<img class="wp-image-{image}" '
                    f'src="{SITE}/wp-content/uploads/2024/05/foto-{image - 1}-300x200.png" '
                    f'alt="Foto" /> Una foto[/caption]\n\n{PARAGRAPH}\n\n'
                    f'<p><a href="{SITE}/?p={10_000 + group * 3}">Original</a></p>'
                )
                thumb = (
                    "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                    f"<wp:meta_value>{image}</wp:meta_value></wp:postmeta>"
                )
                out.write(
                    _item(
                        wp_id,
                        post_type,
                        f"Noticia {group} ({language})",
                        f"{SITE}{prefix}/2024/05/noticia-{group}-{language}/",
                        f"noticia-{group}-{language}",
                        language,
                        f"pll_{group}",
                        content,
                        thumb,
                    )  # fmt: skip
                )
        out.write("</channel>\n</rss>\n")
    return export, uploads


# manage.py in a process that prints its own peak RSS when done (ru_maxrss, KiB).
PEAK_WRAPPER = """
import resource, runpy, sys
sys.argv = ["manage.py", *sys.argv[1:]]
try:
    runpy.run_path("manage.py", run_name="__main__")
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("PEAK_RSS_KIB", peak, file=sys.stderr)
"""


def timed_import(env, export, uploads):
    """Wall time, peak RSS (KiB, the import process's own) and the report."""
    started = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, "import_wordpress", str(export),
         "--media-dir", str(uploads), "--progress-every", "1000"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    wall = time.monotonic() - started
    peak = int(process.stderr.rsplit("PEAK_RSS_KIB ", 1)[1].split()[0])
    return wall, peak, process.stdout


def main():
    with tempfile.TemporaryDirectory(prefix="wp-bench-") as tmp:
        workdir = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "clac_cms.settings.dev",
            "DATABASE_URL": os.environ.get(
                "DATABASE_URL", f"sqlite:///{workdir}/db.sqlite3"
            ),
            "MEDIA_ROOT": str(workdir / "media"),
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "LOG_LEVEL": "WARNING",
        }
        log(f"Load average before: {loadavg()}")
        manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
        manage(env, "createcachetable")
        manage(env, "bootstrap_site", stdout=subprocess.DEVNULL)
        django_setup(env)
        # Models import only once Django is set up (as scripts/stack.py does).
        from demo import tree
        from home.models import HomePage
        from news.models import NewsIndexPage

        home = HomePage.objects.get(depth=2, locale__language_code="es")
        index = tree.publish(home, NewsIndexPage(title="Noticias", slug="noticias"))
        for code, slug in (("en", "news"), ("pt-br", "noticias")):
            tree.translate(home, code)
            tree.translate(index, code, slug=slug)
        started = time.monotonic()
        export, uploads = generate(workdir)
        log(
            f"Generated {POSTS} posts, {PAGES} pages, {ATTACHMENTS} attachments "
            f"({export.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - started:.1f} s"
        )
        wall, peak, report = timed_import(env, export, uploads)
        log(f"First import: {wall:.1f} s wall, peak RSS {peak / 1024:.0f} MiB")
        log(report)
        wall2, peak2, report2 = timed_import(env, export, uploads)
        log(
            f"Second import (same export): {wall2:.1f} s wall, peak RSS {peak2 / 1024:.0f} MiB"
        )
        log(next(line for line in report2.splitlines() if "rows changed" in line))
        log(
            f"Machine: {platform.platform()}, {os.cpu_count()} CPUs; load after: {loadavg()}"
        )


if __name__ == "__main__":
    main()
