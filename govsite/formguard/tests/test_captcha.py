"""The captcha itself (I1): one check per token, expiry, wrong answers burn it, pictures are real PNGs."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from govsite.formguard.captcha import challenge_for, issue_challenge, verify
from govsite.formguard.challenge import ALPHABET, HEIGHT, LENGTH, WIDTH


def refusal_of(token: str, answer: str, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        verify(token, answer, **kwargs)
    return refused.value


def test_a_solved_challenge_is_accepted_once():
    challenge = issue_challenge()
    assert len(challenge.answer) == LENGTH and set(challenge.answer) <= set(ALPHABET)
    verify(challenge.token, challenge.answer)
    replay = refusal_of(challenge.token, challenge.answer)
    assert replay.code == "used" and "验证码已失效" in replay.messages[0]


def test_answers_ignore_case_width_and_spaces():
    challenge = issue_challenge()
    typed = " ".join(challenge.answer.lower())
    verify(challenge.token, typed)
    full_width = issue_challenge()
    verify(full_width.token, "".join(chr(ord(c) + 0xFEE0) for c in full_width.answer))


def test_a_wrong_answer_burns_the_token():
    challenge = issue_challenge()
    wrong = refusal_of(challenge.token, "22222" if challenge.answer != "22222" else "33333")
    assert wrong.code == "wrong" and wrong.messages == ["验证码错误，请重新输入"]
    assert refusal_of(challenge.token, challenge.answer).code == "used"


def test_an_expired_token_is_refused(settings):
    challenge = issue_challenge(issued_at=time.time() - settings.GOVSITE_CAPTCHA_TTL_SECONDS - 1)
    expired = refusal_of(challenge.token, challenge.answer)
    assert expired.code == "expired" and expired.messages == ["验证码已过期，请刷新后重试"]


def test_a_forged_or_altered_token_is_refused():
    challenge = issue_challenge()
    payload, _, signature = challenge.token.rpartition(":")
    altered = f"{payload}:{signature[::-1]}"
    for token in (altered, "", "x" * 500, challenge.token + "a"):
        assert refusal_of(token, challenge.answer).code == "invalid"


def test_too_fast_is_refused_quietly_and_burns_the_token():
    challenge = issue_challenge()
    too_fast = refusal_of(challenge.token, challenge.answer, min_age_seconds=2)
    assert too_fast.code == "too_fast" and too_fast.messages == ["提交失败，请重试"]
    assert refusal_of(challenge.token, challenge.answer).code == "used"
    patient = issue_challenge(issued_at=time.time() - 3)
    verify(patient.token, patient.answer, min_age_seconds=2)


def test_an_empty_answer_asks_for_one_without_burning_the_token():
    challenge = issue_challenge()
    assert refusal_of(challenge.token, "  ").messages == ["请输入验证码"]
    verify(challenge.token, challenge.answer)


def test_the_picture_is_a_png_redrawn_identically_from_its_token():
    challenge = issue_challenge()
    image = Image.open(io.BytesIO(challenge.png_bytes))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    assert len(image.getcolors(maxcolors=100_000)) > 50  # noise and anti-aliasing, not flat text
    assert challenge_for(challenge.token).png_bytes == challenge.png_bytes
    assert issue_challenge().png_bytes != challenge.png_bytes
    assert challenge_for("not-a-token") is None
