"""Remove a person's authenticator app and recovery codes (a lost phone).

``manage.py reset_two_factor <username>``: they then sign in with their password
alone and, if their role requires two factors, set up a new app straight away.
For the last superuser, who has nobody to do it in the admin.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor.devices import remove_devices


class Command(BaseCommand):
    help = "Remove a user's two-factor devices (authenticator app, recovery codes)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        model = get_user_model()
        try:
            user = model.objects.get(**{model.USERNAME_FIELD: username})
        except model.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        count = remove_devices(user)
        self.stdout.write(
            f"Removed {count} two-factor device(s) of {username}: they sign in "
            "with their password and set up a new app."
        )
