"""Words that mean different things in different places read right on Vietnamese pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from phohang.accounts.tests.factories import AuthorityFactory, login_verified
from phohang.catalog.forms import ProductForm
from phohang.trade.forms import DemandForm


@pytest.mark.django_db
def test_dashboard_date_filter_says_from_date_not_price_from(client):
    login_verified(client, AuthorityFactory())

    html = client.get(reverse("insights:overview")).content.decode()

    assert "Từ ngày" in html
    assert "Đến ngày" in html
    assert "Giá từ" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [ProductForm, DemandForm])
def test_empty_choice_of_seller_and_b2b_forms_is_vietnamese(form_class):
    with translation.override("vi"):
        html = str(form_class())

    assert "Select an option" not in html
    assert "— Chọn —" in html
