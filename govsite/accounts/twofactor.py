"""The second factor of X3 (003 §35, 001 §14(3)): a TOTP authenticator, with one-time recovery codes.

Every factor is a django-otp `Device`. Another factor (an SMS code, a certificate) plugs in as another
device model: `confirmed_devices` offers it, `verify` tries it, and nothing else here changes (docs/security.md).
"""

from __future__ import annotations

import base64
import io
import re

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"
RECOVERY_CODE_COUNT = 10
_TOTP_CODE = re.compile(r"\d{6}")


def confirmed_devices(user) -> list:
    """The factors the account has set up, of every kind."""
    return list(devices_for_user(user, confirmed=True))


def has_second_factor(user) -> bool:
    return any(not isinstance(device, StaticDevice) for device in confirmed_devices(user))


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being enrolled: kept until confirmed, so reloading the page keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app that cannot scan."""
    encoded = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(encoded[i:i + 4] for i in range(0, len(encoded), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code: no image service, no script."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8").split("?>", 1)[-1].strip()


def new_recovery_codes(user) -> list[str]:
    """Ten fresh one-time codes; the earlier ones stop working."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME,
                                                              defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def confirm_authenticator(request, code: str) -> bool:
    """The first code from the new authenticator confirms it and completes this sign-in."""
    device = pending_authenticator(request.user)
    if not device.verify_token(code.strip()):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    return True


def _may_accept(device, code: str) -> bool:
    """Six digits go to the authenticator (or another code-sending factor), anything else to the recovery codes."""
    return isinstance(device, StaticDevice) != bool(_TOTP_CODE.fullmatch(code))


def verify(request, code: str):
    """The device that accepts `code`, now marked in the session as this sign-in's second factor; else None."""
    code = re.sub(r"\s", "", code).lower()
    for device in confirmed_devices(request.user):
        if _may_accept(device, code) and django_otp.verify_token(request.user, device.persistent_id, code):
            django_otp.login(request, device)
            return device
    return None


def remove_factors(user) -> int:
    """Every factor of the account is gone: the person enrols again at the next sign-in (X5 reset)."""
    return sum(device.delete()[0] for device in devices_for_user(user, confirmed=None))
