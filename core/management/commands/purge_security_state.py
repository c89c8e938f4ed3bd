"""Delete expired rows of the security-state cache table (daily, scripts/scheduler.sh).

Without SECURITY_REDIS_URL the nonces and counters live in a DatabaseCache that never
culls (culling would forget live entries); Django deletes expired rows only while
culling, so this command does it. With Redis (which expires keys itself) it does
nothing.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management.base import BaseCommand
from django.db import connections, router, transaction
from django.utils import timezone


class Command(BaseCommand):
    help = "Delete expired entries of the security-state cache table."

    def handle(self, *args, **options):
        cache = caches[settings.SECURITY_CACHE_ALIAS]
        if not isinstance(cache, DatabaseCache):
            self.stdout.write("Security state is not in the database: nothing to do.")
            return
        db = router.db_for_write(cache.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(cache._table)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE expires < %s",  # noqa: S608 - our table name
                [connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            deleted = cursor.rowcount
        self.stdout.write(f"Deleted {deleted} expired security-state entries.")
