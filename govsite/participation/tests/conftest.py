"""Surveys, interviews and proposals on the test sites, and a solved captcha for the public forms."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from govsite.formguard.captcha import issue_challenge
from govsite.participation.models import Guest, Interview, Proposal, Question, Survey
from govsite.participation.rules import QuestionType, SurveyKind


def guard_fields(prefix: str = "") -> dict[str, str]:
    """A solved captcha issued a minute ago (past the minimum fill time) and an empty honeypot."""
    challenge = issue_challenge(issued_at=time.time() - 60)
    return {f"{prefix}captcha_token": challenge.token, f"{prefix}captcha_answer": challenge.answer,
            f"{prefix}website": ""}


def make_survey(record, *, days_open=(-5, 5), questions=(), **fields) -> Survey:
    """A published survey open from today+days_open[0] to today+days_open[1]; questions as (text, type, options)."""
    today = timezone.localdate()
    fields = {"title": "城区停车满意度调查", "kind": SurveyKind.SURVEY, "live": True, **fields}
    survey = Survey(record=record, starts_on=today + dt.timedelta(days=days_open[0]),
                    ends_on=today + dt.timedelta(days=days_open[1]), **fields)
    for position, (text, kind, options) in enumerate(questions):
        survey.questions.add(Question(text=text, type=kind, sort_order=position, required=kind != QuestionType.TEXT,
                                      options_text="\n".join(options)))
    survey.save()
    return survey


PARKING = (
    ("您主要在哪里停车？", QuestionType.SINGLE, ("路边停车位", "公共停车场", "小区内部")),
    ("最需要增加停车位的区域？", QuestionType.MULTIPLE, ("医院周边", "学校周边", "商业街")),
    ("其他建议", QuestionType.TEXT, ()),
)


def options_of(survey: Survey, position: int) -> list[int]:
    return list(survey.questions.all()[position].options.values_list("pk", flat=True))


def make_interview(record, *, starts_in=dt.timedelta(days=2), hours=2, **fields) -> Interview:
    start = timezone.now() + starts_in
    fields = {"title": "义务教育招生政策在线访谈", "live": True, **fields}
    interview = Interview(record=record, starts_at=start, ends_at=start + dt.timedelta(hours=hours), **fields)
    interview.guests.add(Guest(name="赵文静", title="局长", unit="测试市教育体育局"))
    interview.save()
    return interview


def make_proposal(record, number: int, **fields) -> Proposal:
    fields = {
        "kind": "npc", "session": "测试市第十届人民代表大会第三次会议", "title": f"关于第{number}件事项的建议",
        "proposers": "李红梅", "lead_unit": "测试市住房和城乡建设局", "category": "A",
        "reply_date": timezone.localdate(), "reply": "<p>已办理。</p>", "published": True, **fields,
    }
    return Proposal.objects.create(record=record, number=number, **fields)


@pytest.fixture
def parking_survey(portal):
    return make_survey(portal, questions=PARKING)


@pytest.fixture(autouse=True)
def fresh_counters():
    """Rate-limit counters and spent captchas live in the cache; each test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
