import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phohang.site.breach_drill import breach_drill_run, default_output


class Command(BaseCommand):
    help = (
        "Personal-data breach drill (docs/breach-runbook.md): detect a simulated leak, scope it, "
        "draft the notices to A05 and to the people affected; fails if a required field is "
        "missing or the draft is not ready within 72 hours."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None)
        parser.add_argument("--organisation", default="Phố Hàng (diễn tập / drill)")
        parser.add_argument("--contact", default="dpo@phohang.example.vn")

    def handle(self, *args, output, organisation, contact, **options):
        output = output or default_output()
        result = breach_drill_run(output=output, organisation=organisation, contact=contact)
        summary = {k: v for k, v in result.items() if k != "timeline"}
        self.stdout.write(json.dumps({**summary, "written_to": str(output)}, ensure_ascii=False))
        if result["missing_fields"] or not result["within_deadline"]:
            raise CommandError("the drill's notice is incomplete or late")
