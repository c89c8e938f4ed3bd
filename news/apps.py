from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class NewsConfig(AppConfig):
    name = "news"
    # Translators: the name of the news section in the admin.
    verbose_name = pgettext_lazy("admin section", "News")
    default_auto_field = "django.db.models.BigAutoField"
