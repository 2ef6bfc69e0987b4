import pytest

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.catalog.tests.factories import ProductFactory, VariantFactory
from phohang.compliance.demo import BUYER_EMAIL, OFFICER_EMAIL, load_demo
from phohang.compliance.models import Complaint, RulesVersion, ScreeningRule, Takedown
from phohang.orders.tests.factories import place

pytestmark = pytest.mark.django_db


def test_demo_has_the_list_the_rules_an_escalated_complaint_and_an_overdue_takedown():
    AuthorityFactory(email=OFFICER_EMAIL, is_city_authority=True)
    buyer = UserFactory(email=BUYER_EMAIL)
    place(buyer, [(VariantFactory(product=ProductFactory(), stock_on_hand=3), 1)])

    load_demo()

    assert ScreeningRule.objects.filter(phrase_folded="thuoc la dien tu").exists()
    assert RulesVersion.objects.get().version == "1.0"
    assert Complaint.objects.get().status == Complaint.Status.ESCALATED
    assert Takedown.objects.get().is_overdue
