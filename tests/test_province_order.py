"""Provinces appear in Vietnamese dictionary order in every list people pick them from."""

import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from phohang.accounts.tests.factories import AuthorityFactory, login_verified
from phohang.catalog.models import Category
from phohang.core.text import sorted_vietnamese
from phohang.geo.models import Province
from phohang.geo.selectors import province_list, ward_list_for_province

from .vietnamese_order import select_options, unsorted_province_lists

pytestmark = pytest.mark.django_db
APPS = ["accounts", "catalog", "geo", "insights", "orders", "sellers", "trade"]


def _province_names() -> set[str]:
    return {
        name for province in Province.objects.all() for name in (province.short_name, province.name)
    }


def test_province_list_is_in_vietnamese_order():
    names = [province.short_name for province in province_list()]

    assert len(names) == 34
    assert names == sorted_vietnamese(names)
    assert names.index("Cà Mau") < names.index("Cao Bằng") < names.index("Đà Nẵng")
    assert names[-1] == "Vĩnh Long"


def test_wards_of_a_province_are_in_vietnamese_order():
    names = [ward.name for ward in ward_list_for_province("01")]

    assert len(names) > 100
    assert names == sorted_vietnamese(names)


def _buildable_forms():
    for app in APPS:
        module = importlib.import_module(f"phohang.{app}.forms")
        for name, form_class in inspect.getmembers(module, inspect.isclass):
            if issubclass(form_class, forms.BaseForm) and form_class.__module__ == module.__name__:
                try:
                    yield f"{app}.{name}", form_class()
                except TypeError:
                    continue  # needs arguments (a user, a seller): its pages are walked below


def test_no_form_offers_provinces_out_of_order():
    names = _province_names()
    problems = []

    with translation.override("vi"):
        for label, form in _buildable_forms():
            for problem in unsorted_province_lists(select_options(str(form)), names):
                problems.append(f"{label} {problem}")

    assert problems == []


@pytest.mark.parametrize(
    "url_name",
    [
        "site:home",
        "catalog:province_index",
        "trade:board",
        "sellers:directory",
        "insights:overview",
    ],
)
def test_no_page_lists_provinces_out_of_order(client, url_name):
    login_verified(client, AuthorityFactory())

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    html = response.content.decode()
    assert unsorted_province_lists(select_options(html), _province_names()) == []


@pytest.mark.parametrize("form_class", ["catalog.ProductForm", "trade.BoardFilterForm"])
def test_category_select_lists_each_group_then_its_members_in_vietnamese_order(form_class):
    app, name = form_class.split(".")
    form = getattr(importlib.import_module(f"phohang.{app}.forms"), name)()

    with translation.override("vi"):
        labels = [str(label) for value, label in form.fields["category"].choices if value]

    paths = [tuple(label.split(" › ")) for label in labels]
    assert len(paths) == Category.objects.filter(is_active=True).count()
    groups = [path[0] for path in paths if len(path) == 1]
    assert groups == sorted_vietnamese(groups)
    for group in groups:
        members = [path[1] for path in paths if len(path) == 2 and path[0] == group]
        assert members == sorted_vietnamese(members)
        start = labels.index(group)
        assert labels[start + 1 : start + 1 + len(members)] == [f"{group} › {m}" for m in members]
    assert "Đồ uống › Cà phê" in labels
