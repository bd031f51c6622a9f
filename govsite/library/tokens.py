"""API tokens of the data interface (G2, X-level secrets): shown once, stored only as a digest; no Django import."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "gsl_"
_SCHEME = "bearer"


def new_token() -> str:
    """A fresh random token, the only time it exists in clear."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What is stored: tokens carry 256 random bits, so one SHA-256 needs no salt or stretching."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def from_authorization(header: str) -> str | None:
    """The token of an `Authorization: Bearer …` header; None when the header is absent or of another kind."""
    scheme, _space, token = header.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == _SCHEME and token else None
