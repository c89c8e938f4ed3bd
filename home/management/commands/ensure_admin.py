"""Create or update the local admin account and print how to log in."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ensure an 'admin' superuser exists (password from ADMIN_PASSWORD or a kept file)."

    def handle(self, *args, **options):
        password = os.environ.get("ADMIN_PASSWORD", "")
        path = settings.CLAC_ADMIN_PASSWORD_FILE
        if not password:
            if path.exists():
                password = path.read_text().strip()
            else:
                password = secrets.token_urlsafe(12)
                path.write_text(password + "\n")
                path.chmod(0o600)
        user_model = get_user_model()
        user, _created = user_model.objects.get_or_create(
            username="admin", defaults={"email": "admin@example.org"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        if not user.check_password(password):
            user.set_password(password)
        user.save()
        base = os.environ.get("PUBLIC_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        self.stdout.write(f"Admin: {base}/admin/  user: admin  password: {password}")
