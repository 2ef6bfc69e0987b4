import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from phohang.accounts.models import Notification, NotificationKind, NotificationSetting
from phohang.accounts.tests.factories import AdminFactory, AuthorityFactory, UserFactory
from phohang.core.errors import DomainError, Forbidden
from phohang.markets import services
from phohang.markets.models import (
    AlertSubscription,
    CityPrice,
    PriceAlert,
    PriceCorrection,
    PriceReport,
)

from .factories import (
    MarketFactory,
    PriceProductFactory,
    TraderFactory,
    context_for,
    market_with_manager,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def report(user, market, product, *, day=None, figures=(58_000, 60_000, 62_000)):
    low, typical, high = figures
    return services.price_report(
        user=user,
        market=market,
        product=product,
        day=day or TODAY(),
        min_vnd=low,
        typical_vnd=typical,
        max_vnd=high,
        context=context_for(user),
    )


def test_manager_reports_a_price_and_the_city_price_follows():
    market, manager = market_with_manager()
    product = PriceProductFactory()

    stored = report(manager, market, product)

    assert (stored.min_vnd, stored.typical_vnd, stored.max_vnd, stored.revision) == (
        58_000,
        60_000,
        62_000,
        1,
    )
    city = CityPrice.objects.get(product=product, day=TODAY())
    assert (city.typical_vnd, city.markets) == (60_000, 1)


def test_a_second_report_of_the_day_corrects_it_and_keeps_the_previous_figures():
    market, manager = market_with_manager()
    product = PriceProductFactory()
    report(manager, market, product)

    corrected = report(manager, market, product, figures=(59_000, 61_000, 63_000))

    assert PriceReport.objects.count() == 1
    assert (corrected.typical_vnd, corrected.revision) == (61_000, 2)
    history = PriceCorrection.objects.get(report=corrected)
    assert (history.revision, history.typical_vnd) == (1, 60_000)


def test_city_price_is_the_median_of_the_markets():
    product = PriceProductFactory()
    admin = AdminFactory()
    for typical in (50_000, 60_000, 70_000):
        market = MarketFactory()
        report(admin, market, product, figures=(typical - 1000, typical, typical + 5000))

    city = CityPrice.objects.get(product=product, day=TODAY())

    assert (city.min_vnd, city.typical_vnd, city.max_vnd, city.markets) == (
        49_000,
        60_000,
        75_000,
        3,
    )


@pytest.mark.parametrize(
    ("figures", "day_offset", "code"),
    [
        ((-5_000, 60_000, 62_000), 0, "price_not_positive"),
        ((0, 60_000, 62_000), 0, "price_not_positive"),
        ((65_000, 60_000, 62_000), 0, "min_above_max"),
        ((58_000, 70_000, 62_000), 0, "typical_outside"),
        ((58_000, 60_000, 62_000), 1, "future_day"),
        ((58_000, 60_000, 62_000), -400, "day_too_old"),
    ],
)
def test_bad_prices_are_refused_and_nothing_is_stored(figures, day_offset, code):
    market, manager = market_with_manager()
    product = PriceProductFactory()

    with pytest.raises(DomainError) as refused:
        report(
            manager,
            market,
            product,
            day=TODAY() + datetime.timedelta(days=day_offset),
            figures=figures,
        )

    assert refused.value.code == code
    assert str(refused.value.message)
    assert PriceReport.objects.count() == 0
    assert CityPrice.objects.count() == 0


def test_a_bad_correction_leaves_the_stored_price_as_it_was():
    market, manager = market_with_manager()
    product = PriceProductFactory()
    report(manager, market, product)

    with pytest.raises(DomainError):
        report(manager, market, product, figures=(70_000, 60_000, 62_000))

    stored = PriceReport.objects.get()
    assert (stored.min_vnd, stored.revision) == (58_000, 1)
    assert PriceCorrection.objects.count() == 0


def test_a_trader_reporting_for_another_market_is_refused_with_its_own_market_named():
    own = MarketFactory(name="Chợ đầu mối Long Biên")
    other = MarketFactory(name="Chợ đầu mối phía Nam")
    user = UserFactory()
    TraderFactory(market=own, users=[user])
    product = PriceProductFactory()

    with pytest.raises(Forbidden) as refused:
        report(user, other, product)

    assert refused.value.code == "other_market"
    assert "Chợ đầu mối Long Biên" in str(refused.value.message)
    assert PriceReport.objects.count() == 0


def test_a_trader_reports_for_its_own_market():
    market = MarketFactory()
    user = UserFactory()
    TraderFactory(market=market, users=[user])

    stored = report(user, market, PriceProductFactory())

    assert stored.market == market
    assert stored.reported_by == user


def test_a_spike_over_the_threshold_raises_an_alert_and_notifies_subscribed_staff():
    market, manager = market_with_manager()
    product = PriceProductFactory(name="Thịt lợn mông sấn")
    officer = AuthorityFactory()
    AlertSubscription.objects.create(user=officer)
    bystander = AuthorityFactory()
    for back in range(7, 0, -1):
        report(manager, market, product, day=TODAY() - datetime.timedelta(days=back))

    report(manager, market, product, figures=(68_000, 70_000, 75_000))

    alert = PriceAlert.objects.get()
    assert (alert.typical_vnd, alert.median_vnd, alert.change_percent) == (
        70_000,
        60_000,
        Decimal("16.7"),
    )
    notification = Notification.objects.get(user=officer)
    assert "Thịt lợn mông sấn" in notification.title
    assert notification.kind == NotificationKind.MARKETS
    assert not Notification.objects.filter(user=bystander).exists()


def test_an_officer_who_switched_price_alerts_off_on_the_site_gets_none_there():
    market, manager = market_with_manager()
    product = PriceProductFactory()
    officer = AuthorityFactory()
    AlertSubscription.objects.create(user=officer)
    NotificationSetting.objects.create(
        user=officer, kind=NotificationKind.MARKETS, in_app=False, email=False
    )
    NotificationSetting.objects.create(user=officer, kind=NotificationKind.ACCOUNT, in_app=True)
    for back in range(7, 0, -1):
        report(manager, market, product, day=TODAY() - datetime.timedelta(days=back))

    report(manager, market, product, figures=(68_000, 70_000, 75_000))

    assert PriceAlert.objects.count() == 1
    assert not Notification.objects.filter(user=officer).exists()


def test_a_move_below_the_threshold_raises_no_alert_and_a_correction_clears_one():
    market, manager = market_with_manager()
    product = PriceProductFactory()
    for back in range(7, 0, -1):
        report(manager, market, product, day=TODAY() - datetime.timedelta(days=back))
    report(manager, market, product, figures=(68_000, 70_000, 75_000))
    assert PriceAlert.objects.count() == 1

    report(manager, market, product, figures=(60_000, 64_000, 66_000))

    assert PriceAlert.objects.count() == 0


def test_the_threshold_the_authority_sets_applies():
    market, manager = market_with_manager()
    product = PriceProductFactory()
    officer = AuthorityFactory()
    services.threshold_save(percent=Decimal(5), user=officer, context=context_for(officer))
    for back in range(7, 0, -1):
        report(manager, market, product, day=TODAY() - datetime.timedelta(days=back))

    report(manager, market, product, figures=(60_000, 64_000, 66_000))

    assert PriceAlert.objects.get().change_percent == Decimal("6.7")


def test_threshold_outside_1_to_90_percent_is_refused():
    officer = AuthorityFactory()

    with pytest.raises(DomainError):
        services.threshold_save(percent=Decimal(0), user=officer, context=context_for(officer))


def test_daily_need_must_be_positive():
    officer = AuthorityFactory()

    with pytest.raises(DomainError):
        services.need_save(
            goods_group="pork",
            tonnes_per_day=Decimal(0),
            user=officer,
            context=context_for(officer),
        )
