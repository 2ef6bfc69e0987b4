"""PDP-04: a scripted breach drill — detect a simulated leak, scope it, draft the notices.

The notice deadline is 72 hours from detection (Law No. 91/2025/QH15 on personal data
protection and Decree 356/2025/NĐ-CP): docs/breach-runbook.md is the procedure this follows.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from phohang.orders.models import Order

DEADLINE = timedelta(hours=72)
AUTHORITY = "A05 — Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao, Bộ Công an"
NOTICE_FIELDS = (
    "organisation",
    "contact",
    "description",
    "occurred_between",
    "detected_at",
    "data_categories",
    "people_affected",
    "records_affected",
    "likely_consequences",
    "measures_taken",
)
# What an order export holds about buyers (the simulated leak).
ORDER_EXPORT_DATA = [
    "họ tên người nhận / recipient name",
    "số điện thoại / phone number",
    "địa chỉ giao hàng / delivery address",
    "hàng đã mua và số tiền / goods bought and amounts",
]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Drill:
    detected_at: datetime
    timeline: list[dict] = field(default_factory=list)

    def step(self, name: str, **facts) -> None:
        now = timezone.now()
        self.timeline.append(
            {
                "step": name,
                "at_utc": now.isoformat(timespec="seconds"),
                "at_hanoi": now.astimezone(HANOI).isoformat(timespec="seconds"),
                "hours_since_detection": round((now - self.detected_at).total_seconds() / 3600, 4),
                **facts,
            }
        )


def _scope(since: datetime) -> tuple[int, int]:
    """People and orders in the leaked export: every order placed since `since`."""
    orders = Order.objects.filter(created_at__gte=since)
    return orders.values("buyer").distinct().count(), orders.count()


def breach_drill_run(*, output: Path, organisation: str, contact: str) -> dict:
    """Run the drill and write the timeline and the draft notices to `output`."""
    drill = Drill(detected_at=timezone.now())
    drill.step("detected", source="simulated: order export found outside the platform")
    drill.step("contained", actions=["export link revoked", "exporting account's tokens revoked"])
    since = drill.detected_at - timedelta(days=30)
    people, records = _scope(since)
    drill.step("scoped", people_affected=people, records_affected=records)
    notice = {
        "to": AUTHORITY,
        "organisation": organisation,
        "contact": contact,
        "description": (
            "Tệp xuất đơn hàng 30 ngày bị phát tán ra ngoài nền tảng (diễn tập). / "
            "A 30-day order export was found outside the platform (drill)."
        ),
        "occurred_between": [since.isoformat(timespec="seconds"), drill.detected_at.isoformat()],
        "detected_at": drill.detected_at.isoformat(timespec="seconds"),
        "data_categories": ORDER_EXPORT_DATA,
        "people_affected": people,
        "records_affected": records,
        "likely_consequences": (
            "Lừa đảo qua điện thoại nhắm vào người mua. / Phone scams aimed at the buyers."
        ),
        "measures_taken": [step["step"] for step in drill.timeline],
        "deadline": (drill.detected_at + DEADLINE).isoformat(timespec="seconds"),
    }
    missing = [name for name in NOTICE_FIELDS if notice.get(name) in (None, "", [])]
    drill.step("authority_notice_drafted", missing_fields=missing)
    user_notice = {
        "vi": (
            "Một tệp chứa họ tên, số điện thoại, địa chỉ giao hàng và đơn hàng của bạn trong 30 "
            "ngày qua đã bị lộ. Hãy cảnh giác với cuộc gọi tự xưng là Phố Hàng hoặc người bán. "
            f"Liên hệ: {contact}."
        ),
        "en": (
            "A file with your name, phone number, delivery address and orders of the last 30 "
            "days was exposed. Beware of calls claiming to be Phố Hàng or a seller. "
            f"Contact: {contact}."
        ),
    }
    drill.step("user_notice_drafted")
    hours = drill.timeline[-1]["hours_since_detection"]
    result = {
        "detected_at": notice["detected_at"],
        "deadline": notice["deadline"],
        "hours_to_draft_notice": hours,
        "within_deadline": hours <= DEADLINE.total_seconds() / 3600,
        "missing_fields": missing,
        "people_affected": people,
        "timeline": drill.timeline,
    }
    output.mkdir(parents=True, exist_ok=True)
    for name, content in (
        ("timeline.json", result),
        ("authority_notice.json", notice),
        ("user_notice.json", user_notice),
    ):
        (output / name).write_text(json.dumps(content, ensure_ascii=False, indent=1))
    return result


def default_output() -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "drills" / stamp
