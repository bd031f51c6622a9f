"""A guarded form end to end (I1): page, picture, answer, replay, expiry, honeypot, minimum fill time."""

import io
import json
import re
import time

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from govsite.formguard.captcha import challenge_for, issue_challenge
from govsite.formguard.testing import solved_captcha
from govsite.formguard.tests.urls import RECEIVED

pytestmark = [pytest.mark.django_db, pytest.mark.urls("govsite.formguard.tests.urls")]

CHINESE = re.compile("[\u4e00-\u9fff]")


@pytest.fixture
def no_fill_time(settings):
    settings.GOVSITE_FORM_MIN_FILL_SECONDS = 0


def token_on(html: str) -> str:
    return re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)


def page(client) -> str:
    response = client.get("/message/")
    assert response.status_code == 200
    return response.content.decode()


def post(client, token: str, answer: str, message: str = "小区路灯坏了", **extra):
    data = {"message": message, "captcha_token": token, "captcha_answer": answer, "website": "", **extra}
    return client.post("/message/", data)


def test_a_person_sees_the_picture_and_gets_through(client, no_fill_time):
    html = page(client)
    assert '<label for="id_captcha_1" class="required">验证码</label>' in html
    assert re.search(
        r'<input type="text" name="captcha_answer"[^>]*aria-describedby="id_captcha_helptext"', html
    )
    assert '<p class="help" id="id_captcha_helptext">请输入图中的5个字符' in html
    assert "看不清？换一张" in html and 'href="/message/"' in html
    assert re.search(r'<div hidden>\s*<label for="id_website">', html)
    token = token_on(html)
    picture = client.get(re.search(r'<img src="([^"]+)"', html).group(1))
    assert picture["Content-Type"] == "image/png" and "no-store" in picture["Cache-Control"]
    assert picture.content == challenge_for(token).png_bytes
    response = post(client, token, challenge_for(token).answer.lower())
    assert response.status_code == 200 and response.content.decode() == "已提交"
    assert RECEIVED == ["小区路灯坏了"]


def test_a_replayed_submission_is_refused(client, no_fill_time):
    token = token_on(page(client))
    answer = challenge_for(token).answer
    assert post(client, token, answer).status_code == 200
    replay = post(client, token, answer)
    assert replay.status_code == 400 and "验证码已失效，请输入新的验证码" in replay.content.decode()
    assert RECEIVED == ["小区路灯坏了"]


def test_a_wrong_answer_burns_the_token_and_the_form_comes_back_with_a_new_one(client, no_fill_time):
    token = token_on(page(client))
    answer = challenge_for(token).answer
    refused = post(client, token, "2" * 5 if answer != "2" * 5 else "3" * 5)
    html = refused.content.decode()
    assert refused.status_code == 400 and "验证码错误，请重新输入" in html
    assert token_on(html) != token and 'name="captcha_answer"' in html and "2" * 5 not in html
    assert "小区路灯坏了" in html  # what the person wrote is kept
    assert "验证码已失效" in post(client, token, answer).content.decode()
    assert post(client, token_on(html), challenge_for(token_on(html)).answer).status_code == 200
    assert RECEIVED == ["小区路灯坏了"]


def test_an_expired_challenge_is_refused(client, settings, no_fill_time):
    old = issue_challenge(issued_at=time.time() - settings.GOVSITE_CAPTCHA_TTL_SECONDS - 5)
    refused = post(client, old.token, old.answer)
    assert refused.status_code == 400 and "验证码已过期，请刷新后重试" in refused.content.decode()
    assert RECEIVED == []


def test_a_filled_honeypot_is_refused_quietly(client, no_fill_time):
    token = token_on(page(client))
    refused = post(client, token, challenge_for(token).answer, website="http://cheap-pills.example")
    assert refused.status_code == 400 and "提交失败，请重试" in refused.content.decode()
    assert RECEIVED == []


def test_a_form_sent_within_two_seconds_is_refused(client, settings):
    settings.GOVSITE_FORM_MIN_FILL_SECONDS = 2
    token = token_on(page(client))
    refused = post(client, token, challenge_for(token).answer)
    assert refused.status_code == 400 and "提交失败，请重试" in refused.content.decode()
    assert RECEIVED == []
    filled_slowly = solved_captcha()
    assert client.post("/message/", {"message": "小区路灯坏了", **filled_slowly}).status_code == 200
    assert RECEIVED == ["小区路灯坏了"]


def test_bad_text_is_refused_in_chinese_and_nothing_is_stored(client, no_fill_time):
    token = token_on(page(client))
    refused = post(client, token, challenge_for(token).answer, message="路灯\x00坏了")
    assert refused.status_code == 400 and "无法识别的字符" in refused.content.decode()
    assert RECEIVED == []


def test_refresh_gives_a_new_challenge_and_unknown_pictures_are_not_found(client):
    response = client.get("/guard/captcha/new/")
    challenge = json.loads(response.content)
    assert "no-store" in response["Cache-Control"]
    assert challenge_for(challenge["token"]) is not None
    picture = client.get(challenge["image_url"])
    assert Image.open(io.BytesIO(picture.content)).format == "PNG"
    assert client.get("/guard/captcha/forged:token.png").status_code == 404
    assert client.post("/guard/captcha/new/").status_code == 405


FIELD_VALUES = st.one_of(
    st.text(max_size=300), st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "A" * 5000])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    message=FIELD_VALUES,
    token=FIELD_VALUES,
    answer=FIELD_VALUES,
    website=FIELD_VALUES,
    extra=st.dictionaries(st.text(min_size=1, max_size=20), FIELD_VALUES, max_size=3),
)
def test_random_and_hostile_posts_never_break_the_form(message, token, answer, website, extra):
    client = Client()
    before = len(RECEIVED)
    data = {**extra, "message": message, "captcha_token": token, "captcha_answer": answer, "website": website}
    response = client.post("/message/", data)
    assert response.status_code == 400
    assert CHINESE.search(response.content.decode())
    assert len(RECEIVED) == before
