"""Create the missing demo accounts and print them (``make run`` calls it after
``ensure_admin``): one per role, with its password while its owner keeps it."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from demo.accounts import AccountRow, ensure_demo_accounts, format_table


def admin_row() -> AccountRow | None:
    """The superuser of ``ensure_admin``, with its password while it works."""
    user = get_user_model().objects.filter(username="admin").first()
    if user is None:
        return None
    password = os.environ.get("ADMIN_PASSWORD", "")
    path = settings.CLAC_ADMIN_PASSWORD_FILE
    if not password and path.exists():
        password = path.read_text().strip()
    if password and not user.check_password(password):
        password = ""
    return AccountRow(
        "superuser",
        "admin",
        password,
        _("everything, including users, groups and settings"),
        True,
    )


class Command(BaseCommand):
    help = "Create the missing demo accounts (one per role) and print them."

    def handle(self, *args, **options):
        rows = ensure_demo_accounts()
        admin = admin_row()
        if admin is not None:
            rows.insert(0, admin)
        base = os.environ.get("PUBLIC_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        self.stdout.write(f"Demo accounts ({base}/admin/):\n" + format_table(rows))
