"""Masked personal data for people who do not handle a letter (X7)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsite.security.masking import mask_address, mask_email, mask_id_number, mask_name, mask_phone


@pytest.mark.parametrize(
    ("name", "shown"),
    [("张三丰", "张**"), ("张三", "张*"), ("欧阳娜娜", "欧***"), ("张", "*"), (" 李四 ", "李*"), ("", "")],
)
def test_names_keep_the_surname(name, shown):
    assert mask_name(name) == shown


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138 **** 5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("0873-6122999", "0873-***2999"),
        ("6122999", "***2999"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_phones_keep_the_first_three_and_last_four_digits(phone, shown):
    assert mask_phone(phone) == shown


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("53250419900101123X", "5325**********123X"),
        ("532504900101123", "5325*******1123"),
        ("E1234567", "********"),
        ("", ""),
    ],
)
def test_id_numbers_are_masked_as_the_content_check_shows_them(number, shown):
    assert mask_id_number(number) == shown


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("云南省红河哈尼族彝族自治州弥勒市弥阳镇人民路10号", "云南省红河哈尼族彝族自治州弥勒市****"),
        ("北京市朝阳区建国路88号3单元501", "北京市朝阳区****"),
        ("人民路10号", "****"),
        ("云南省弥勒市", "云南省弥勒市"),
        ("", ""),
    ],
)
def test_addresses_keep_the_administrative_divisions_only(address, shown):
    assert mask_address(address) == shown


@pytest.mark.parametrize(
    ("email", "shown"),
    [
        ("zhangsan@example.com", "z***@example.com"),
        ("a@mile.gov.cn", "a***@mile.gov.cn"),
        ("zhangsan", "z***"),
        ("", ""),
    ],
)
def test_emails_keep_the_first_character_and_the_domain(email, shown):
    assert mask_email(email) == shown


@given(st.text(max_size=80))
def test_any_text_a_citizen_typed_is_masked_without_error(text):
    for mask in (mask_name, mask_phone, mask_id_number, mask_address, mask_email):
        assert isinstance(mask(text), str)
    assert len(mask_name(text)) == len(mask_id_number(text)) == len(text.strip())
    assert mask_name(text)[1:] == "*" * (len(text.strip()) - 1)
