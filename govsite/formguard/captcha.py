"""Stateless captcha for public forms (I1): a signed token, checked once, in any process.

The token is a signed {nonce, issued-at}; the characters are derived from the nonce with a key only
the server knows, so the token reveals nothing and needs no storage. The one piece of state is the
"used" mark of each nonce, set in the shared cache on the first check: a replay, a second guess
after a wrong one, and a token whose form was refused all fail.
"""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .challenge import answer_from_digest, answers_match, render_png

TOKEN_SALT = "govsite.formguard.captcha.token"
ANSWER_SALT = "govsite.formguard.captcha.answer"
# A token is a few dozen characters; anything much longer is not ours and is not worth an HMAC.
MAX_TOKEN_LENGTH = 200

MESSAGES = {
    "required": _("请输入验证码"),
    "invalid": _("验证码已过期，请刷新后重试"),
    "expired": _("验证码已过期，请刷新后重试"),
    "used": _("验证码已失效，请输入新的验证码"),
    "wrong": _("验证码错误，请重新输入"),
    # Too fast to be a person: refused without saying why, like the honeypot.
    "too_fast": _("提交失败，请重试"),
}


@dataclass(frozen=True)
class Challenge:
    """A token to put in the form, its answer, and its picture (drawn when first asked for)."""

    token: str
    answer: str

    @cached_property
    def png_bytes(self) -> bytes:
        return render_png(self.answer, _digest(_nonce_of(self.token)))


def _digest(nonce: str) -> bytes:
    return salted_hmac(ANSWER_SALT, nonce, algorithm="sha256").digest()


def _signer() -> signing.Signer:
    return signing.Signer(salt=TOKEN_SALT)


def _load(token: str) -> tuple[str, float] | None:
    """(nonce, issued-at) of a token this server signed, or None."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str):
        return None
    if not isinstance(payload.get("t"), int):
        return None
    return payload["n"], payload["t"] / 1000


def _nonce_of(token: str) -> str:
    loaded = _load(token)
    if loaded is None:
        raise ValueError("not a captcha token")
    return loaded[0]


def ttl_seconds() -> int:
    return int(settings.GOVSITE_CAPTCHA_TTL_SECONDS)


def issue_challenge(*, issued_at: float | None = None) -> Challenge:
    """A new challenge. `issued_at` back-dates it, for tests and the load benchmark (never from a request)."""
    nonce = secrets.token_urlsafe(12)
    moment = time.time() if issued_at is None else issued_at
    token = _signer().sign_object({"n": nonce, "t": math.floor(moment * 1000)})
    return Challenge(token, answer_from_digest(_digest(nonce)))


def challenge_for(token: str) -> Challenge | None:
    """The challenge of a token this server signed (to draw its picture), or None."""
    loaded = _load(token)
    if loaded is None:
        return None
    return Challenge(token, answer_from_digest(_digest(loaded[0])))


def _refuse(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def verify(token: str, answer: str, *, min_age_seconds: float = 0.0) -> None:
    """Accept the answer once, or raise ValidationError (code invalid, expired, used, too_fast, wrong).

    The nonce is marked used before the answer is compared, so every checked token is spent.
    """
    loaded = _load(token)
    if loaded is None:
        raise _refuse("invalid")
    nonce, issued_at = loaded
    now = time.time()
    expires_at = issued_at + ttl_seconds()
    if now >= expires_at:
        raise _refuse("expired")
    if not isinstance(answer, str) or not answer.strip():
        raise _refuse("required")
    if not cache.add(f"formguard:captcha:used:{nonce}", 1, timeout=math.ceil(expires_at - now) + 1):
        raise _refuse("used")
    if now - issued_at < min_age_seconds:
        raise _refuse("too_fast")
    if not answers_match(answer, answer_from_digest(_digest(nonce))):
        raise _refuse("wrong")
