import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.core.errors import Conflict, DomainError, NotFound
from phohang.core.models import AuditRecord
from phohang.directory import selectors, services
from phohang.directory.models import (
    Inquiry,
    KeyProduct,
    Milestone,
    Park,
    ParkChange,
    ParkFile,
    Plot,
)
from phohang.trade.models import Demand
from phohang.trade.tests.factories import CategoryFactory

from .factories import (
    InquiryFactory,
    MilestoneFactory,
    ProjectFactory,
    manufacturer,
    park_with_operator,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)


def facts(park, **changes) -> services.ParkFacts:
    values = vars(services.ParkFacts.of(park)) | changes
    return services.ParkFacts(**values)


def snapshot(park) -> tuple:
    park.refresh_from_db()
    return (park.total_area_ha, park.free_area_ha, park.occupancy_percent, park.updated_at)


def test_operator_change_waits_for_review_then_goes_public_audit_logged():
    park, operator = park_with_operator()
    before = snapshot(park)

    change = services.park_facts_propose(
        user=operator, park=park, facts=facts(park, free_area_ha=Decimal("12.5"))
    )

    assert snapshot(park) == before
    assert change.status == ParkChange.Status.PENDING
    staff = AuthorityFactory()
    services.park_change_review(user=staff, change=change, approve=True, note="Khớp hồ sơ")
    park.refresh_from_db()
    assert park.free_area_ha == Decimal("12.50")
    assert list(
        AuditRecord.objects.filter(object_id=str(park.public_id))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["directory.park_change.proposed", "directory.park_change.approved"]


def test_rejected_change_leaves_the_park_as_it_was():
    park, operator = park_with_operator()
    change = services.park_facts_propose(
        user=operator, park=park, facts=facts(park, free_area_ha=Decimal("1"))
    )
    before = snapshot(park)

    services.park_change_review(user=AuthorityFactory(), change=change, approve=False)

    assert snapshot(park) == before
    change.refresh_from_db()
    assert change.status == ParkChange.Status.REJECTED


def test_a_change_is_reviewed_once():
    park, operator = park_with_operator()
    change = services.park_facts_propose(user=operator, park=park, facts=facts(park))
    staff = AuthorityFactory()
    services.park_change_review(user=staff, change=change, approve=False)

    with pytest.raises(DomainError):
        services.park_change_review(user=staff, change=change, approve=True)

    change.refresh_from_db()
    assert change.status == ParkChange.Status.REJECTED


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"total_area_ha": Decimal("-5")}, "total_area_ha"),
        ({"free_area_ha": Decimal("-0.5")}, "free_area_ha"),
        ({"free_area_ha": Decimal("301")}, "free_area_ha"),
        ({"occupancy_percent": Decimal("100.1")}, "occupancy_percent"),
        ({"occupancy_percent": Decimal("-1")}, "occupancy_percent"),
        ({"power_capacity_mva": Decimal("-10")}, "power_capacity_mva"),
        ({"land_price_vnd_m2": -1}, "land_price_vnd_m2"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_stored(changes, field):
    park, operator = park_with_operator()
    before = snapshot(park)

    with pytest.raises(DomainError) as refused:
        services.park_facts_propose(user=operator, park=park, facts=facts(park, **changes))

    assert refused.value.field == field
    assert str(refused.value.message)
    assert snapshot(park) == before
    assert ParkChange.objects.count() == 0


def test_an_operator_cannot_touch_another_operators_park():
    park, _operator = park_with_operator()
    _other_park, other_operator = park_with_operator()
    before = snapshot(park)

    with pytest.raises(NotFound):
        services.park_facts_propose(
            user=other_operator, park=park, facts=facts(park, free_area_ha=Decimal("1"))
        )
    with pytest.raises(NotFound):
        services.plot_propose(
            user=other_operator,
            park=park,
            data=services.PlotData(code="X", kind="land", area_m2=Decimal(100), price_vnd_m2=1),
        )

    assert snapshot(park) == before
    assert ParkChange.objects.count() == 0


def test_plot_goes_public_after_approval():
    park, operator = park_with_operator()
    change = services.plot_propose(
        user=operator,
        park=park,
        data=services.PlotData(
            code="NX-07", kind="factory", area_m2=Decimal("2400"), price_vnd_m2=95_000
        ),
    )
    assert not Plot.objects.filter(park=park).exists()

    services.park_change_review(user=AuthorityFactory(), change=change, approve=True)

    plot = Plot.objects.get(park=park)
    assert (plot.code, plot.kind, plot.area_m2, plot.price_vnd_m2) == (
        "NX-07",
        "factory",
        Decimal("2400.0"),
        95_000,
    )


def test_negative_plot_area_is_refused():
    park, operator = park_with_operator()

    with pytest.raises(DomainError) as refused:
        services.plot_propose(
            user=operator,
            park=park,
            data=services.PlotData(code="A", kind="land", area_m2=Decimal("-1"), price_vnd_m2=1),
        )

    assert refused.value.field == "area_m2"
    assert ParkChange.objects.count() == 0


def test_a_photo_is_shown_only_after_approval(tmp_path, settings):
    from io import BytesIO

    from PIL import Image

    settings.STORAGES = settings.STORAGES | {
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    park, operator = park_with_operator()

    change = services.park_file_propose(
        user=operator,
        park=park,
        kind="photo",
        title="Cổng khu công nghiệp",
        upload=SimpleUploadedFile("cong.png", buffer.getvalue(), content_type="image/png"),
    )

    stored = ParkFile.objects.get(park=park)
    assert not stored.is_approved
    with pytest.raises(NotFound):
        selectors.park_file_get(UserFactory(), stored.public_id)
    services.park_change_review(user=AuthorityFactory(), change=change, approve=True)
    assert selectors.park_file_get(UserFactory(), stored.public_id) == stored


def test_a_script_disguised_as_a_photo_is_refused():
    park, operator = park_with_operator()

    with pytest.raises(DomainError) as refused:
        services.park_file_propose(
            user=operator,
            park=park,
            kind="photo",
            title="Ảnh",
            upload=SimpleUploadedFile("a.png", b"<script>alert(1)</script>", "image/png"),
        )

    assert refused.value.field == "file"
    assert ParkChange.objects.count() == 0
    assert ParkFile.objects.count() == 0


def test_province_officer_reviews_only_their_provinces_parks():
    park, operator = park_with_operator(province_id="01")
    change = services.park_facts_propose(user=operator, park=park, facts=facts(park))
    officer_elsewhere = AuthorityFactory(authority_province_id="79")

    with pytest.raises(NotFound):
        services.park_change_review(user=officer_elsewhere, change=change, approve=True)

    assert list(selectors.changes_for_review(officer_elsewhere)) == []
    change.refresh_from_db()
    assert change.status == ParkChange.Status.PENDING


def inquiry_data(**changes) -> services.InquiryData:
    values = {
        "company": "Công ty TNHH Điện tử Kaneka Việt Nam",
        "contact_name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "sector": "electronics",
        "area_needed_ha": Decimal("6"),
    } | changes
    return services.InquiryData(**values)


def test_inquiry_becomes_a_lead_the_operator_moves_to_site_visit_and_signed():
    park, operator = park_with_operator()
    investor = UserFactory()

    lead = services.inquiry_send(user=investor, park=park, data=inquiry_data())
    assert list(selectors.leads_for_operator(operator)) == [lead]
    for status in ("contacted", "site_visit", "signed"):
        services.inquiry_move(user=operator, inquiry=lead, to=status)

    lead.refresh_from_db()
    assert lead.status == Inquiry.Status.SIGNED
    assert list(lead.events.order_by("id").values_list("to_status", flat=True)) == [
        "new",
        "contacted",
        "site_visit",
        "signed",
    ]
    counts = selectors.lead_counts_for_authority(AuthorityFactory())
    assert {value: n for value, _label, n in counts["statuses"]}["signed"] == 1


def test_lead_cannot_skip_to_signed_or_be_moved_by_another_operator():
    park, operator = park_with_operator()
    _other, other_operator = park_with_operator()
    lead = InquiryFactory(park=park)

    with pytest.raises(Conflict):
        services.inquiry_move(user=operator, inquiry=lead, to="signed")
    with pytest.raises(NotFound):
        services.inquiry_move(user=other_operator, inquiry=lead, to="contacted")

    lead.refresh_from_db()
    assert lead.status == Inquiry.Status.NEW
    assert lead.events.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"area_needed_ha": Decimal("-3")}, "area_needed_ha"),
        ({"area_needed_ha": Decimal("0")}, "area_needed_ha"),
        ({"phone": "12"}, "phone"),
        ({"company": "  "}, "company"),
        ({"sector": "casino"}, "sector"),
    ],
)
def test_bad_inquiry_is_refused(changes, field):
    park, _operator = park_with_operator()

    with pytest.raises(DomainError) as refused:
        services.inquiry_send(user=UserFactory(), park=park, data=inquiry_data(**changes))

    assert refused.value.field == field
    assert Inquiry.objects.count() == 0


def test_park_search_filters_free_area_province_sector_price_and_power():
    big, _ = park_with_operator(free_area_ha=Decimal("12"), total_area_ha=Decimal("100"))
    park_with_operator(free_area_ha=Decimal("3"), total_area_ha=Decimal("100"))
    park_with_operator(province_id="79", free_area_ha=Decimal("50"), total_area_ha=Decimal("90"))

    found = selectors.park_search(selectors.ParkFilters(province_id="01", min_free_ha=Decimal(5)))

    assert list(found) == [big]
    assert not selectors.park_search(
        selectors.ParkFilters(province_id="01", min_free_ha=Decimal(5), sector="pharma")
    ).exists()
    assert (
        list(selectors.park_search(selectors.ParkFilters(province_id="01", sector="electronics")))[
            0
        ]
        == big
    )
    assert not selectors.park_search(selectors.ParkFilters(max_price_vnd_m2=1_000)).exists()
    assert not selectors.park_search(selectors.ParkFilters(min_power_mva=Decimal(999))).exists()


def test_capability_search_finds_plastic_injection_typed_without_diacritics():
    wanted = manufacturer(
        "Công ty TNHH Nhựa kỹ thuật Tân Phát",
        processes=["plastic_injection", "mould_making"],
        certifications=["iso9001"],
    )
    manufacturer("Công ty TNHH Nhựa Không Chứng Chỉ", processes=["plastic_injection"])
    manufacturer(
        "Công ty CP Cơ khí Minh Khang", processes=["cnc_machining"], certifications=["iso9001"]
    )

    def search(**filters):
        return list(selectors.manufacturer_search(selectors.CapabilityFilters(**filters)))

    assert search(query="ep nhua", certification="iso9001") == [wanted]
    assert search(query="Ép nhựa", certification="iso9001") == [wanted]
    assert search(query="plastic injection", certification="iso9001") == [wanted]
    assert len(search(query="ep nhua")) == 2
    assert search(query="ep nhua", process="cnc_machining") == []


def test_key_product_tag_is_audited_and_listed_and_needs_authority():
    maker = manufacturer("Công ty CP Điện tử Hưng Thịnh", processes=["pcb_assembly"])
    staff = AuthorityFactory()

    with pytest.raises(NotFound):
        services.key_product_tag(user=UserFactory(), manufacturer=maker, name="Bo mạch", year=2025)
    product = services.key_product_tag(user=staff, manufacturer=maker, name="Bo mạch", year=2025)

    assert list(selectors.key_product_list()) == [product]
    assert AuditRecord.objects.filter(action="directory.key_product.tagged").count() == 1
    services.key_product_untag(user=staff, product=product)
    assert KeyProduct.objects.count() == 0


def test_sourcing_need_becomes_a_trade_demand_of_a_manufacturer_organisation():
    user = UserFactory()
    category = CategoryFactory(name_vi="Linh kiện", name_en="Parts", slug="linh-kien-test")
    start = datetime.date.today() + datetime.timedelta(days=20)

    demand = services.sourcing_need_post(
        user=user,
        need=services.SourcingNeed(
            title="Vỏ nhựa ABS cho bộ điều khiển",
            category_id=category.pk,
            quantity=5000,
            unit="piece",
            frequency="monthly",
            delivery_province_id="01",
            delivery_start=start,
            delivery_end=start + datetime.timedelta(days=180),
            closing_date=start - datetime.timedelta(days=5),
            organisation_name="Công ty TNHH Điện tử Kaneka Việt Nam",
        ),
    )

    assert Demand.objects.get() == demand
    assert demand.organisation.kind == "manufacturer"
    assert demand.organisation.members.get() == user


def milestone_data(**changes) -> services.MilestoneData:
    values = {
        "name": "Đóng điện",
        "planned_start": datetime.date(2026, 3, 1),
        "planned_end": datetime.date(2026, 5, 1),
    } | changes
    return services.MilestoneData(**values)


def test_milestone_finishing_before_it_starts_is_refused():
    project = ProjectFactory()
    staff = AuthorityFactory()

    with pytest.raises(DomainError) as planned:
        services.milestone_add(
            user=staff,
            project=project,
            data=milestone_data(planned_end=datetime.date(2026, 2, 1)),
        )
    with pytest.raises(DomainError) as actual:
        services.milestone_add(
            user=staff,
            project=project,
            data=milestone_data(
                actual_start=datetime.date(2026, 3, 5), actual_end=datetime.date(2026, 3, 1)
            ),
        )

    assert (planned.value.field, actual.value.field) == ("planned_end", "actual_end")
    assert Milestone.objects.count() == 0


def test_recording_a_reversed_actual_end_changes_nothing():
    milestone = MilestoneFactory(actual_start=datetime.date(2026, 1, 15))

    with pytest.raises(DomainError):
        services.milestone_update(
            user=AuthorityFactory(),
            milestone=milestone,
            data=milestone_data(
                name=milestone.name,
                planned_start=milestone.planned_start,
                planned_end=milestone.planned_end,
                actual_start=datetime.date(2026, 1, 15),
                actual_end=datetime.date(2026, 1, 1),
            ),
        )

    milestone.refresh_from_db()
    assert milestone.actual_end is None


def test_late_milestones_are_the_unfinished_past_due_and_the_finished_late():
    staff = AuthorityFactory()
    overdue = MilestoneFactory(planned_end=datetime.date(2026, 6, 30))
    finished_late = MilestoneFactory(
        actual_start=datetime.date(2026, 1, 10), actual_end=datetime.date(2026, 7, 20)
    )
    MilestoneFactory(actual_start=datetime.date(2026, 1, 10), actual_end=datetime.date(2026, 6, 1))
    MilestoneFactory(planned_end=datetime.date(2027, 1, 30))

    late = list(selectors.late_milestones(staff, TODAY))

    assert sorted(m.pk for m in late) == sorted([overdue.pk, finished_late.pk])
    assert (
        list(selectors.late_milestones(AuthorityFactory(authority_province_id="79"), TODAY)) == []
    )


def test_park_constraint_keeps_occupancy_within_a_hundred():
    from django.db import IntegrityError, transaction

    park, _ = park_with_operator()
    with pytest.raises(IntegrityError), transaction.atomic():
        Park.objects.filter(pk=park.pk).update(occupancy_percent=Decimal("120"))
