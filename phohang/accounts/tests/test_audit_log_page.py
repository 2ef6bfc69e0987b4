import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.core.audit import AuditContext, audit_record
from phohang.sellers.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def _officer_suspends_a_seller():
    officer = UserFactory(full_name="Nguyễn Văn Thanh Tra")
    seller = SellerFactory(name="Hợp tác xã Gốm Bát Tràng")
    audit_record(
        context=AuditContext(actor=officer),
        action="sellers.seller.suspended",
        obj=seller,
        before={"is_active": True},
        after={"is_active": False},
        purpose="khiếu nại hàng giả",
    )
    return seller


def test_audit_log_reads_as_who_did_what_to_what_in_vietnamese(client):
    _officer_suspends_a_seller()
    login_verified(client, AuthorityFactory())

    response = client.get(reverse("accounts:audit_log"))

    html = response.content.decode()
    assert response.status_code == 200
    sentence = response.context["lines"][0]
    assert sentence.who == "Nguyễn Văn Thanh Tra"
    assert sentence.verb == "đã tạm ngừng"
    assert sentence.what.endswith("«Hợp tác xã Gốm Bát Tràng»")
    assert "đã tạm ngừng người bán «Hợp tác xã Gốm Bát Tràng»" in html
    assert [(c.before, c.after) for c in sentence.changes] == [("có", "không")]
    assert "khiếu nại hàng giả" in html


def test_audit_log_filters_by_what_was_done_and_who(client):
    _officer_suspends_a_seller()
    login_verified(client, AuthorityFactory())

    by_action = client.get(reverse("accounts:audit_log"), {"action": "sellers.seller.suspended"})
    by_nobody = client.get(reverse("accounts:audit_log"), {"who": "Trần Không Có"})

    assert [line.who for line in by_action.context["lines"]] == ["Nguyễn Văn Thanh Tra"]
    assert by_nobody.context["lines"] == []


def test_audit_log_refuses_an_unknown_action_filter_with_a_message(client):
    login_verified(client, AuthorityFactory())

    response = client.get(reverse("accounts:audit_log"), {"action": "<script>"})

    assert response.status_code == 400
    assert response.context["form"].errors["action"]


def test_audit_log_shows_lists_and_counts_recorded_in_a_change(client):
    """Token scopes (a list) and an erasure's counts (a mapping) read as text, not a server error."""
    officer = UserFactory(full_name="Lê Thị Quản Trị")
    audit_record(
        context=AuditContext(actor=officer),
        action="account.erase",
        object_type="accounts.user",
        object_id="42",
        before={"scopes": ["orders"]},
        after={
            "scopes": ["orders", "shop"],
            "deleted": {"orders.Review": 1, "accounts.ApiToken": 2},
        },
    )
    login_verified(client, AuthorityFactory())

    response = client.get(reverse("accounts:audit_log"))

    assert response.status_code == 200
    changes = {c.field: (c.before, c.after) for c in response.context["lines"][0].changes}
    assert changes["scopes"] == ("orders", "orders, shop")
    assert changes["deleted"] == ("–", "orders.Review: 1; accounts.ApiToken: 2")
