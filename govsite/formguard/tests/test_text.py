"""Public text (I1): what is removed, what is refused, and that any text at all is handled."""

import re
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.formguard.text import clean_public_text

CHINESE = re.compile("[\u4e00-\u9fff]")
# Characters that must never survive cleaning.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069\ud800-\udfff\r]"
)


def test_letters_keep_their_words_indent_and_paragraphs():
    letter = "　　尊敬的领导：\r\n\r\n　　小区门口道路破损！！！！\r\n此致 \r\n敬礼"
    assert (
        clean_public_text(letter, max_length=100)
        == "　　尊敬的领导：\n\n　　小区门口道路破损！！！！\n此致\n敬礼"
    )


def test_invisible_characters_that_hide_words_or_reverse_text_are_removed():
    assert clean_public_text("大\u200b麻", max_length=10) == "大麻"
    assert clean_public_text("invoice\u202egpj.exe", max_length=50) == "invoicegpj.exe"
    assert clean_public_text("\ufeff咨询\x07\x1b[31m", max_length=50) == "咨询[31m"


def test_emoji_sequences_and_private_use_characters_are_kept():
    family = "👨\u200d👩\u200d👧"
    assert clean_public_text(f"谢谢{family}", max_length=20) == f"谢谢{family}"
    assert clean_public_text("姓名\ue000", max_length=20) == "姓名\ue000"


def test_text_is_nfc_and_blank_lines_shrink_to_one():
    assert clean_public_text("Cafe\u0301", max_length=10) == "Café"
    assert clean_public_text("第一段\n\n\n\n \n第二段\n\n", max_length=50) == "第一段\n\n第二段"


@pytest.mark.parametrize("bad", ["留言\x00内容", "留言\ud800内容"])
def test_nul_and_lone_surrogates_are_refused(bad):
    with pytest.raises(ValidationError) as refused:
        clean_public_text(bad, max_length=50)
    assert "无法识别的字符" in refused.value.messages[0]


def test_length_is_counted_after_cleaning_in_characters():
    assert clean_public_text("字" * 10 + "\u200b" * 5, max_length=10) == "字" * 10
    with pytest.raises(ValidationError) as refused:
        clean_public_text("字" * 11, max_length=10, label="标题")
    assert refused.value.messages == ["标题不能超过10个字（现为11个字），请删减后重新提交"]


def test_nothing_visible_left_is_empty():
    with pytest.raises(ValidationError) as refused:
        clean_public_text(" \u200b\n\t", max_length=10, label="内容")
    assert refused.value.messages == ["请填写内容"]
    assert clean_public_text(" \u200b\n\t", max_length=10, required=False) == ""


ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
NEAR_MISSES = st.text(
    alphabet=st.sampled_from(
        list("字 \t\n\r\x00\x01\x7f\x85\u200b\u200d\u202e\u2028\ufeff\u0301e\ud800　！")
    ),
    max_size=120,
)


def assert_clean_or_refused(text: str) -> None:
    try:
        cleaned = clean_public_text(text, max_length=100, required=False)
    except ValidationError as refusal:
        assert all(CHINESE.search(message) for message in refusal.messages)
        return
    assert len(cleaned) <= 100
    assert not FORBIDDEN.search(cleaned)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip("\n") and "\n\n\n" not in cleaned
    assert clean_public_text(cleaned, max_length=100, required=False) == cleaned


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_text_is_cleaned_or_refused_in_chinese(text):
    assert_clean_or_refused(text)


@settings(max_examples=300, deadline=None)
@given(NEAR_MISSES)
def test_texts_made_of_awkward_characters_are_cleaned_or_refused(text):
    assert_clean_or_refused(text)
