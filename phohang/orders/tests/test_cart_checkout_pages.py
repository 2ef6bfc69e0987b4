"""Cart, checkout, address book and order page as a buyer meets them."""

from datetime import date

import pytest
from django.urls import reverse

from phohang.geo.models import Ward
from phohang.orders import services
from phohang.orders.delivery import delivery_window, tracking_url
from phohang.orders.models import CartLine, Order, SavedAddress

from .factories import UserFactory, VariantFactory, place, seller_with_owner, ward

pytestmark = pytest.mark.django_db


def _in_cart(client, buyer, *variants):
    client.force_login(buyer)
    for variant in variants:
        client.post(
            reverse("orders:cart_update"), {"variant_id": variant.pk, "quantity": 1, "mode": "add"}
        )
    client.get(reverse("orders:cart"))  # shows (and so clears) the "added" messages


def _checkout_data(destination, **overrides):
    data = {
        "recipient_name": "Lê Hoa",
        "recipient_phone": "0912345678",
        "street": "5 Hàng Gai",
        "province": destination.province_id,
        "ward": destination.code,
        "payment_method": "cod",
        "expected_total_vnd": "",
        "confirm": "1",
    }
    data.update(overrides)
    return data


def test_switched_off_payment_methods_are_not_offered_nor_accepted(client, settings):
    settings.VNPAY_ENABLED = False
    settings.VIETQR_ENABLED = False
    buyer = UserFactory()
    tea = VariantFactory()
    _in_cart(client, buyer, tea)

    page = client.get(reverse("orders:checkout"))
    refused = client.post(
        reverse("orders:checkout"), _checkout_data(ward("01"), payment_method="vnpay")
    )

    assert [value for value, _label in page.context["form"].fields["payment_method"].choices] == [
        "cod"
    ]
    assert 'value="vnpay"' not in page.content.decode()
    assert refused.status_code == 400
    assert Order.objects.count() == 0 and CartLine.objects.count() == 1


def test_after_an_error_the_ward_list_holds_only_the_chosen_provinces_wards(client):
    buyer = UserFactory()
    _in_cart(client, buyer, VariantFactory())
    destination = ward("01")

    response = client.post(
        reverse("orders:checkout"), _checkout_data(destination, recipient_phone="abc")
    )

    options = list(response.context["form"].fields["ward"].queryset)
    assert response.status_code == 400
    assert len(options) == Ward.objects.filter(province_id="01").count() < 3321
    assert {option.province_id for option in options} == {"01"}
    assert "Nhập số điện thoại Việt Nam" in response.content.decode()


def test_after_an_error_without_a_province_no_ward_is_listed(client):
    buyer = UserFactory()
    _in_cart(client, buyer, VariantFactory())

    response = client.post(
        reverse("orders:checkout"), _checkout_data(ward("01"), province="", ward="")
    )

    assert response.status_code == 400
    assert response.context["form"].fields["ward"].queryset.count() == 0


def test_checkout_prefills_phone_and_name_from_the_profile(client):
    buyer = UserFactory(full_name="Trần Văn Bình", phone="0987654321")
    _in_cart(client, buyer, VariantFactory())

    form = client.get(reverse("orders:checkout")).context["form"]

    assert form["recipient_name"].value() == "Trần Văn Bình"
    assert form["recipient_phone"].value() == "0987654321"


def test_checkout_prefills_the_default_address_and_prices_shipping_at_once(client):
    buyer = UserFactory()
    destination = ward("79")
    services.saved_address_add(
        user=buyer,
        street="12 Nguyễn Huệ",
        ward=destination,
        province=destination.province,
        recipient_name="Ngô Lan",
        recipient_phone="0901234567",
    )
    _in_cart(client, buyer, VariantFactory(price_vnd=50_000))

    page = client.get(reverse("orders:checkout"))

    form = page.context["form"]
    assert (form["street"].value(), form["recipient_name"].value()) == ("12 Nguyễn Huệ", "Ngô Lan")
    assert form["ward"].value() == destination.code
    assert page.context["preview"].total_vnd == 80_000
    assert 'name="expected_total_vnd" value="80000"' in page.content.decode()


def test_shipping_shows_as_soon_as_the_ward_is_chosen(client):
    buyer = UserFactory()
    _in_cart(client, buyer, VariantFactory(price_vnd=50_000))
    destination = ward("01")

    without = client.get(reverse("orders:checkout_summary"), {"province": "01", "ward": ""})
    chosen = client.get(
        reverse("orders:checkout_summary"), {"province": "01", "ward": destination.code}
    )
    mismatched = client.get(
        reverse("orders:checkout_summary"), {"province": "79", "ward": destination.code}
    )

    assert 'name="expected_total_vnd" value=""' in without.content.decode()
    assert "khi bạn chọn phường/xã" in without.content.decode()
    assert chosen.context["preview"].groups[0].shipping_vnd == 30_000
    assert 'name="expected_total_vnd" value="80000"' in chosen.content.decode()
    assert "Dự kiến giao" in chosen.content.decode()
    assert 'name="expected_total_vnd" value=""' in mismatched.content.decode()


def test_placing_can_save_the_address_as_the_first_default(client):
    buyer = UserFactory()
    _in_cart(client, buyer, VariantFactory())
    destination = ward("01")

    response = client.post(
        reverse("orders:checkout"), _checkout_data(destination, save_address="on")
    )

    saved = SavedAddress.objects.get(user=buyer)
    assert response.status_code == 302
    assert (saved.is_default, saved.address.ward_id, saved.recipient_phone) == (
        True,
        destination.code,
        "0912345678",
    )


def test_cart_shows_thumbnails_seller_subtotals_and_shipping_for_a_ward(client):
    seller_a, _owner = seller_with_owner()
    seller_b, _owner = seller_with_owner()
    tea = VariantFactory(
        product__seller=seller_a, price_vnd=50_000, product__cover_thumbnail="thumbs/tea.webp"
    )
    rice = VariantFactory(product__seller=seller_b, price_vnd=120_000)
    buyer = UserFactory()
    _in_cart(client, buyer, tea, rice)
    destination = ward("01")

    plain = client.get(reverse("orders:cart"))
    priced = client.get(reverse("orders:cart"), {"province": "01", "ward": destination.code})

    html = plain.content.decode()
    assert 'src="/media/thumbs/tea.webp"' in html
    assert html.count('class="remove-form"') == 2
    assert [group.subtotal_vnd for group in plain.context["preview"].groups] == [50_000, 120_000]
    assert [group.shipping_vnd for group in plain.context["preview"].groups] == [0, 0]
    assert [group.shipping_vnd for group in priced.context["preview"].groups] == [30_000, 30_000]
    assert priced.context["preview"].total_vnd == 230_000


def test_remove_button_takes_the_line_out_of_the_cart(client):
    tea, rice = VariantFactory(), VariantFactory()
    buyer = UserFactory()
    _in_cart(client, buyer, tea, rice)

    response = client.post(
        reverse("orders:cart_update"), {"variant_id": tea.pk, "quantity": 0}, follow=True
    )

    assert list(CartLine.objects.values_list("variant_id", flat=True)) == [rice.pk]
    assert "Đã xóa khỏi giỏ hàng." in response.content.decode()


def test_address_book_keeps_one_default_and_hands_it_on_when_deleted(client):
    buyer = UserFactory()
    client.force_login(buyer)
    home, office = ward("01"), ward("79")
    for destination, label in ((home, "Nhà"), (office, "Cơ quan")):
        client.post(
            reverse("orders:address_book"),
            {
                "label": label,
                "recipient_name": "Lê Hoa",
                "recipient_phone": "0912345678",
                "street": "5 Hàng Gai",
                "province": destination.province_id,
                "ward": destination.code,
            },
        )
    first, second = SavedAddress.objects.order_by("created_at", "id")

    client.post(reverse("orders:address_make_default", args=[second.public_id]))
    defaults_after_switch = list(
        SavedAddress.objects.filter(is_default=True).values_list("label", flat=True)
    )
    client.post(reverse("orders:address_delete", args=[second.public_id]))

    assert defaults_after_switch == ["Cơ quan"]
    assert list(SavedAddress.objects.values_list("label", "is_default")) == [("Nhà", True)]


def test_address_book_refuses_a_ward_of_another_province(client):
    buyer = UserFactory()
    client.force_login(buyer)

    response = client.post(
        reverse("orders:address_book"),
        {
            "recipient_name": "Lê Hoa",
            "recipient_phone": "0912345678",
            "street": "5 Hàng Gai",
            "province": "01",
            "ward": ward("79").code,
        },
    )

    assert response.status_code == 400
    assert SavedAddress.objects.count() == 0


def test_someone_elses_address_is_not_found(client):
    owner, stranger = UserFactory(), UserFactory()
    destination = ward("01")
    saved = services.saved_address_add(
        user=owner,
        street="5 Hàng Gai",
        ward=destination,
        province=destination.province,
        recipient_name="Lê Hoa",
        recipient_phone="0912345678",
    )
    client.force_login(stranger)

    answers = [
        client.get(reverse("orders:address_edit", args=[saved.public_id])).status_code,
        client.post(reverse("orders:address_delete", args=[saved.public_id])).status_code,
        client.post(reverse("orders:address_make_default", args=[saved.public_id])).status_code,
    ]

    assert answers == [404, 404, 404]
    assert SavedAddress.objects.filter(pk=saved.pk, is_default=True).exists()


def test_order_page_shows_timeline_tracking_link_and_expected_date(client):
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    order = place(buyer, [(VariantFactory(product__seller=seller), 1)]).orders.get()
    services.order_pack(order=order, actor=owner)
    services.order_ship(
        order=Order.objects.get(pk=order.pk), actor=owner, carrier="GHN", tracking_number="GHN123"
    )
    client.force_login(buyer)

    page = client.get(order.get_absolute_url())

    html = page.content.decode()
    steps = [(step.status, step.is_done) for step in page.context["timeline"]]
    assert steps == [
        ("confirmed", True),
        ("packed", True),
        ("shipped", True),
        ("delivered", False),
        ("completed", False),
    ]
    assert 'href="https://donhang.ghn.vn/?order_code=GHN123"' in html
    assert page.context["delivery"] is not None
    assert "Dự kiến giao" in html
    assert f"?seller={seller.public_id}&amp;order={order.public_id}" in html
    assert "Chat với người bán" in html


def test_tracking_link_only_for_known_carriers():
    assert tracking_url("Giao Hàng Tiết Kiệm", "S1 23") == "https://i.ghtk.vn/S1%2023"
    assert tracking_url("Xe nhà", "123") == ""
    assert tracking_url("GHN", " ") == ""


def test_expected_delivery_grows_with_distance():
    from phohang.geo.models import Province

    hanoi, bac_ninh, hcm = (Province.objects.get(code=code) for code in ("01", "24", "79"))
    monday = date(2026, 12, 7)

    same = delivery_window(origin=hanoi, destination=hanoi, ordered_on=monday)
    near = delivery_window(origin=hanoi, destination=bac_ninh, ordered_on=monday)
    far = delivery_window(origin=hanoi, destination=hcm, ordered_on=monday)

    assert (same.earliest, same.latest) == (date(2026, 12, 9), date(2026, 12, 10))
    assert (near.earliest, near.latest) == (date(2026, 12, 10), date(2026, 12, 11))
    assert (far.earliest, far.latest) == (date(2026, 12, 12), date(2026, 12, 14))


def test_address_book_over_the_api(client):
    from phohang.accounts.models import TokenScope
    from phohang.accounts.services import api_token_create

    buyer = UserFactory()
    token = api_token_create(user=buyer, name="t", scopes=[TokenScope.READ, TokenScope.SHOP])[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    destination = ward("79")
    body = {
        "label": "Cơ quan",
        "recipient_name": "Ngô Lan",
        "recipient_phone": "0901234567",
        "street": "12 Nguyễn Huệ",
        "ward_code": destination.code,
    }

    created = client.post(
        "/api/v1/orders/addresses/", data=body, content_type="application/json", **headers
    )
    unknown = client.post(
        "/api/v1/orders/addresses/",
        data={**body, "ward_code": "99999"},
        content_type="application/json",
        **headers,
    )
    listed = client.get("/api/v1/orders/addresses/", **headers)

    assert created.status_code == 201
    assert created.json()["is_default"] is True
    assert created.json()["province_code"] == "79"
    assert unknown.status_code == 422
    assert [entry["label"] for entry in listed.json()] == ["Cơ quan"]
    deleted = client.delete(f"/api/v1/orders/addresses/{created.json()['id']}", **headers)
    assert deleted.status_code == 204 and SavedAddress.objects.count() == 0
