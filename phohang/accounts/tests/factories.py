import factory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from phohang.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    """A buyer with an unusable password (no hashing); pass `password=` to set one."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    phone = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", None)
        return model_class.objects.create_user(password=password, **kwargs)


class AuthorityFactory(UserFactory):
    """City-wide authority staff unless `authority_province` is given."""

    email = factory.Sequence(lambda n: f"canbo{n}@congthuong.gov.vn")
    is_authority = True
    authority_province = None
    is_city_authority = factory.LazyAttribute(
        lambda o: o.authority_province is None and not getattr(o, "authority_province_id", None)
    )


class AdminFactory(UserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@phohang.vn")
    is_staff = True
    is_superuser = True


def totp_device(user, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=confirmed)


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def fresh_code(user) -> str:
    """A current code of the user's authenticator (set one up if there is none)."""
    from phohang.accounts.mfa import totp_device_for

    return current_code(totp_device_for(user) or totp_device(user))


def login_verified(client, user) -> None:
    """Sign `user` in on `client` with the second factor already confirmed (staff pages need it)."""
    client.force_login(user)
    if user.is_staff_like:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
