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
# `make run` does not make the demo accounts set up an authenticator app (an account
# that has one is still asked for its code). OTP_REQUIRED=true to try the enrolment.
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
# wagtail-localize's offline dummy machine translator (it only reverses the words)
# only when asked for: MACHINE_TRANSLATOR=dummy make run.
if os.environ.get("MACHINE_TRANSLATOR", "").lower() == "dummy":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
# The demo content (`make run`); production does not install it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "wagtail.contrib.styleguide"]
