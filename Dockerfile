# syntax=docker/dockerfile:1
# clac-cms image: one image runs the web server (default CMD), the task worker
# (`python manage.py db_worker`) and the scheduled jobs (scripts/scheduler.sh).
# See docs/deployment.md.

ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

# --- 1. Dependencies into a virtualenv ---------------------------------------------------
FROM ${PYTHON_IMAGE} AS deps
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
# Every wheel we need is binary (psycopg[binary], Pillow): no compiler in the image.
RUN /opt/venv/bin/pip install --no-deps --only-binary=:all: -r /tmp/requirements.txt

# --- 2. Build-time assets: static files and compiled message catalogs ---------------------
FROM ${PYTHON_IMAGE} AS assets
# gettext provides msgfmt for compilemessages; it stays in this stage only.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps /opt/venv /opt/venv
WORKDIR /app
COPY . /app
ENV PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=clac_cms.settings.build \
    STATIC_ROOT=/app/staticfiles
# mkdir: a checkout without catalogs yet still builds (compilemessages needs the folder).
RUN mkdir -p locale \
    && python manage.py collectstatic --noinput \
    && python manage.py compilemessages

# --- 3. Runtime --------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="clac-cms" \
      org.opencontainers.image.source="https://github.com/clac-comerciojusto/clac-cms"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=clac_cms.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PORT=8000
RUN groupadd --system --gid 10001 clac \
    && useradd --system --uid 10001 --gid clac --home-dir /app --shell /usr/sbin/nologin clac
COPY --from=deps /opt/venv /opt/venv
WORKDIR /app
COPY --chown=root:root . /app
COPY --from=assets --chown=root:root /app/staticfiles /app/staticfiles
COPY --from=assets --chown=root:root /app/locale /app/locale
# The code is read-only for the app user; only media is writable (a volume).
RUN mkdir -p /app/media && chown clac:clac /app/media
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz/' % os.environ.get('PORT', '8000'), timeout=4)"]
# gunicorn.conf.py: bind, workers, timeout and graceful_timeout (SIGTERM drains).
CMD ["gunicorn", "--config", "gunicorn.conf.py", "clac_cms.wsgi:application"]
