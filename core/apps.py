from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every page family shares; imports no other app of the project."""

    name = "core"
    verbose_name = _("Site core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_localize.models import StringTranslation

        from . import (
            cdn,
            invalidation,  # noqa: F401
            login_lockout,  # noqa: F401
            restrictions,  # noqa: F401
        )
        from .translation import translation_comment

        cdn.connect()
        # The translation editor's "Translated manually on 1 December 2026" with the
        # date in the admin's language (core/translation.py).
        StringTranslation.get_comment = translation_comment
