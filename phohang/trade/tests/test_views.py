from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import URLPattern, reverse

from phohang.core.access import policy_of
from phohang.core.models import AuditRecord
from phohang.trade import services, urls
from phohang.trade.models import Demand, Quote, SupplyContract

from .factories import (
    DIEN_BIEN,
    HANOI,
    demand_data,
    organisation_with_member,
    quote_data,
    seller_with_owner,
    today,
)

pytestmark = pytest.mark.django_db


def _in_english(client):
    """Choose English the way a user does (the language switch's cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _form(rice, **overrides):
    start = today() + timedelta(days=10)
    values = {
        "title": "Gạo ST25 đạt VietGAP",
        "category": rice.pk,
        "quantity": "2",
        "unit": "tonne",
        "frequency": "monthly",
        "delivery_province": HANOI,
        "delivery_start": start.isoformat(),
        "delivery_end": (start + timedelta(days=90)).isoformat(),
        "min_ocop_stars": "0",
        "certifications": ["vietgap"],
        "price_ceiling_vnd": "30.000.000",
        "closing_date": (today() + timedelta(days=7)).isoformat(),
        "visibility": "public",
    }
    values.update(overrides)
    return values


def test_every_trade_route_declares_an_access_policy():
    missing = [
        pattern.name
        for pattern in urls.urlpatterns
        if isinstance(pattern, URLPattern) and policy_of(pattern.callback) is None
    ]

    assert missing == []


def test_board_lists_open_public_demands_with_folded_search(client, demand, rice, buyer):
    organisation, user = buyer
    invited_seller, _owner = seller_with_owner(name="HTX Riêng")
    services.demand_create(
        user=user,
        organisation=organisation,
        data=demand_data(
            rice,
            title="Gạo nếp riêng tư",
            visibility="invited",
            invited_seller_ids=[invited_seller.pk],
        ),
    )

    response = client.get(reverse("trade:board"), {"q": "gao st25"})
    missing = client.get(reverse("trade:board"), {"q": "cà phê"})
    everything = client.get(reverse("trade:board"))

    assert response.status_code == 200
    assert list(response.context["page"]) == [demand]
    assert list(missing.context["page"]) == []
    assert "Gạo nếp riêng tư" not in everything.content.decode()


def test_board_filters_by_province_and_certification(client, demand, offer):
    by_province = client.get(reverse("trade:board"), {"province": DIEN_BIEN})
    offers = client.get(
        reverse("trade:board"),
        {"show": "offers", "province": DIEN_BIEN, "certification": "vietgap"},
    )
    no_organic = client.get(reverse("trade:board"), {"show": "offers", "certification": "organic"})

    assert list(by_province.context["page"]) == []
    assert list(offers.context["page"]) == [offer]
    assert list(no_organic.context["page"]) == []


def test_board_htmx_request_renders_only_the_results(client, demand):
    response = client.get(reverse("trade:board"), HTTP_HX_REQUEST="true")

    assert [t.name for t in response.templates][0] == "trade/partials/_board_results.html"


def test_demand_create_without_organisation_redirects_to_registration(client):
    _organisation, _user = organisation_with_member()
    from .factories import UserFactory

    client.force_login(UserFactory())

    response = client.get(reverse("trade:demand_create"))

    assert response.status_code == 302
    assert response["Location"] == reverse("trade:organisation_create")


def test_demand_create_posts_and_shows_matches(client, rice, buyer, offer):
    organisation, user = buyer
    client.force_login(user)

    response = client.post(
        reverse("trade:demand_create"), _form(rice, organisation=organisation.pk)
    )

    demand = Demand.objects.get()
    assert response.status_code == 302
    assert response["Location"] == demand.get_absolute_url()
    page = client.get(demand.get_absolute_url())
    assert offer.title in page.content.decode()
    assert "Why it matched" in _in_english(client).get(demand.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quantity", "0", "The quantity must be greater than zero."),
        ("quantity", "-3", "The quantity must be greater than zero."),
        ("delivery_start", "past", "The delivery window cannot start in the past."),
        ("closing_date", "past", "The closing date cannot be before today."),
    ],
)
def test_demand_create_bad_input_gets_message_and_changes_nothing(
    client, rice, buyer, field, value, message
):
    organisation, user = buyer
    client.force_login(user)
    if value == "past":
        value = (today() - timedelta(days=1)).isoformat()

    response = _in_english(client).post(
        reverse("trade:demand_create"),
        _form(rice, organisation=organisation.pk, **{field: value}),
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Demand.objects.count() == 0


def test_demand_create_bad_input_message_is_vietnamese_by_default(client, rice, buyer):
    organisation, user = buyer
    client.force_login(user)

    response = client.post(
        reverse("trade:demand_create"), _form(rice, organisation=organisation.pk, quantity="0")
    )

    assert response.status_code == 400
    assert "Số lượng phải lớn hơn 0." in response.content.decode()


def test_invited_demand_is_404_for_strangers_and_anonymous(client, rice, buyer):
    organisation, user = buyer
    invited, invited_owner = seller_with_owner(name="HTX Được mời")
    demand = services.demand_create(
        user=user,
        organisation=organisation,
        data=demand_data(rice, visibility="invited", invited_seller_ids=[invited.pk]),
    )
    _other, stranger = organisation_with_member(name="Bếp ăn khác")

    anonymous = client.get(demand.get_absolute_url())
    client.force_login(stranger)
    as_stranger = client.get(demand.get_absolute_url())
    quotes_page = client.get(reverse("trade:demand_quotes", args=[demand.public_id]))
    client.force_login(invited_owner)
    as_invited = client.get(demand.get_absolute_url())

    assert (anonymous.status_code, as_stranger.status_code, quotes_page.status_code) == (
        404,
        404,
        404,
    )
    assert as_invited.status_code == 200


def test_quote_on_closed_demand_is_refused_with_message(client, demand, buyer, supplier):
    _organisation, user = buyer
    services.demand_set_status(user=user, demand=demand, status="closed")
    _seller, owner = supplier
    client.force_login(owner)
    start = today() + timedelta(days=10)

    response = _in_english(client).post(
        reverse("trade:quote_submit", args=[demand.public_id]),
        {
            "price_per_unit_vnd": "24.000.000",
            "quantity": "2",
            "delivery_start": start.isoformat(),
            "delivery_end": (start + timedelta(days=30)).isoformat(),
            "valid_until": (today() + timedelta(days=7)).isoformat(),
        },
    )

    assert response.status_code == 422
    assert "This demand is closed and takes no more quotes." in response.content.decode()
    assert Quote.objects.count() == 0


def test_quote_submit_with_pdf_attachment(client, demand, supplier):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _seller, owner = supplier
    client.force_login(owner)
    start = today() + timedelta(days=10)
    pdf = SimpleUploadedFile("bao-gia.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")

    response = client.post(
        reverse("trade:quote_submit", args=[demand.public_id]),
        {
            "price_per_unit_vnd": "24.000.000",
            "quantity": "2",
            "delivery_start": start.isoformat(),
            "delivery_end": (start + timedelta(days=30)).isoformat(),
            "valid_until": (today() + timedelta(days=7)).isoformat(),
            "attachments": [pdf],
        },
    )

    quote = Quote.objects.get()
    assert response.status_code == 302
    assert quote.attachments.get().original_name == "bao-gia.pdf"
    download = client.get(
        reverse("trade:attachment_download", args=[quote.attachments.get().public_id])
    )
    assert download.status_code == 200
    assert download["X-Content-Type-Options"] == "nosniff"


def test_buyer_compares_and_accepts_then_both_see_the_contract(client, quote, buyer, supplier):
    _organisation, user = buyer
    _seller, owner = supplier
    client.force_login(user)

    comparison = client.get(reverse("trade:demand_quotes", args=[quote.demand.public_id]))
    response = client.post(reverse("trade:quote_accept", args=[quote.public_id]), {"quantity": "2"})

    contract = SupplyContract.objects.get()
    assert comparison.status_code == 200
    assert comparison.context["quotes"] == [quote]
    assert response["Location"] == contract.get_absolute_url()
    assert contract.get_absolute_url() in client.get(reverse("trade:mine")).content.decode()
    client.force_login(owner)
    assert client.get(contract.get_absolute_url()).status_code == 200
    assert contract.get_absolute_url() in client.get(reverse("trade:mine")).content.decode()


def test_second_accept_through_the_page_is_409_and_changes_nothing(client, quote, buyer):
    _organisation, user = buyer
    client.force_login(user)
    client.post(reverse("trade:quote_accept", args=[quote.public_id]), {"quantity": "1"})

    again = _in_english(client).post(
        reverse("trade:quote_accept", args=[quote.public_id]), {"quantity": "1"}
    )

    assert again.status_code == 409
    assert SupplyContract.objects.count() == 1
    assert Demand.objects.get().awarded_quantity == 1


def test_stranger_gets_404_for_quote_and_contract(client, quote, buyer):
    _organisation, user = buyer
    contract = services.quote_accept(user=user, quote=quote)
    _other, stranger = organisation_with_member(name="Người lạ")
    client.force_login(stranger)

    assert client.get(quote.get_absolute_url()).status_code == 404
    assert client.post(reverse("trade:quote_accept", args=[quote.public_id])).status_code == 404
    assert client.get(contract.get_absolute_url()).status_code == 404


def test_deliveries_marked_through_the_contract_page(client, quote, buyer, supplier):
    _organisation, user = buyer
    _seller, owner = supplier
    contract = services.quote_accept(user=user, quote=quote)
    first = contract.deliveries.first()

    client.force_login(owner)
    shipped = client.post(
        reverse("trade:delivery_update", args=[contract.public_id, first.sequence, "shipped"])
    )
    client.force_login(user)
    received = client.post(
        reverse("trade:delivery_update", args=[contract.public_id, first.sequence, "received"])
    )

    first.refresh_from_db()
    assert (shipped.status_code, received.status_code) == (302, 302)
    assert first.status == "received"
    assert AuditRecord.objects.filter(action__startswith="trade.delivery").count() == 2


def test_matching_opt_out_withdraws_consent(client, buyer):
    from phohang.accounts.models import Consent
    from phohang.accounts.services import consent_is_given

    _organisation, user = buyer
    client.force_login(user)

    client.post(reverse("trade:notification_preference"), {"notify": "on"})
    opted_in = consent_is_given(user=user, purpose=Consent.Purpose.MATCHING)
    client.post(reverse("trade:notification_preference"), {})

    assert opted_in is True
    assert consent_is_given(user=user, purpose=Consent.Purpose.MATCHING) is False


def test_offer_create_requires_seller_role(client, rice, buyer):
    _organisation, user = buyer
    client.force_login(user)

    response = client.get(reverse("trade:offer_create"))

    assert response.status_code == 403


def test_matching_progress_partial_for_members_only(client, demand, buyer, supplier):
    _organisation, user = buyer
    _seller, owner = supplier
    client.force_login(user)

    mine = client.get(reverse("trade:demand_matching", args=[demand.public_id]))
    client.force_login(owner)
    theirs = client.get(reverse("trade:demand_matching", args=[demand.public_id]))

    assert mine.status_code == 200
    assert mine.context["job"].status == "done"
    assert theirs.status_code == 404


def test_quote_thread_posts_message(client, quote, buyer):
    _organisation, user = buyer
    client.force_login(user)

    response = client.post(quote.get_absolute_url(), {"body": "Có giao được thứ Bảy không?"})

    assert response.status_code == 302
    assert list(quote.messages.values_list("body", flat=True)) == ["Có giao được thứ Bảy không?"]


def test_quote_data_defaults_fit_the_demand(demand):
    assert quote_data().quantity <= demand.quantity
