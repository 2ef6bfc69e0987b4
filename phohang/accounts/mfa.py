"""TOTP second factor for authority and admin accounts (django-otp)."""

import base64

import segno
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


def mfa_is_required(user: User) -> bool:
    return settings.MFA_REQUIRED_FOR_STAFF and user.is_staff_like


def totp_device_for(user: User, *, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("id").first()


def totp_device_start_enrolment(user: User) -> TOTPDevice:
    device = totp_device_for(user, confirmed=False)
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def totp_secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def totp_qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


def totp_verify(device: TOTPDevice, code: str) -> bool:
    code = (code or "").strip().replace(" ", "")
    return code.isdigit() and len(code) == 6 and device.verify_token(code)
