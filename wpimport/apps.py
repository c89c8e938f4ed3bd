from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WpImportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "wpimport"
    verbose_name = _("WordPress import")

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
