"""Field-key rotation: old ciphertexts stay readable, duplicates are still found, and the
rotation command moves every row to the newest key."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import CommandError, call_command

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.core import crypto
from phohang.core.audit import AuditContext
from phohang.sellers import services
from phohang.sellers.models import Seller, SellerApplication, SellerType
from phohang.sellers.tests.test_services import _submit

from .factories import valid_citizen_id

pytestmark = pytest.mark.django_db
OLD = "old-field-key-" + "o" * 30
NEW = "new-field-key-" + "n" * 30


def _household(citizen_id: str, **overrides):
    return _submit(
        seller_type=SellerType.INDIVIDUAL, tax_code="", citizen_id=citizen_id, **overrides
    )


def test_every_listed_key_decrypts_and_the_first_encrypts(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    old_token = crypto.encrypt("001203004567")
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]

    new_token = crypto.encrypt("001203004567")

    assert crypto.decrypt(old_token) == "001203004567"
    assert (crypto.is_current(old_token), crypto.is_current(new_token)) == (False, True)
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    assert crypto.decrypt(new_token) == "001203004567"


def test_without_a_key_nothing_is_encrypted(settings):
    settings.FIELD_ENCRYPTION_KEYS = []

    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"):
        crypto.encrypt("001203004567")


def test_field_key_does_not_follow_the_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    token = crypto.encrypt("001203004567")
    digest = crypto.blind_index("001203004567")

    settings.SECRET_KEY = "rotated-secret-key-" + "s" * 40

    assert crypto.decrypt(token) == "001203004567"
    assert crypto.blind_index("001203004567") == digest


def test_duplicate_citizen_id_is_found_across_a_key_rotation(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    citizen_id = valid_citizen_id()
    _household(citizen_id, name="Hộ kinh doanh Trà Tân Cương")
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]

    with pytest.raises(ValidationError) as refused:
        _household(citizen_id, name="Hộ kinh doanh Chè Thái")

    assert "citizen_id" in refused.value.message_dict
    assert SellerApplication.objects.count() == 1


def test_rotation_command_rewrites_applications_and_sellers_with_the_newest_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    first, second = valid_citizen_id(), valid_citizen_id()
    approved = _household(first, name="Hộ Gốm Bát Tràng")
    services.seller_application_approve(
        application=approved, reviewer=AuthorityFactory(), context=AuditContext()
    )
    _household(second, name="Hộ Mây Tre Phú Vinh", applicant=UserFactory())
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    out = io.StringIO()

    call_command("field_keys_rotate", stdout=out)

    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    applications = {a.citizen_id: a for a in SellerApplication.objects.all()}
    assert set(applications) == {first, second}
    assert all(
        a.citizen_id_digest == crypto.blind_index(a.citizen_id) for a in applications.values()
    )
    assert Seller.objects.get().citizen_id_digest == crypto.blind_index(first)
    assert "sellers: citizen IDs [##############################] 3/3" in out.getvalue()
    assert "3 rewritten, 0 left on an older key" in out.getvalue()
    with pytest.raises(ValidationError):
        _household(second, name="Hộ Mây Tre Khác", applicant=UserFactory())


def test_rotation_command_twice_rewrites_nothing_the_second_time(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    _household(valid_citizen_id(), name="Hộ Nón Làng Chuông")
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    call_command("field_keys_rotate", stdout=io.StringIO())
    token = SellerApplication.objects.get().citizen_id_encrypted
    out = io.StringIO()

    call_command("field_keys_rotate", stdout=out)

    assert "0 rewritten, 0 left" in out.getvalue()
    assert SellerApplication.objects.get().citizen_id_encrypted == token


def test_rotation_command_reports_a_seller_whose_plaintext_is_gone(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    application = _household(valid_citizen_id(), name="Hộ Lụa Vạn Phúc")
    seller = services.seller_application_approve(
        application=application, reviewer=AuthorityFactory(), context=AuditContext()
    )
    Seller.objects.filter(pk=seller.pk).update(application=None)
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]

    with pytest.raises(CommandError, match="1 rows are still on an older key"):
        call_command("field_keys_rotate", stdout=io.StringIO())
