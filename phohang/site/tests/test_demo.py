from io import StringIO

import pytest
from django.core.management import call_command

from phohang.accounts.models import User
from phohang.sellers.models import Seller, SellerApplication, SellerType
from phohang.site.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_is_loaded, load_foundation_demo
from phohang.site.management.commands import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


@pytest.fixture
def foundation_only(monkeypatch):
    """Only this app's demo data: the other apps' loaders are tested by their owners."""
    monkeypatch.setattr(load_demo, "demo_extensions", lambda: [])


def test_foundation_demo_has_every_role_and_many_provinces():
    load_foundation_demo()

    sellers = Seller.objects.all()
    assert sellers.count() >= 30
    assert sellers.values("province").distinct().count() >= 15
    assert set(sellers.values_list("seller_type", flat=True)) == set(SellerType.values)
    assert SellerApplication.objects.filter(status=SellerApplication.Status.SUBMITTED).count() >= 3
    assert User.objects.get(email="canbo@congthuong.hanoi.gov.vn").is_authority
    assert User.objects.get(email="admin@phohang.vn").is_superuser
    for _role, login, _note in DEMO_LOGINS:
        assert User.objects.get(email=login).check_password(DEMO_PASSWORD), login


def test_load_demo_twice_creates_nothing_new(foundation_only):
    first = StringIO()
    call_command("load_demo", stdout=first)
    counts = (User.objects.count(), Seller.objects.count(), SellerApplication.objects.count())

    second = StringIO()
    call_command("load_demo", stdout=second)

    assert demo_is_loaded()
    assert "Demo data loaded in" in first.getvalue()
    assert "already loaded" in second.getvalue()
    assert (
        User.objects.count(),
        Seller.objects.count(),
        SellerApplication.objects.count(),
    ) == counts


def test_load_demo_quiet_second_run_prints_nothing(foundation_only):
    call_command("load_demo", stdout=StringIO())
    out = StringIO()

    call_command("load_demo", "--quiet", stdout=out)

    assert out.getvalue() == ""


def test_load_demo_runs_every_extension_loader_once_inside_one_transaction(monkeypatch):
    calls = []
    monkeypatch.setattr(
        load_demo, "demo_extensions", lambda: [lambda stdout: calls.append("extension")]
    )

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())

    assert calls == ["extension"]


def test_failing_extension_leaves_no_half_loaded_demo(monkeypatch):
    def broken(stdout):
        raise RuntimeError("extension failed")

    monkeypatch.setattr(load_demo, "demo_extensions", lambda: [broken])

    with pytest.raises(RuntimeError):
        call_command("load_demo", stdout=StringIO())

    assert not demo_is_loaded()
    assert Seller.objects.count() == 0


def test_demo_logins_prints_every_login():
    out = StringIO()

    call_command("demo_logins", stdout=out)

    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    for role, login, _note in DEMO_LOGINS:
        assert login in printed and role in printed
    assert "hub manager" in printed and "dieuphoi.longbien@phohang.vn" in printed
    # the people of the wholesale market and the industrial park can find their way in too
    assert "banquanly.longbien@phohang.vn" in printed and "/cho-dau-moi/quan-ly/" in printed
    assert "tieuthuong.longbien@phohang.vn" in printed and "/cho-dau-moi/bao-gia/" in printed
    assert "vanhanh.phunghia@phohang.vn" in printed and "/cong-nghiep/van-hanh/" in printed
    assert "nhasanxuat@phohang.vn" in printed and "bql.battrang@phohang.vn" in printed
