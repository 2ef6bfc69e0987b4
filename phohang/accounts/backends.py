from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .models import User
from .validators import looks_like_phone, normalize_vietnamese_mobile


def user_for_identifier(identifier: str) -> User | None:
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if looks_like_phone(identifier):
        try:
            phone = normalize_vietnamese_mobile(identifier)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone).first()
    return User.objects.filter(email__iexact=identifier).first()


class EmailOrPhoneBackend(ModelBackend):
    """Authenticate with an email address or a Vietnamese mobile number."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        identifier = username or kwargs.get("email") or kwargs.get("phone")
        user = user_for_identifier(identifier) if identifier else None
        if user is None:
            # Spend the same time hashing so response time does not reveal unknown accounts.
            User().set_password(password or "")
            return None
        if user.check_password(password or "") and self.user_can_authenticate(user):
            return user
        return None
