from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for `make run` and the tests; production does not install it."""

    name = "demo"
    verbose_name = "Demo content"
    default_auto_field = "django.db.models.BigAutoField"
