"""A craft village's board, or authority staff of its province, link the village's shops."""

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.core.errors import DomainError, NotFound
from phohang.core.models import AuditRecord
from phohang.directory import selectors, services
from phohang.sellers.tests.factories import SellerFactory

from .factories import VillageFactory

pytestmark = pytest.mark.django_db


def _village_with_board():
    board_member = UserFactory()
    village = VillageFactory(name="Làng gốm Bát Tràng", slug="lang-gom-bat-trang")
    village.board.add(board_member)
    return village, board_member


def _linked(village) -> list[str]:
    return sorted(village.sellers.values_list("name", flat=True))


def test_board_member_links_and_unlinks_a_shop_on_the_record():
    village, board_member = _village_with_board()
    shop = SellerFactory(name="Gốm Minh Hải Bát Tràng")

    services.village_shop_link(user=board_member, village=village, seller=shop)
    linked = _linked(village)
    services.village_shop_unlink(user=board_member, village=village, seller=shop)

    assert linked == ["Gốm Minh Hải Bát Tràng"]
    assert _linked(village) == []
    actions = list(AuditRecord.objects.order_by("id").values_list("action", "after__name"))
    assert actions == [
        ("directory.village.shop_linked", "Gốm Minh Hải Bát Tràng"),
        ("directory.village.shop_unlinked", "Gốm Minh Hải Bát Tràng"),
    ]


def test_a_closed_shop_or_a_second_link_is_refused_and_nothing_changes():
    village, board_member = _village_with_board()
    closed = SellerFactory(name="Gốm Đóng Cửa", is_active=False)
    shop = SellerFactory(name="Gốm Quang Vinh")
    services.village_shop_link(user=board_member, village=village, seller=shop)

    with pytest.raises(DomainError) as inactive:
        services.village_shop_link(user=board_member, village=village, seller=closed)
    with pytest.raises(DomainError) as twice:
        services.village_shop_link(user=board_member, village=village, seller=shop)
    with pytest.raises(DomainError) as not_linked:
        services.village_shop_unlink(user=board_member, village=village, seller=closed)

    assert (inactive.value.code, twice.value.code, not_linked.value.code) == (
        "shop_inactive",
        "already_linked",
        "not_linked",
    )
    assert _linked(village) == ["Gốm Quang Vinh"]
    assert AuditRecord.objects.count() == 1


def test_another_villages_board_and_another_provinces_officer_cannot_link():
    village, _board_member = _village_with_board()
    other_board = UserFactory()
    VillageFactory().board.add(other_board)
    shop = SellerFactory()

    for user in (other_board, AuthorityFactory(authority_province_id="79"), UserFactory()):
        with pytest.raises(NotFound):
            services.village_shop_link(user=user, village=village, seller=shop)

    assert _linked(village) == []


def test_province_officer_links_a_shop():
    village, _board_member = _village_with_board()
    shop = SellerFactory(name="Gốm Sứ Thanh Hương")

    services.village_shop_link(
        user=AuthorityFactory(authority_province_id="01"), village=village, seller=shop
    )

    assert _linked(village) == ["Gốm Sứ Thanh Hương"]


def test_candidates_are_open_unlinked_shops_of_the_village_province_first_in_dictionary_order():
    village, board_member = _village_with_board()
    SellerFactory(name="Gốm Đông Hải", province_code="01")
    SellerFactory(name="Gốm Biên Hòa", province_code="75")
    SellerFactory(name="Gốm Chu Đậu", province_code="01")
    SellerFactory(name="Gốm Đóng Cửa", province_code="01", is_active=False)
    linked = SellerFactory(name="Gốm Anh Khoa", province_code="01")
    services.village_shop_link(user=board_member, village=village, seller=linked)

    names = [seller.name for seller in selectors.village_shop_candidates(village, "Gốm")]

    assert names == ["Gốm Chu Đậu", "Gốm Đông Hải", "Gốm Biên Hòa"]
    assert selectors.village_shop_candidates(village, "G") == []


def test_shops_page_links_a_shop_that_then_shows_on_the_village_page(client):
    village, board_member = _village_with_board()
    shop = SellerFactory(name="Gốm Minh Hải Bát Tràng")
    url = reverse("directory:village_shops", args=[village.slug])
    client.force_login(board_member)

    found = client.get(url, {"ten": "Minh Hải"}).content.decode()
    linked = client.post(url, {"action": "link", "seller": str(shop.public_id)}, follow=True)
    public = client.get(village.get_absolute_url()).content.decode()

    assert "Gốm Minh Hải Bát Tràng" in found
    assert "đã hiển thị trên trang làng nghề" in linked.content.decode()
    assert "Gốm Minh Hải Bát Tràng" in public
    assert "Quản lý gian hàng của làng" in public


def test_shops_page_is_404_for_a_stranger_and_changes_nothing(client):
    village, _board_member = _village_with_board()
    shop = SellerFactory()
    url = reverse("directory:village_shops", args=[village.slug])
    client.force_login(UserFactory())

    page = client.get(url)
    post = client.post(url, {"action": "link", "seller": str(shop.public_id)})

    assert (page.status_code, post.status_code) == (404, 404)
    assert _linked(village) == []
    assert (
        "Quản lý gian hàng của làng" not in client.get(village.get_absolute_url()).content.decode()
    )


def test_shops_page_for_an_officer_needs_the_second_factor(client):
    village, _board_member = _village_with_board()
    officer = AuthorityFactory(authority_province_id="01")
    url = reverse("directory:village_shops", args=[village.slug])

    client.force_login(officer)
    unverified = client.get(url)
    login_verified(client, officer)
    verified = client.get(url)

    assert unverified.status_code in (302, 403)
    assert verified.status_code == 200


def test_a_bad_shop_id_gets_a_message_and_changes_nothing(client):
    village, board_member = _village_with_board()
    client.force_login(board_member)
    url = reverse("directory:village_shops", args=[village.slug])

    response = client.post(url, {"action": "link", "seller": "not-a-uuid"}, follow=True)

    assert "Hãy chọn một gian hàng." in response.content.decode()
    assert _linked(village) == []
