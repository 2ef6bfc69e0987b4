"""Compliance demo: the banned-goods list, the operating rules, a fee notice, a held listing,
an escalated complaint, an overdue takedown and a personal-data request; called by load_demo."""

import datetime

from django.utils import timezone

from phohang.accounts.models import User
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext
from phohang.core.text import search_fold
from phohang.orders.models import Order

from . import services
from .models import Complaint, DataRequest, FeeNotice, RulesVersion, ScreeningRule, Takedown

OFFICER_EMAIL = "canbo@congthuong.hanoi.gov.vn"
BUYER_EMAIL = "nguoimua@phohang.vn"

K = ScreeningRule.Kind
RULES = [
    (K.BANNED, "thuốc lá điện tử", "Nghị quyết 173/2024/QH15"),
    (K.BANNED, "thuốc lá nung nóng", "Nghị quyết 173/2024/QH15"),
    (K.BANNED, "pháo nổ", "Nghị định 137/2020/NĐ-CP"),
    (K.BANNED, "sừng tê giác", "Nghị định 06/2019/NĐ-CP"),
    (K.BANNED, "ngà voi", "Nghị định 06/2019/NĐ-CP"),
    (K.RESTRICTED, "rượu", "Nghị định 105/2017/NĐ-CP: giấy phép bán lẻ rượu"),
    (K.RESTRICTED, "thuốc chữa bệnh", "Luật Dược 2016"),
    (K.RESTRICTED, "thực phẩm chức năng", "Nghị định 15/2018/NĐ-CP"),
    (K.NEEDS_ORIGIN, "mật ong", "Truy xuất nguồn gốc"),
    (K.NEEDS_ORIGIN, "yến sào", "Truy xuất nguồn gốc"),
    (K.NEEDS_CERTIFICATE, "sữa công thức", "Nghị định 100/2014/NĐ-CP"),
]

RULES_TEXT = """Điều 1. Phạm vi: Quy chế này áp dụng cho mọi thương nhân, tổ chức, cá nhân bán hàng và mua hàng trên sàn Phố Hàng.
Điều 2. Người bán phải được định danh điện tử (VNeID) hoặc bằng giấy tờ (người bán nước ngoài) trước khi đăng bán; định danh hết hạn thì sản phẩm tạm ẩn.
Điều 3. Tin đăng được kiểm tra tự động theo danh mục hàng cấm và hạn chế kinh doanh; tin bị gắn cờ chờ sàn duyệt.
Điều 4. Khiếu nại: người bán trả lời trong 3 ngày; quá hạn, sàn tiếp nhận và có thể chuyển cơ quan quản lý.
Điều 5. Phí: mọi thay đổi phí người bán được công bố ít nhất 20 ngày trước khi áp dụng.
Điều 6. Xếp hạng: kết quả tìm kiếm xếp theo mức khớp từ khoá, đánh giá và lượt bán; không bán thứ hạng."""


def load_demo(stdout=None) -> None:
    now = timezone.now()
    officer = User.objects.filter(email=OFFICER_EMAIL).first()
    context = AuditContext(actor=officer, purpose="demo data")
    ScreeningRule.objects.bulk_create(
        ScreeningRule(kind=kind, phrase=phrase, phrase_folded=search_fold(phrase), note=note)
        for kind, phrase, note in RULES
    )
    RulesVersion.objects.create(
        version="1.0",
        title="Quy chế hoạt động sàn Phố Hàng",
        summary="Bản đầu tiên theo Luật Thương mại điện tử 2025.",
        body=RULES_TEXT,
        published_at=datetime.datetime(2026, 6, 10, 8, 0, tzinfo=datetime.UTC),
        effective_from=datetime.datetime(2026, 7, 1, 0, 0, tzinfo=datetime.UTC),
    )
    FeeNotice.objects.create(
        title="Phí hoa hồng ngành chè, cà phê: 5% → 4%",
        details="Giảm phí hoa hồng cho sản phẩm OCOP ngành chè và cà phê.",
        effective_from=timezone.localdate() + datetime.timedelta(days=25),
        published_by=officer,
    )
    summary = ["11 screening rules, rules v1.0, 1 fee notice"]
    product = (
        Product.objects.filter(status=Product.Status.PUBLISHED)
        .select_related("seller")
        .order_by("pk")
        .first()
    )
    buyer = User.objects.filter(email=BUYER_EMAIL).first()
    order = Order.objects.filter(buyer=buyer).select_related("seller").order_by("pk").first()
    if buyer and order:
        complaint = services.complaint_file(
            complainant=buyer,
            target=Complaint.Target.ORDER,
            reference=str(order.public_id),
            body="Giao thiếu 1 gói so với đơn; người bán chưa phản hồi tin nhắn.",
            evidence=None,
            context=AuditContext(actor=buyer),
        )
        Complaint.objects.filter(pk=complaint.pk).update(
            created_at=now - datetime.timedelta(days=4),
            seller_due_at=now - datetime.timedelta(days=1),
        )
        services.complaints_escalate_overdue(now=now)
        services.data_request_file(
            requester=buyer,
            kind=DataRequest.Kind.CORRECTION,
            details="Sửa số điện thoại trên các đơn cũ.",
            context=AuditContext(actor=buyer),
        )
        summary.append("an escalated complaint and a data request by the demo buyer")
    if officer and product:
        takedown = services.takedown_order(
            kind=Takedown.Kind.LISTING,
            product_public_id=str(product.public_id),
            reason="Nhãn ghi xuất xứ chưa khớp giấy chứng nhận; đề nghị gỡ để bổ sung hồ sơ.",
            legal_basis="Công văn 215/SCT-QLTM",
            officer=officer,
            context=context,
        )
        Takedown.objects.filter(pk=takedown.pk).update(
            ordered_at=now - datetime.timedelta(hours=30), due_at=now - datetime.timedelta(hours=6)
        )
        summary.append("an overdue takedown")
    if stdout is not None:
        stdout.write(
            "Compliance: " + "; ".join(summary) + f"; the officer {OFFICER_EMAIL} sees /tuan-thu/."
        )
