"""Hostile input to every public form (I7, I8): never a 500, a Chinese message, nothing half-stored."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from govsite.participation.forms import SurveyAnswerForm
from govsite.participation.models import Answer, InterviewQuestion, Option, Submission
from govsite.participation.rules import SurveyKind
from govsite.participation.tests.conftest import PARKING, guard_fields, make_interview, make_survey

pytestmark = pytest.mark.django_db

EXAMPLES = hypothesis_settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NO_RATE_LIMIT = {"surveys": None, "interview_questions": None}

hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(categories=["Cc", "Cf", "Co", "Zl", "Zp", "Zs"]), max_size=30),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfffy", "\u202e反转", "=cmd|' /C calc'!A0",
                     "<script>alert(1)</script>", "' OR 1=1 --", "9" * 40, "-1", "1.5", "[]", "{}"]),
    st.builds(lambda char, n: char * n, st.sampled_from(["甲", "a", "😀", "\u200b", "\n"]),
              st.integers(min_value=400, max_value=40_000)),
)


def post(client, url, data: dict[str, list[str]]):
    """A urlencoded body written by hand, so lone surrogates go on the wire as the bytes a broken client sends."""
    body = "&".join(
        f"{quote(key, safe='', errors='surrogatepass')}={quote(value, safe='', errors='surrogatepass')}"
        for key, values in data.items() for value in values
    )
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def counts() -> tuple[int, int, int]:
    return Submission.objects.count(), Answer.objects.count(), InterviewQuestion.objects.count()


def check_refusal_or_whole_submission(response, before, stored_rows):
    """A refusal changes nothing and says why in Chinese; an acceptance stores one whole submission."""
    assert response.status_code in (302, 400, 413), response.status_code
    event(f"HTTP {response.status_code}")
    if response.status_code == 302:
        stored_rows()
        return
    html = response.content.decode()
    assert ("请修改以下问题后再提交" in html and 'role="alert"' in html) or "超过了" in html
    assert counts() == before


def value_for(draw, real: list[int], foreign: list[int]) -> list[str]:
    """A question's posted values: valid two times in three, else missing, foreign, unknown or hostile."""
    valid = st.lists(st.sampled_from(real).map(str), min_size=1, max_size=1 if len(real) < 3 else 3, unique=True)
    choice = st.one_of(st.sampled_from(real), st.sampled_from(foreign), st.just(999_999_999)).map(str)
    return draw(st.one_of(valid, valid, st.lists(st.one_of(choice, hostile_text), max_size=4)))


def optional_text(draw) -> list[str]:
    return draw(st.one_of(st.just([]), st.just([]), st.lists(hostile_text, max_size=2)))


@pytest.fixture
def surveys(portal):
    ours = make_survey(portal, questions=PARKING)
    other = make_survey(portal, title="另一个调查", questions=PARKING)
    foreign = list(Option.objects.filter(question__survey=other).values_list("pk", flat=True))
    return ours, foreign


@given(data=st.data())
@EXAMPLES
def test_survey_answers(client, settings, surveys, data):
    settings.GOVSITE_RATE_LIMITS = {**settings.GOVSITE_RATE_LIMITS, **NO_RATE_LIMIT}
    survey, foreign = surveys
    questions = list(survey.questions.prefetch_related("options"))
    form = {}
    for question in questions:
        real = [o.pk for o in question.options.all()] or [0]
        form[f"q{question.pk}"] = value_for(data.draw, real, foreign)
    form["contact_name"] = optional_text(data.draw)
    form["contact_phone"] = data.draw(st.one_of(st.just(["0873-6122000"]), st.just([]), st.lists(hostile_text, max_size=2)))
    form["q-unknown"] = optional_text(data.draw)
    if data.draw(st.integers(0, 3)) != 3:  # usually a solved captcha, so the fields themselves are tested
        form.update({key: [value] for key, value in guard_fields().items()})
    form = {key: values for key, values in form.items() if values}
    before = counts()

    def stored_rows():
        submission = Submission.objects.latest("pk")
        assert counts()[:2] != before[:2] and submission.survey == survey
        assert Submission.objects.count() == before[0] + 1
        for answer in Answer.objects.filter(submission=submission).select_related("option", "question"):
            assert answer.question.survey_id == survey.pk
            assert answer.option is None or answer.option.question_id == answer.question_id
            assert "\x00" not in answer.text and len(answer.text) <= 1000

    response = post(client, reverse("participation:survey", args=[survey.pk]), form)
    check_refusal_or_whole_submission(response, before, stored_rows)


@given(data=st.data())
@EXAMPLES
def test_solicitation_opinions(client, settings, portal, data):
    settings.GOVSITE_RATE_LIMITS = {**settings.GOVSITE_RATE_LIMITS, **NO_RATE_LIMIT}
    survey = make_survey(portal, kind=SurveyKind.SOLICITATION, title="征求意见")
    form = {name: data.draw(st.lists(hostile_text, max_size=2)) for name in ("opinion", "contact_name", "contact_phone")}
    form.update({key: [value] for key, value in guard_fields().items()})
    before = counts()

    def stored_rows():
        submission = Submission.objects.get(survey=survey)
        assert submission.opinion and "\x00" not in submission.opinion and len(submission.opinion) <= 3000

    check_refusal_or_whole_submission(post(client, reverse("participation:survey", args=[survey.pk]), form),
                                      before, stored_rows)


@given(data=st.data())
@EXAMPLES
def test_interview_questions(client, settings, portal, data):
    settings.GOVSITE_RATE_LIMITS = {**settings.GOVSITE_RATE_LIMITS, **NO_RATE_LIMIT}
    interview = make_interview(portal)
    form = {name: data.draw(st.lists(hostile_text, max_size=2)) for name in ("text", "nickname", "status")}
    if data.draw(st.integers(0, 3)) != 3:  # usually a solved captcha, so the fields themselves are tested
        form.update({key: [value] for key, value in guard_fields().items()})
    before = counts()

    def stored_rows():
        question = InterviewQuestion.objects.get(interview=interview)
        assert question.status == InterviewQuestion.Status.PENDING  # a posted status is never taken
        assert question.text and len(question.text) <= 500 and "\ud800" not in question.text

    check_refusal_or_whole_submission(post(client, reverse("participation:interview", args=[interview.pk]), form),
                                      before, stored_rows)


def test_lone_surrogates_and_nul_are_refused_with_a_chinese_message(parking_survey):
    text_question = parking_survey.questions.get(type="text")
    for value in ("a\ud800b", "a\x00b"):
        form = SurveyAnswerForm(parking_survey, {f"q{text_question.pk}": value})
        assert not form.is_valid()
        message = " ".join(form.errors[f"q{text_question.pk}"])
        assert "字符" in message


def test_a_body_over_the_limit_gets_the_chinese_413_page(client, parking_survey):
    response = client.post(reverse("participation:survey", args=[parking_survey.pk]),
                           {"contact_name": "甲" * 2_000_000})
    assert response.status_code == 413 and "超过了" in response.content.decode()
    assert not Submission.objects.exists()
