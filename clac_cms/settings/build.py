"""Throwaway settings for the image build (collectstatic, compilemessages).

Never used to serve: the secret below only exists inside the build stage.
"""

from .base import *  # noqa: F403

SECRET_KEY = "image-build-only"  # noqa: S105
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
