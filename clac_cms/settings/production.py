"""Production: secrets from the environment, refuse to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment for production settings."
    )

# TLS terminates at the proxy in front of us; it tells us with this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Search engines may crawl production (robots.txt); staging sets ROBOTS_ALLOW=false.
ROBOTS_ALLOW = env_bool("ROBOTS_ALLOW", True)
# Health probes answer over plain HTTP from the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names (comma-separated)."
    )
# The public origin: SITE_URL, else https://<the first allowed host>.
SITE_URL = WAGTAILADMIN_BASE_URL = (
    os.environ.get("SITE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
).rstrip("/")
# https://<each allowed host>, unless set explicitly.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [
    f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"
]

# Browsers are told to upgrade any http:// sub-resource (old content) to https://.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# Keep database connections between requests (behind a pooler, set DB_CONN_MAX_AGE=0).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)  # noqa: F405

# --- Media on S3-compatible storage when a bucket is configured --------------------------
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "max-age=86400"},
            },
        },
    }
    # Evidence files (personal data) in a bucket of their own that nobody reads
    # directly: campaigns streams them through its permission-checked view.
    if os.environ.get("AWS_PRIVATE_BUCKET_NAME"):
        STORAGES["private"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_PRIVATE_BUCKET_NAME"],
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
    # Images are linked to the bucket (or its CDN domain): let the policy load them.
    _media_origin = MEDIA_ORIGIN or (  # noqa: F405
        f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"
        if os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        else ""
    )
    if _media_origin:
        for _directive in ("img-src", "media-src"):
            _sources = CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive]  # noqa: F405
            if _media_origin not in _sources:
                _sources.append(_media_origin)
    # Documents stay behind Django (serve_view checks private collections), which
    # streams them from the bucket; only images are linked to the bucket directly.

# --- Logging: one JSON object a line on stdout, nothing personal -------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "core.logs.PersonalDataFilter"}},
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},  # noqa: F405
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "django_tasks_db": {"level": LOG_LEVEL},  # noqa: F405
        "gunicorn.error": {"level": LOG_LEVEL, "propagate": True},  # noqa: F405
    },
}

# --- Optional error tracking: only when SENTRY_DSN is set --------------------------------
# sentry-sdk is not a dependency: install it in the image (pip install sentry-sdk)
# when you use it. See docs/deployment.md.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed."
        ) from error
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
