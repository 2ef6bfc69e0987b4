import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from phohang.core.backup import BackupError, sqlite_backup


class Command(BaseCommand):
    help = (
        "Copy the live SQLite database to a file while the site keeps running; the copy is one "
        "consistent snapshot and passes PRAGMA integrity_check."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", help="file to write, e.g. var/backups/phohang.sqlite3")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, destination: str, database: str, **options: Any) -> None:
        try:
            result = sqlite_backup(destination=Path(destination), alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            json.dumps(
                {
                    "destination": str(result.destination),
                    "seconds": round(result.seconds, 3),
                    "size_bytes": result.size_bytes,
                    "integrity": result.integrity,
                }
            )
        )
