import pytest
from django_otp.oath import TOTP

PASSWORD = "Pw-12345678!x"


@pytest.fixture
def two_factor(settings):
    """The production rule: the back office needs the second factor (the suite's default turns it off)."""
    settings.GOVSITE_TWO_FACTOR_REQUIRED = True
    return settings


def current_code(device) -> str:
    """What the person's authenticator shows now."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def sign_in(client, username: str, password: str = PASSWORD):
    """The first step, as the login form posts it."""
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
