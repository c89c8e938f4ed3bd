"""Settings shared by every environment. Values come from the environment (12-factor).

No secret and no ``DEBUG = True`` here: see ``dev.py``, ``test.py`` and ``production.py``.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "clac_cms"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


INSTALLED_APPS = [
    # Before "core": its ready() connects Wagtail's own purge handlers, which
    # core/cdn.py then replaces (it has no templates, static files or commands).
    "wagtail.contrib.frontend_cache",
    "core",
    "home",
    "campaigns",
    "news",
    "inquiries",
    "search",
    "wpimport",
    "wagtail_localize",
    "wagtail_localize.locales",
    "django_countries",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: probes answer whatever the Host header and scheme (see its docstring).
    "core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Near the top, so answers from the middleware below (cached pages, the 413 of
    # core.request_limits) carry it too; views that set their own keep theirs.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.ClacCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # WordPress's /?p=ID and /?page_id=ID (also under /en/, /pt-br/): a 301 from the
    # import's id map, before the page cache and the language redirect.
    "wpimport.middleware.WordPressIdRedirectMiddleware",
    # Anonymous readers' pages from the cache, before sessions, locale and Wagtail.
    "core.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ClacLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which parses the body: oversized bodies and stray files get a 413.
    "core.request_limits.BodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(); then two factors for the roles that need them.
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After ClacLocaleMiddleware, so old unprefixed paths redirect (tests check it).
    "core.middleware.QueryStringRedirectMiddleware",
    # Wagtail 8 autosave vs. "Submit" on the create view: one creation at a time.
    "core.admin_create_lock.SerialPageCreateMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clac_cms.urls"
WSGI_APPLICATION = "clac_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL, else a SQLite file in the project folder. SQLite runs in WAL mode
# with a busy timeout and IMMEDIATE transactions, so the task worker and
# concurrent form posts wait for the write lock instead of failing with
# "database is locked".
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=20000;"
            ),
        }
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clac"),
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "clac-cms",
            "TIMEOUT": 600,
            # Pages, fragments and image renditions (9 per <picture>) share it: the
            # default 300 entries would cull them constantly.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Security state: form-token replay nonces, the forms' rate counters and django-axes'
# sign-in counters. Never in the page cache's store, which anyone can fill with
# unique URLs (an evicting Redis or a culling cache would drop them): a Redis
# instance of its own with `maxmemory-policy noeviction` (SECURITY_REDIS_URL; a
# database number shares its instance's eviction policy, so it must be another
# instance), else the database (a DatabaseCache that never culls; expired rows are
# deleted by `purge_security_state`). When it is full or down, the forms and the
# sign-in answer a translated 503, never a 500 (docs/architecture.md).
SECURITY_REDIS_URL = os.environ.get("SECURITY_REDIS_URL", "")
if SECURITY_REDIS_URL:
    CACHES["security"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": SECURITY_REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clac") + "-security",
        "TIMEOUT": None,
    }
else:
    CACHES["security"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "clac_security_state",
        "TIMEOUT": None,
        # Never cull: Django's cull deletes live rows (a third of them) once the
        # table has more than MAX_ENTRIES.
        "OPTIONS": {"MAX_ENTRIES": 2**62},
    }
SECURITY_CACHE_ALIAS = "security"

# Full-page cache for anonymous readers (core/cache.py, docs/architecture.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# After a publish, how long a reader waits for the one request rendering a page
# (when no previous copy may be served) before rendering it too.
PAGE_CACHE_WAIT_SECONDS = env_int("PAGE_CACHE_WAIT_SECONDS", 3)
# A bare Django view at /bench/bare/ for `make bench` only; never on in production.
BENCH_BARE_VIEW = env_bool("BENCH_BARE_VIEW", False)

# --- Background tasks -----------------------------------------------------------
# Wagtail 8 runs search/reference indexing and CDN purges as django-tasks; so do
# our notification emails. The database backend is a table: a worker
# (`manage.py db_worker`) runs what is queued. See docs/architecture.md.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Stale RUNNING tasks after a worker died (core/task_recovery.py): each worker
# beats every TASK_HEARTBEAT_SECONDS; a task is stale when its worker has not beaten
# for TASK_HEARTBEAT_TIMEOUT_SECONDS or it has run longer than its timeout. Stale
# tasks that are safe to repeat are re-queued; others are shown as "fate unknown".
TASK_HEARTBEAT_SECONDS = env_int("TASK_HEARTBEAT_SECONDS", 15)
TASK_HEARTBEAT_TIMEOUT_SECONDS = env_int("TASK_HEARTBEAT_TIMEOUT_SECONDS", 90)
TASK_DEFAULT_TIMEOUT_SECONDS = env_int("TASK_DEFAULT_TIMEOUT_SECONDS", 3600)
TASK_TIMEOUT_SECONDS = {
    "modelsearch.tasks.insert_or_update_object_task": 600,  # the search index
    "wagtail.tasks.update_reference_index_task": 600,
    "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task": 300,
    "wagtail.images.tasks.set_image_focal_point_task": 600,
    "core.tasks.ping": 60,
}
TASK_REPEATABLE = list(TASK_TIMEOUT_SECONDS)

# --- CDN purges (core/cdn.py, docs/architecture.md) --------------------------------
# Only when a CDN is configured: publishing or unpublishing a page then purges
# every translation's URL and the listings that show it, after the commit.
_frontend_cache = {}
if os.environ.get("CLOUDFLARE_API_TOKEN") and os.environ.get("CLOUDFLARE_ZONE_ID"):
    _frontend_cache["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    # Credentials from boto3's usual chain (AWS_* variables or an instance role).
    _frontend_cache["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    # A Varnish/nginx-style cache that accepts PURGE requests at this address.
    _frontend_cache["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if _frontend_cache:
    WAGTAILFRONTENDCACHE = _frontend_cache
# Wagtail would rewrite each URL's language prefix (/es/ -> /en/ ...), which is
# wrong with translated slugs: core/cdn.py purges each translation's real URL.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- Passwords, auth ---------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "es"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Panama")
USE_I18N = True
USE_TZ = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("es", "Español"),
    ("en", "English"),
    ("pt-br", "Português (Brasil)"),
    ("fr", "Français"),
]
WAGTAIL_I18N_ENABLED = True
# locale_overrides/ first: our Spanish (and other) wording of Wagtail's and
# wagtail-localize's own strings, where theirs is missing or wrong. `make messages`
# regenerates only locale/ (makemessages --no-obsolete would drop msgids that are
# not in our code), so the overrides live apart, edited by hand.
LOCALE_PATHS = [BASE_DIR / "locale_overrides", BASE_DIR / "locale"]
# Languages the Wagtail admin offers to editors (its own UI), Spanish first.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("es", "Español"),
    ("en", "English"),
    ("pt-br", "Português (Brasil)"),
    ("fr", "Français"),
]
# A translation starts as a draft: publishing it is an editor's decision.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Translating a whole section (or syncing a locale tree) runs as a django-task, so a
# large subtree never times out the editor's request. See core/translation_jobs.py.
WAGTAILLOCALIZE_JOBS = {"BACKEND": "core.translation_jobs.DjangoTasksJobBackend"}

# Machine translation (issue 20): none unless MACHINE_TRANSLATOR names one. DeepL
# keeps CLAC's terms with the glossaries `manage.py sync_glossary` records;
# LibreTranslate has none, so the translation status report lists what breaks the
# glossary. Keys and URLs only from the environment. See core/machine_translation.py.
MACHINE_TRANSLATOR = os.environ.get("MACHINE_TRANSLATOR", "").strip().lower()
# CLAC's register: French "vous", Brazilian Portuguese "você", Spanish "tú" (DeepL
# has no formality for English). DEEPL_FORMALITY, when set, is used for every target.
DEEPL_FORMALITY = {"FR": "prefer_more", "PT-BR": "prefer_less", "ES": "prefer_less"}
if MACHINE_TRANSLATOR == "deepl":
    if not os.environ.get("DEEPL_AUTH_KEY"):
        raise ImproperlyConfigured("MACHINE_TRANSLATOR=deepl needs DEEPL_AUTH_KEY.")
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "core.machine_translation.ClacDeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": os.environ["DEEPL_AUTH_KEY"],
            "API_URL": os.environ.get("DEEPL_API_URL", ""),
            "FORMALITY": os.environ.get("DEEPL_FORMALITY") or DEEPL_FORMALITY,
            "TIMEOUT": env_int("MACHINE_TRANSLATOR_TIMEOUT", 30),
        },
    }
elif MACHINE_TRANSLATOR == "libretranslate":
    if not os.environ.get("LIBRETRANSLATE_URL"):
        raise ImproperlyConfigured(
            "MACHINE_TRANSLATOR=libretranslate needs LIBRETRANSLATE_URL."
        )
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "core.machine_translation.ClacLibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
            "TIMEOUT": env_int("MACHINE_TRANSLATOR_TIMEOUT", 30),
        },
    }
elif MACHINE_TRANSLATOR == "dummy":
    # wagtail-localize's offline dummy (it reverses the words): only when asked.
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
elif MACHINE_TRANSLATOR:
    raise ImproperlyConfigured(
        "MACHINE_TRANSLATOR must be empty, deepl, libretranslate or dummy."
    )

# --- Static and media -----------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Evidence files of the campaign registry (personal data): outside MEDIA_ROOT, which
# the proxy serves, and read only through campaigns' permission-checked view.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- Request bodies (core/request_limits.py, docs/architecture.md) ----------------
# A public form post is a few kilobytes of text and never a file: anything larger,
# or any file part, gets a translated 413 before CSRF parses it.
PUBLIC_MAX_BODY_BYTES = env_int("PUBLIC_MAX_BODY_BYTES", 64 * 1024)
# The largest file an editor uploads (a document; images are also limited by
# WAGTAILIMAGES_MAX_UPLOAD_SIZE). Wagtail sends one file per request.
ADMIN_MAX_UPLOAD_BYTES = env_int("ADMIN_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
# A whole admin request: that file and its form fields (deploy/Caddyfile's
# request_body limit is the same).
ADMIN_MAX_BODY_BYTES = ADMIN_MAX_UPLOAD_BYTES + 1024 * 1024
# (path prefix, max body bytes, files allowed); the longest matching prefix wins,
# other paths get PUBLIC_MAX_BODY_BYTES and no file. A public upload (a signed
# link) declares its own prefix here, one per language prefix.
REQUEST_BODY_LIMITS = [
    ("/admin/", ADMIN_MAX_BODY_BYTES, True),
    # Forms anyone can post without signing in: as small as the public ones.
    ("/admin/login/", PUBLIC_MAX_BODY_BYTES, False),
    ("/admin/password_reset/", PUBLIC_MAX_BODY_BYTES, False),
]
# The one public upload: a participant's report by signed link (campaigns.reports).
# Not a prefix above: that view declares its own limit (core.request_limits
# .accepts_files), this file and a small form.
CAMPAIGN_REPORT_MAX_FILE_BYTES = env_int(
    "CAMPAIGN_REPORT_MAX_FILE_BYTES", 10 * 1024 * 1024
)
# How long a report link sent to a participant's contact stays valid.
CAMPAIGN_REPORT_LINK_DAYS = env_int("CAMPAIGN_REPORT_LINK_DAYS", 14)
# Django's own limits, under the ones above: the form fields of any request (the
# admin's page editor posts the largest: a page's whole StreamField), and the size
# below which an uploaded file stays in memory. Larger files (admin only) are
# spooled to FILE_UPLOAD_TEMP_DIR (the system's temporary folder by default).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None

# --- Email -------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "CLAC <web@clac-comerciojusto.org>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Security defaults (hardened further in production.py) ------------------------
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# DENY for old browsers; modern ones follow CSP frame-ancestors 'self'. Wagtail sets
# SAMEORIGIN itself on its preview views (the editor's preview panel).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4, via core.middleware.ClacCSPMiddleware).
# Public pages: no inline script or style, frames only from the video facade's hosts
# (core/embeds.py), media from MEDIA_ORIGIN when files live on a CDN or bucket.
from core.embeds import FRAME_HOSTS  # noqa: E402

MEDIA_ORIGIN = os.environ.get("MEDIA_ORIGIN", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "media-src": ["'self'", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": list(FRAME_HOSTS),
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin uses inline scripts and styles and embeds' previews: a looser
# policy, for these path prefixes only (no third-party images: no Gravatar).
CLAC_ADMIN_CSP_PREFIXES = ["/admin/"]
CLAC_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [
            "'self'",
            "data:",
            "blob:",
            *([MEDIA_ORIGIN] if MEDIA_ORIGIN else []),
        ],
        "media-src": ["'self'", "blob:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube.com", *FRAME_HOSTS],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# Browser features nobody on this site needs are switched off; the video players
# may autoplay and go fullscreen once the reader presses play.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    "autoplay": ["self", *FRAME_HOSTS],
    "fullscreen": ["self", *FRAME_HOSTS],
    "picture-in-picture": ["self", *FRAME_HOSTS],
}

# --- Wagtail -------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "CLAC"
# The site's public origin, scheme://host[:port] with no path. The one setting behind
# every absolute URL: bootstrap_site gives the default Site this host and port (so
# canonical, Open Graph, sitemap, feed and robots.txt URLs use it) and the admin's
# links in emails use it. Behind TLS the Site's port is 443: Wagtail emits https
# only for port 443. `make run` sets the host and port it serves on.
SITE_URL = (
    os.environ.get("SITE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")  # its name before SITE_URL
    or "http://127.0.0.1:8000"
).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.CustomDocument"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "csv",
    "txt",
    "zip",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Wagtail's database backend, with each language's stemming on PostgreSQL (search/backend.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backend"},
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it is a third party (our CSP blocks it anyway) and would receive a hash
# of every staff email. Wagtail shows initials, or the avatar a user uploads.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Reset emails per address asked for and per client address, per window
# (core/password_reset.py); past them the same neutral page, and no email.
_RESET_FORM = "core.password_reset.ThrottledPasswordResetForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = _RESET_FORM  # a class path (not a secret)
PASSWORD_RESET_WINDOW_SECONDS = env_int("PASSWORD_RESET_WINDOW_SECONDS", 3600)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env_int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", 3)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10)

# --- Logging -------------------------------------------------------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks_db": {"level": LOG_LEVEL},
    },
}

# --- CLAC --------------------------------------------------------------------------------
CLAC_ADMIN_PASSWORD_FILE = BASE_DIR / ".admin-password"
SITE_DISPLAY_NAME = _("CLAC – Fair Trade Small Producers and Workers")
NEWS_PAGE_SIZE = env_int("NEWS_PAGE_SIZE", 12)
# robots.txt lets search engines crawl only where this is on (production.py: on by default).
ROBOTS_ALLOW = env_bool("ROBOTS_ALLOW", False)

# --- Inquiries (forms): delivery, spam defence, retention ------------------------------
# How many reverse proxies (each appending to X-Forwarded-For) sit in front of the
# app. 0: the client is REMOTE_ADDR and X-Forwarded-For is ignored (it is forgeable).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Notification email: attempts before giving up, back-off (doubling) between them.
INQUIRY_NOTIFY_MAX_ATTEMPTS = env_int("INQUIRY_NOTIFY_MAX_ATTEMPTS", 8)
INQUIRY_NOTIFY_RETRY_BASE_SECONDS = env_int("INQUIRY_NOTIFY_RETRY_BASE_SECONDS", 60)
INQUIRY_NOTIFY_RETRY_MAX_SECONDS = env_int("INQUIRY_NOTIFY_RETRY_MAX_SECONDS", 6 * 3600)
# A send claimed longer ago than this counts as of unknown fate even if its task
# still looks alive (sooner when its worker's heartbeat is gone: core/task_recovery.py).
INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS = env_int(
    "INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS", 900
)
# Signed form token: a human needs at least this long, and the form page is fresh.
INQUIRY_MIN_FILL_SECONDS = env_int("INQUIRY_MIN_FILL_SECONDS", 3)
INQUIRY_MAX_FORM_AGE_SECONDS = env_int("INQUIRY_MAX_FORM_AGE_SECONDS", 24 * 3600)
# Posts per client IP per window: above RATE_LIMIT they are kept as spam, above
# RATE_REFUSE the reader gets a 429 page and nothing is stored.
INQUIRY_RATE_WINDOW_SECONDS = env_int("INQUIRY_RATE_WINDOW_SECONDS", 600)
INQUIRY_RATE_LIMIT = env_int("INQUIRY_RATE_LIMIT", 5)
INQUIRY_RATE_REFUSE = env_int("INQUIRY_RATE_REFUSE", 30)
# More links than this in one submission marks it as spam.
INQUIRY_MAX_LINKS = env_int("INQUIRY_MAX_LINKS", 3)
# Submissions older than this are deleted (or anonymised) by `purge_inquiries`;
# finished task rows older than INQUIRY_TASK_RESULT_DAYS go too.
INQUIRY_RETENTION_DAYS = env_int("INQUIRY_RETENTION_DAYS", 730)
INQUIRY_TASK_RESULT_DAYS = env_int("INQUIRY_TASK_RESULT_DAYS", 30)

# The campaign registry's daily renewal job (`campaign_renewals`): a declared
# participant becomes "renewal due" the day after its valid_until, and "lapsed" this
# many days after that date (and never sooner than this many days after its notice).
CAMPAIGN_RENEWAL_GRACE_DAYS = env_int("CAMPAIGN_RENEWAL_GRACE_DAYS", 90)

# --- Staff sign-in: brute-force protection (django-axes) -----------------------------
# After AXES_FAILURE_LIMIT failed sign-ins for one username from one address, that
# pair is refused (429, a translated page) for AXES_COOLOFF_MINUTES. Keyed by the
# pair, not the address alone: CLAC's staff share an office address, and a guesser
# must not lock colleagues out. Counted in Redis when REDIS_URL is set (shared by the
# workers; no table of usernames and addresses is kept), else in the database (a
# per-process local-memory cache would count per worker).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if SECURITY_REDIS_URL
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_CACHE = SECURITY_CACHE_ALIAS
AXES_DISABLE_ACCESS_LOG = True  # no rows for successful sign-ins
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_LOCKOUT_CALLABLE = "core.login_lockout.lockout_response"
# Its log lines carry usernames and addresses; core.login_lockout logs the lockout without.
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False

# --- Staff sign-in: two factors (django-otp, core/two_factor) --------------------------
# Wagtail's sign-in form with a code field (an authenticator app's code or a recovery
# code), asked for when the account has an app. A wrong or missing code is a failed
# sign-in for django-axes, like a wrong password.
WAGTAILADMIN_USER_LOGIN_FORM = "core.two_factor.forms.TwoFactorLoginForm"
# With OTP_REQUIRED, superusers and these roles (core.models.GroupRole keys) must set
# up an app before using the admin; everyone else may. "campaign-coordinators" matches
# no group until that role exists. Off in settings.dev (`make run`).
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
OTP_REQUIRED_GROUPS = env_list(
    "OTP_REQUIRED_GROUPS", "moderators,inquiry-managers,campaign-coordinators"
)
OTP_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "CLAC"
# After each wrong code a device waits FACTOR * 2**(failures - 1) seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
