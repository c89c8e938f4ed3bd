from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    name = "search"
    # Translators: the name of the search app in the admin.
    verbose_name = pgettext_lazy("admin section", "Search")
    default_auto_field = "django.db.models.BigAutoField"
