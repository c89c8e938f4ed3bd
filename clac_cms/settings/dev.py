"""Local development: DEBUG on, a throwaway secret, mail printed to the console."""

import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env_bool

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-not-for-production")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
INTERNAL_IPS = ["127.0.0.1"]
# Machine translation: none unless asked (MACHINE_TRANSLATOR=dummy make run for
# wagtail-localize's offline dummy, which reverses the words): see base.py.
# `make run` does not make the demo accounts set up an authenticator app (an account
# that has one is still asked for its code). OTP_REQUIRED=true to try the enrolment.
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
# The demo content (`make run`); production does not install it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "wagtail.contrib.styleguide"]
