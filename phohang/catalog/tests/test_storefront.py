import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from phohang.sellers.tests.factories import SellerFactory

from .factories import ProductFactory

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'<span class="product-card-title">([^<]+)</span>')


def _storefront_with(count: int):
    seller = SellerFactory()
    start = timezone.now() - datetime.timedelta(days=1)
    for n in range(count):
        ProductFactory(
            seller=seller,
            title=f"Miến dong Bình Liêu mẻ {n:02d}",
            published_at=start + datetime.timedelta(minutes=n),
        )
    return reverse("sellers:storefront", args=[seller.slug])


def test_storefront_pages_through_every_product_once(client):
    url = _storefront_with(58)

    pages = [client.get(url, {"page": number}) for number in (1, 2, 3)]

    titles = [CARD_TITLE.findall(page.content.decode()) for page in pages]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert [len(found) for found in titles] == [24, 24, 10]
    assert titles[0][0] == "Miến dong Bình Liêu mẻ 57"
    assert titles[1][0] == "Miến dong Bình Liêu mẻ 33"
    assert titles[2][-1] == "Miến dong Bình Liêu mẻ 00"
    assert len({title for found in titles for title in found}) == 58
    assert 'rel="next"' in pages[0].content.decode()
    assert 'rel="next"' not in pages[2].content.decode()


def test_storefront_page_out_of_range_or_garbage_shows_a_real_page(client):
    url = _storefront_with(30)

    last = client.get(url, {"page": 99})
    garbage = client.get(url, {"page": "abc"})

    assert (last.status_code, garbage.status_code) == (200, 200)
    assert len(CARD_TITLE.findall(last.content.decode())) == 6
    assert len(CARD_TITLE.findall(garbage.content.decode())) == 24
