import datetime

import factory
from django.utils import timezone

from phohang.catalog.tests.factories import VariantFactory
from phohang.livestream.models import LiveSession
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory

PLAYER = "https://www.youtube.com/embed/live_stream?channel=UC-phohang"


class LiveSessionFactory(factory.django.DjangoModelFactory):
    """A scheduled session of a verified shop, presented by its owner, documents confirmed."""

    class Meta:
        model = LiveSession

    seller = factory.SubFactory(SellerFactory)
    host = factory.LazyAttribute(lambda o: SellerMemberFactory(seller=o.seller).user)
    title = factory.Sequence(lambda n: f"Phiên chè Thái Nguyên {n}")
    scheduled_start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=1))
    scheduled_end = factory.LazyAttribute(lambda o: o.scheduled_start + datetime.timedelta(hours=2))
    player_url = PLAYER
    business_conditions_confirmed = True
    product_quality_confirmed = True
    advertising = LiveSession.Advertising.NOT_REQUIRED
    documents_confirmed_at = factory.LazyFunction(timezone.now)


def live_session(**kwargs) -> LiveSession:
    kwargs.setdefault("status", LiveSession.Status.LIVE)
    kwargs.setdefault("started_at", timezone.now())
    return LiveSessionFactory(**kwargs)


def product_of(seller, **kwargs):
    return VariantFactory(product__seller=seller, **kwargs)
