"""Envelope encryption of personal data at rest (X7, seed 000 6.1.3 "双重加密"); no Django import.

A value is sealed with AES-256-GCM under a data key (the symmetric half); data keys are stored only
wrapped by the master key pair (the asymmetric half, `masterkey`). A sealed value is a token
`gs1:<data key id>:<base64url(nonce | ciphertext + tag)>`: the version prefix leaves room for another
algorithm (SM4, say) beside the stored values, the key id says which data key opens it.

Nonces are random (96 bits), so one data key should seal fewer than 2**32 values (NIST SP 800-38D);
rotation (`govsite keys rotate`) starts a fresh key long before that.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "gs1"
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
KEY_ID_LENGTH = 16  # hex digits
_TOKEN = re.compile(rf"{VERSION}:([0-9a-f]{{{KEY_ID_LENGTH}}}):([A-Za-z0-9_-]+)")
# Lone surrogates are valid in a Python str; they survive the round trip instead of failing to encode.
_ENCODING_ERRORS = "surrogatepass"


class EnvelopeError(Exception):
    """A value that cannot be decrypted; the message says why, in Chinese."""


class MalformedToken(EnvelopeError):
    """The stored value is not a token at all (or was cut or padded)."""


class TamperedToken(EnvelopeError):
    """The token's authentication failed: changed, or copied from another field."""


class UnknownDataKey(EnvelopeError):
    """The token names a data key the keyring does not hold."""


class NoKeyring(EnvelopeError):
    """Nothing told this process where its data keys come from."""


class Keyring(Protocol):
    """Where data keys come from: the database in the platform (`govsite.security.keyring`)."""

    def active_key_id(self) -> str:
        """The id of the one data key new values are sealed with."""

    def data_key(self, key_id: str) -> bytes:
        """The 32 key bytes of a data key; `UnknownDataKey` when there is none with that id."""


def new_key_id() -> str:
    """A random data key id: never reused, even when the row that held it was rolled back."""
    return secrets.token_hex(KEY_ID_LENGTH // 2)


def new_data_key() -> bytes:
    """256 random bits for AES-256-GCM."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def token_prefix(key_id: str) -> str:
    """The start every token sealed under `key_id` shares, to count or find them in the database."""
    return f"{VERSION}:{key_id}:"


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    """Strict base64url: only the canonical encoding of some bytes is accepted, so no bit goes unchecked."""
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)) if len(text) % 4 != 1 else None
    if data is None or _b64encode(data) != text:
        raise MalformedToken("密文格式不正确：编码部分不是有效的 base64url")
    return data


@dataclass(frozen=True)
class Token:
    """A parsed token: the data key id and nonce | ciphertext + tag."""

    key_id: str
    sealed: bytes

    @classmethod
    def parse(cls, text: str) -> Token:
        """The parts of a token; `MalformedToken` for anything else."""
        match = _TOKEN.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise MalformedToken("不是有效的密文：应为 gs1:<数据密钥编号>:<密文>")
        sealed = _b64decode(match.group(2))
        if len(sealed) < NONCE_BYTES + TAG_BYTES:
            raise MalformedToken("密文过短：已被截断")
        return cls(match.group(1), sealed)

    def __str__(self) -> str:
        return token_prefix(self.key_id) + _b64encode(self.sealed)


def seal(key: bytes, key_id: str, plaintext: str, aad: bytes) -> str:
    """The token of `plaintext` under this data key; `aad` binds it to where it is stored."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8", _ENCODING_ERRORS), aad)
    return str(Token(key_id, nonce + ciphertext))


def unseal(key: bytes, token: Token, aad: bytes) -> str:
    """The plaintext of a token; `TamperedToken` if it was changed or belongs to another field."""
    try:
        data = AESGCM(key).decrypt(token.sealed[:NONCE_BYTES], token.sealed[NONCE_BYTES:], aad)
    except InvalidTag:
        raise TamperedToken("密文校验失败：内容已被篡改，或不属于这个字段") from None
    return data.decode("utf-8", _ENCODING_ERRORS)


_keyring: Keyring | None = None


def use_keyring(keyring: Keyring | None) -> None:
    """Install the keyring `encrypt` and `decrypt` use in this process (the security app does at start-up)."""
    global _keyring
    _keyring = keyring


def _installed() -> Keyring:
    if _keyring is None:
        raise NoKeyring("未配置数据密钥来源：加密功能需要安装 govsite.security 应用")
    return _keyring


def encrypt(plaintext: str, aad: bytes) -> str:
    """`plaintext` sealed under the active data key: `gs1:<key id>:<base64url>`."""
    keyring = _installed()
    key_id = keyring.active_key_id()
    return seal(keyring.data_key(key_id), key_id, plaintext, aad)


def decrypt(token: str, aad: bytes) -> str:
    """The plaintext of a token sealed with the same `aad`; an `EnvelopeError` says why not."""
    parsed = Token.parse(token)
    return unseal(_installed().data_key(parsed.key_id), parsed, aad)
