from django.core.management.base import BaseCommand

from phohang.messaging.services import messages_purge, retention_days


class Command(BaseCommand):
    help = "Delete buyer–seller messages older than MESSAGE_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = messages_purge()
        self.stdout.write(f"{deleted} messages older than {retention_days()} days deleted")
