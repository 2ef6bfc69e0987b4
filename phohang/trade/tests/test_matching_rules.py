"""Matching ranks offers by the buyer's rules: product read from the whole text, units
converted, certificates with their equivalents, season, capacity, radius and growing area."""

from datetime import date

import pytest

from phohang.trade import services
from phohang.trade.matching import rank_offers

from .factories import demand_data, offer_data, seller_with_owner, today

pytestmark = pytest.mark.django_db

BAC_NINH, THAI_NGUYEN, LAM_DONG = "24", "19", "68"


def _offer(category, **overrides):
    seller, owner = seller_with_owner()
    return services.offer_create(user=owner, seller=seller, data=offer_data(category, **overrides))


def _demand(category, buyer, **overrides):
    organisation, user = buyer
    return services.demand_create(
        user=user, organisation=organisation, data=demand_data(category, **overrides)
    )


def _grades(demand) -> dict[int, int]:
    return {pk: breakdown["grade"] for pk, _s, breakdown in rank_offers(demand, minimum_score=0)}


def test_product_in_the_description_and_company_name_in_the_title(rice, buyer):
    wanted = _offer(rice, title="Gạo ST25 Sóc Trăng", certifications=["vietgap"])
    _offer(rice, title="Gạo tám thơm Hải Hậu", certifications=["vietgap"])

    demand = _demand(
        rice,
        buyer,
        title="Công ty TNHH Thực phẩm Minh An cần mua gạo",
        description="Cần nguồn hàng gạo ST25 ổn định, số lượng lớn.",
    )

    assert rank_offers(demand)[0][0] == wanted.pk


def test_price_per_tonne_is_compared_with_a_ceiling_per_kilogram(rice, buyer):
    offer = _offer(rice, unit="tonne", price_min_vnd=24_000_000, price_max_vnd=26_000_000)

    demand = _demand(rice, buyer, unit="kg", quantity=2000, price_ceiling_vnd=25_000)

    assert _grades(demand)[offer.pk] == 3


def test_globalgap_satisfies_a_vietgap_requirement_and_none_is_not_a_match(rice, buyer):
    globalgap = _offer(rice, certifications=["globalgap"])
    plain = _offer(rice, certifications=[])

    grades = _grades(_demand(rice, buyer, certifications=["vietgap"]))

    assert (grades[globalgap.pk], grades.get(plain.pk, 0)) == (3, 0)


def test_bap_cai_is_not_a_match_for_bap(rice, buyer):
    corn = _offer(rice, title="Ngô hạt khô loại 1")
    cabbage = _offer(rice, title="Bắp cải tươi Đà Lạt")

    grades = _grades(_demand(rice, buyer, title="Cần mua bắp hạt"))

    assert (grades[corn.pk], grades.get(cabbage.pk, 0)) == (3, 0)


def test_no_month_of_the_window_in_season_is_not_a_match(rice, buyer):
    start = date(today().year + 1, 1, 10)
    out_of_season = _offer(rice, season_months=[7, 8])

    grades = _grades(_demand(rice, buyer, delivery_start=start, delivery_end=start.replace(day=25)))

    assert grades.get(out_of_season.pk, 0) == 0


def test_capacity_of_sixty_percent_is_a_full_fit_and_twenty_percent_a_shortfall(rice, buyer):
    sixty = _offer(rice, quantity=1200, unit="kg", price_min_vnd=22_000, price_max_vnd=26_000)
    twenty = _offer(
        rice, quantity=4, unit="quintal", price_min_vnd=2_200_000, price_max_vnd=2_600_000
    )

    grades = _grades(_demand(rice, buyer, quantity=2, unit="tonne"))

    assert (grades[sixty.pk], grades[twenty.pk]) == (3, 2)


def test_radius_written_as_a_sentence_makes_a_far_origin_a_shortfall(rice, buyer):
    near = _offer(rice, origin_province_id=BAC_NINH)
    far = _offer(rice, origin_province_id=LAM_DONG)

    grades = _grades(
        _demand(rice, buyer, description="Ưu tiên nhà cung cấp trong bán kính khoảng 300 km.")
    )

    assert (grades[near.pk], grades[far.pk]) == (3, 2)


def test_origin_outside_a_named_growing_area_is_a_shortfall(rice, buyer):
    luc_ngan = _offer(rice, title="Vải thiều tươi loại 1", origin_province_id=BAC_NINH)
    elsewhere = _offer(rice, title="Vải thiều tươi loại 1", origin_province_id=THAI_NGUYEN)

    grades = _grades(_demand(rice, buyer, title="Cần mua vải thiều Lục Ngạn"))

    assert (grades[luc_ngan.pk], grades[elsewhere.pk]) == (3, 2)


def test_an_accessory_for_the_product_is_not_the_product(rice, buyer):
    headphones = _offer(rice, title="Tai nghe Bluetooth Sony WH-1000XM4")
    case = _offer(rice, title="Ốp lưng silicon cho tai nghe AirPods Pro")

    grades = _grades(_demand(rice, buyer, title="Cần nhập tai nghe không dây cho chuỗi cửa hàng"))

    assert (grades[headphones.pk], grades.get(case.pk, 0)) == (3, 0)


def test_a_stand_is_not_the_price_of_a_phone(rice, buyer):
    phone = _offer(rice, title="Điện thoại Samsung Galaxy A15")
    stand = _offer(rice, title="Giá đỡ kẹp điện thoại")

    ranked = [pk for pk, _score, _breakdown in rank_offers(
        _demand(rice, buyer, title="Cần mua giá đỡ để bàn")
    )]  # fmt: skip

    assert ranked[:1] == [stand.pk] and phone.pk not in ranked
