import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.core.models import AuditRecord
from phohang.directory.models import Inquiry, Milestone, ParkChange

from .factories import (
    InquiryFactory,
    MilestoneFactory,
    ProjectFactory,
    VillageFactory,
    manufacturer,
    park_with_operator,
)

pytestmark = pytest.mark.django_db


def test_park_list_filters_and_refuses_a_negative_area(client):
    park, _ = park_with_operator(name="Khu công nghiệp Phú Nghĩa", free_area_ha=Decimal("21"))
    park_with_operator(name="Khu công nghiệp Nhỏ", free_area_ha=Decimal("2"))
    url = reverse("directory:parks")

    found = client.get(url, {"province": "01", "min_free_ha": "5"}).content.decode()
    refused = client.get(url, {"min_free_ha": "-5"}).content.decode()

    assert "Khu công nghiệp Phú Nghĩa" in found
    assert "Khu công nghiệp Nhỏ" not in found
    assert "Con số này không được âm." in refused
    assert "Khu công nghiệp Phú Nghĩa" not in refused


def test_signed_in_investor_sends_an_inquiry_and_bad_area_changes_nothing(client):
    park, _ = park_with_operator()
    client.force_login(UserFactory())
    form = {
        "company": "Công ty TNHH Điện tử Kaneka",
        "contact_name": "Nguyễn Văn An",
        "phone": "0912345678",
        "sector": "electronics",
        "area_needed_ha": "-2",
    }

    refused = client.post(park.get_absolute_url(), form)
    assert Inquiry.objects.count() == 0
    assert "Diện tích cần thuê phải lớn hơn 0." in refused.content.decode()
    sent = client.post(park.get_absolute_url(), form | {"area_needed_ha": "6"})

    assert sent.status_code == 302
    assert Inquiry.objects.get().area_needed_ha == Decimal("6.00")


def test_anonymous_inquiry_goes_to_sign_in(client):
    park, _ = park_with_operator()

    response = client.post(park.get_absolute_url(), {"company": "X"})

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert Inquiry.objects.count() == 0


def test_operator_pages_of_another_operator_answer_404_and_change_nothing(client):
    park, _ = park_with_operator()
    _other, intruder = park_with_operator()
    lead = InquiryFactory(park=park)
    client.force_login(intruder)

    page = client.get(reverse("directory:operator_park", args=[park.public_id]))
    post = client.post(
        reverse("directory:operator_park", args=[park.public_id]),
        {"form": "facts", "total_area_ha": "1", "free_area_ha": "1"},
    )
    lead_page = client.post(reverse("directory:lead", args=[lead.public_id]), {"to": "contacted"})

    assert (page.status_code, post.status_code, lead_page.status_code) == (404, 404, 404)
    assert ParkChange.objects.count() == 0
    lead.refresh_from_db()
    assert lead.status == "new"


def facts_form(**changes) -> dict:
    return {
        "form": "facts",
        "total_area_ha": "300",
        "free_area_ha": "40",
        "occupancy_percent": "86.7",
        "land_price_vnd_m2": "3000000",
        "factory_rent_vnd_m2_month": "90000",
        "power_capacity_mva": "126",
        "water_m3_day": "10000",
        "wastewater_m3_day": "8000",
        "sectors": ["electronics"],
    } | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"occupancy_percent": "120"}, "Tỷ lệ lấp đầy là phần trăm từ 0 đến 100."),
        ({"free_area_ha": "-3"}, "Diện tích còn trống không được âm."),
        ({"total_area_ha": "-300"}, "Diện tích không được âm"),
    ],
)
def test_operator_bad_figures_show_a_clear_message(client, changes, message):
    park, operator = park_with_operator()
    client.force_login(operator)

    response = client.post(
        reverse("directory:operator_park", args=[park.public_id]), facts_form(**changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ParkChange.objects.count() == 0


def test_operator_proposal_then_staff_approval_publishes_it(client):
    park, operator = park_with_operator()
    client.force_login(operator)
    client.post(
        reverse("directory:operator_park", args=[park.public_id]),
        facts_form(free_area_ha="12.5"),
    )
    change = ParkChange.objects.get()
    staff = AuthorityFactory()
    login_verified(client, staff)

    queue = client.get(reverse("directory:review_queue")).content.decode()
    client.post(
        reverse("directory:review_decide", args=[change.public_id]), {"decision": "approve"}
    )

    assert "Diện tích còn trống (ha)" in queue
    park.refresh_from_db()
    assert park.free_area_ha == Decimal("12.50")
    assert AuditRecord.objects.filter(action="directory.park_change.approved").count() == 1


def test_review_queue_is_for_authority_staff_only(client):
    client.force_login(UserFactory())

    assert client.get(reverse("directory:review_queue")).status_code == 403


def test_operator_moves_a_lead_to_site_visit(client):
    park, operator = park_with_operator()
    lead = InquiryFactory(park=park)
    client.force_login(operator)
    url = reverse("directory:lead", args=[lead.public_id])

    client.post(url, {"to": "contacted"})
    client.post(url, {"to": "site_visit"})

    lead.refresh_from_db()
    assert lead.status == "site_visit"
    assert "Khảo sát thực địa" in client.get(url).content.decode()


def test_capability_search_page_finds_ep_nhua(client):
    manufacturer(
        "Công ty TNHH Nhựa kỹ thuật Tân Phát",
        processes=["plastic_injection"],
        certifications=["iso9001"],
    )
    manufacturer("Công ty CP Cơ khí Minh Khang", processes=["cnc_machining"])

    html = client.get(
        reverse("directory:manufacturers"), {"q": "ep nhua", "certification": "iso9001"}
    ).content.decode()

    assert "Công ty TNHH Nhựa kỹ thuật Tân Phát" in html
    assert "Công ty CP Cơ khí Minh Khang" not in html
    assert "Ép nhựa" in html


def test_key_product_tagging_is_for_staff(client):
    maker = manufacturer("Công ty CP Điện tử Hưng Thịnh", processes=["pcb_assembly"])
    client.force_login(UserFactory())
    assert (
        client.post(maker.get_absolute_url(), {"name": "Bo mạch", "year": 2025}).status_code == 404
    )

    login_verified(client, AuthorityFactory())
    client.post(maker.get_absolute_url(), {"name": "Bo mạch điều khiển", "year": 2025})

    assert "Bo mạch điều khiển" in client.get(reverse("directory:key_products")).content.decode()


def test_village_pages_show_the_map(client):
    village = VillageFactory(name="Làng gốm Bát Tràng", crafts="Gốm sứ")

    listing = client.get(reverse("directory:villages")).content.decode()
    page = client.get(village.get_absolute_url()).content.decode()

    assert "<svg" in listing and "Làng gốm Bát Tràng" in listing
    assert "Gốm sứ" in page and "<svg" in page


def test_public_project_page_hides_internal_notes_and_shows_late_milestone(client):
    milestone = MilestoneFactory(
        planned_start=datetime.date(2024, 1, 10), planned_end=datetime.date(2024, 6, 30)
    )

    html = client.get(milestone.project.get_absolute_url()).content.decode()

    assert "Tóm tắt công khai." in html
    assert "Ghi chú nội bộ bí mật." not in html
    assert "Chậm" in html
    assert "<svg" in html


def test_authority_sees_late_substation_milestone(client):
    project = ProjectFactory(name="Trạm biến áp 220 kV Đông Anh")
    MilestoneFactory(
        project=project,
        name="Đóng điện",
        planned_start=datetime.date(2024, 1, 10),
        planned_end=datetime.date(2024, 6, 30),
    )
    login_verified(client, AuthorityFactory())

    html = client.get(reverse("directory:late_milestones")).content.decode()

    assert "Trạm biến áp 220 kV Đông Anh" in html and "Đóng điện" in html


def test_milestone_finishing_before_it_starts_gets_a_message(client):
    project = ProjectFactory()
    login_verified(client, AuthorityFactory())

    response = client.post(
        project.get_absolute_url(),
        {
            "form": "milestone",
            "name": "Đóng điện",
            "planned_start": "2026-05-01",
            "planned_end": "2026-04-01",
        },
    )

    assert "Mốc tiến độ không thể kết thúc trước khi bắt đầu." in response.content.decode()
    assert Milestone.objects.count() == 0


def test_public_cannot_add_milestones(client):
    project = ProjectFactory()
    client.force_login(UserFactory())

    response = client.post(
        project.get_absolute_url(),
        {
            "form": "milestone",
            "name": "x",
            "planned_start": "2026-01-01",
            "planned_end": "2026-02-01",
        },
    )

    assert response.status_code == 404
    assert Milestone.objects.count() == 0


def test_english_page_uses_english_process_names(client):
    manufacturer("Công ty TNHH Nhựa Tân Phát", processes=["plastic_injection"])
    client.cookies["django_language"] = "en"

    html = client.get(
        reverse("directory:manufacturers"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "Plastic injection moulding" in html
