"""Re-encrypt every encrypted field (and its digest) with the newest FIELD_ENCRYPTION_KEY."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from phohang.core import crypto

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Rewrite encrypted values and their digests with the first key of FIELD_ENCRYPTION_KEY. "
        "Run after putting a new key first; remove an old key only when this reports 0 left."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total_left = 0
        for step in crypto.ROTATION_STEPS:
            total = step.count()
            done = 0

            def progress(count: int, *, step: Any = step, total: int = total) -> None:
                nonlocal done
                done += count
                self._bar(step.label, done, total)

            self._bar(step.label, 0, total)
            rewritten, left = step.run(progress)
            self.stdout.write("")
            self.stdout.write(f"{step.label}: {rewritten} rewritten, {left} left on an older key")
            total_left += left
        if total_left:
            raise CommandError(
                f"{total_left} rows are still on an older key (changed meanwhile, or their "
                "plaintext is gone); run again, and keep the old keys listed until this is 0."
            )
        self.stdout.write(self.style.SUCCESS("Every encrypted field uses the newest key."))

    def _bar(self, label: str, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r{label} [{bar}] {done}/{total}", ending="")
        self.stdout.flush()
