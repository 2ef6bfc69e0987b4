from django.core.management.base import BaseCommand

from phohang.expo.services import meeting_requests_expire


class Command(BaseCommand):
    help = "Expire B2B meeting requests left unanswered past their time (run every few minutes)."

    def handle(self, *args, **options):
        count = meeting_requests_expire()
        self.stdout.write(f"{count} meeting requests expired.")
