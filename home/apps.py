from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            cdn,
            login_lockout,  # noqa: F401
            signals,  # noqa: F401
        )

        cdn.connect()
