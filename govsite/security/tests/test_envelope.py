"""Envelope tokens (X7), without a database: round trip, binding to a field, tampering."""

from __future__ import annotations

import base64

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govsite.security import envelope
from govsite.security.envelope import (
    MalformedToken,
    TamperedToken,
    Token,
    UnknownDataKey,
    decrypt,
    encrypt,
    new_data_key,
    new_key_id,
)

NAME = b"interaction.letter.name"
PHONE = b"interaction.letter.phone"


class MemoryKeyring:
    """Data keys held in a dict, the first one active."""

    def __init__(self, count: int = 1) -> None:
        self.keys = {new_key_id(): new_data_key() for _ in range(count)}
        self.active = next(iter(self.keys))

    def active_key_id(self) -> str:
        return self.active

    def data_key(self, key_id: str) -> bytes:
        if key_id not in self.keys:
            raise UnknownDataKey(f"找不到数据密钥 {key_id}")
        return self.keys[key_id]


@pytest.fixture
def keyring():
    """A memory keyring installed for the test; the platform's keyring is put back afterwards."""
    previous = envelope._keyring
    ring = MemoryKeyring(2)
    envelope.use_keyring(ring)
    yield ring
    envelope.use_keyring(previous)


def test_round_trip_and_token_shape(keyring):
    token = encrypt("张三丰，13812345678", NAME)
    assert token.startswith(f"gs1:{keyring.active}:")
    assert "张三" not in token and "138" not in token
    assert decrypt(token, NAME) == "张三丰，13812345678"


def test_same_text_twice_gives_different_tokens(keyring):
    assert encrypt("张三", NAME) != encrypt("张三", NAME)


def test_a_token_copied_to_another_field_does_not_decrypt(keyring):
    token = encrypt("张三", NAME)
    with pytest.raises(TamperedToken, match="不属于这个字段"):
        decrypt(token, PHONE)


def _flip(text: str, index: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return text[:index] + alphabet[(alphabet.index(text[index]) + 1) % 64] + text[index + 1 :]


def test_every_changed_character_of_the_ciphertext_is_detected(keyring):
    token = encrypt("云南省弥勒市人民路10号", NAME)
    head, body = token.rsplit(":", 1)
    for index in range(len(body)):
        with pytest.raises((TamperedToken, MalformedToken)):
            decrypt(f"{head}:{_flip(body, index)}", NAME)


def test_a_token_under_another_key_id_fails(keyring):
    token = encrypt("张三", NAME)
    other = next(key_id for key_id in keyring.keys if key_id != keyring.active)
    with pytest.raises(TamperedToken):
        decrypt(token.replace(keyring.active, other), NAME)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda t: t[:-10], TamperedToken, "篡改"),
        (lambda t: t[: len("gs1:") + 16 + 1 + 20], MalformedToken, "过短"),
        (lambda t: t + "=", MalformedToken, "应为 gs1"),
        (lambda t: t.replace("gs1:", "gs2:"), MalformedToken, "应为 gs1"),
        (lambda t: "张三", MalformedToken, "不是有效的密文"),
        (lambda t: t.replace(t[4:20], "0" * 16), UnknownDataKey, "找不到数据密钥"),
    ],
)
def test_damaged_tokens_are_refused_with_a_reason(keyring, change, error, message):
    with pytest.raises(error, match=message):
        decrypt(change(encrypt("张三丰", NAME)), NAME)


def test_non_canonical_base64_is_refused(keyring):
    token = encrypt("张", NAME)  # 31 sealed bytes: the last base64 character has 4 spare bits
    spare_bits_set = _flip(token, len(token) - 1)
    body = spare_bits_set.rsplit(":", 1)[1]
    assert base64.urlsafe_b64decode(body + "==") == Token.parse(token).sealed
    with pytest.raises(MalformedToken, match="base64url"):
        decrypt(spare_bits_set, NAME)


def test_without_a_keyring_nothing_is_encrypted():
    previous = envelope._keyring
    envelope.use_keyring(None)
    try:
        with pytest.raises(envelope.NoKeyring, match="govsite.security"):
            encrypt("张三", NAME)
    finally:
        envelope.use_keyring(previous)


@settings(max_examples=200, deadline=None)
@given(text=st.text(), aad=st.binary(max_size=64))
@example(text="", aad=NAME)
@example(text="长" * 300_000, aad=NAME)
@example(text="\x00\ud800\U0010ffff 𠀀 \u202e", aad=b"")
def test_any_text_survives_the_round_trip(text, aad):
    ring = MemoryKeyring()
    key_id = ring.active
    token = envelope.seal(ring.keys[key_id], key_id, text, aad)
    assert envelope.unseal(ring.keys[key_id], Token.parse(token), aad) == text
