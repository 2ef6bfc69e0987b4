"""PDP-04: the scripted breach drill scopes the leak and drafts a complete notice in time."""

import json

import pytest
from django.core.management import call_command

from phohang.core import reliability
from phohang.orders.tests.factories import UserFactory, VariantFactory, place

pytestmark = pytest.mark.django_db


def test_breach_drill_drafts_a_complete_notice_within_72_hours(tmp_path, capsys):
    variant = VariantFactory(stock_on_hand=10)
    first, second = UserFactory(), UserFactory()
    place(first, [(variant, 1)])
    place(first, [(variant, 1)])
    place(second, [(variant, 2)])

    call_command("breach_drill", output=tmp_path)

    summary = json.loads(capsys.readouterr().out)
    notice = json.loads((tmp_path / "authority_notice.json").read_text())
    timeline = json.loads((tmp_path / "timeline.json").read_text())["timeline"]
    reliability.record(
        "PDP-04",
        {
            "hours_to_draft_notice": summary["hours_to_draft_notice"],
            "missing_fields": len(summary["missing_fields"]),
            "timeline_steps": len(timeline),
        },
    )
    assert summary["within_deadline"] is True and summary["missing_fields"] == []
    assert (notice["people_affected"], notice["records_affected"]) == (2, 3)
    assert notice["to"].startswith("A05")
    assert [step["step"] for step in timeline] == [
        "detected",
        "contained",
        "scoped",
        "authority_notice_drafted",
        "user_notice_drafted",
    ]
    assert all(step["at_utc"] and step["at_hanoi"].endswith("+07:00") for step in timeline)
    assert (tmp_path / "user_notice.json").exists()
