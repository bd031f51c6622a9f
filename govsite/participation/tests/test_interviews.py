"""Online interviews (I8): questions before and during, moderation, answers and the published transcript."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from govsite.participation.models import Interview, InterviewQuestion
from govsite.participation.results import APPROVE_QUESTION, REJECT_QUESTION
from govsite.participation.tests.conftest import guard_fields, make_interview
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def url(interview) -> str:
    return reverse("participation:interview", args=[interview.pk])


def ask(client, interview, text, nickname=""):
    return client.post(url(interview), {"text": text, "nickname": nickname, **guard_fields()})


def test_moderated_questions_only_approved_ones_appear_with_their_answers(client, portal, make_user):
    interview = make_interview(portal)
    page = client.get(url(interview)).content.decode()
    assert "预告" in page and "赵文静" in page and "我要提问" in page

    assert ask(client, interview, "随迁子女入学需要哪些材料？", "家长甲").status_code == 302
    assert ask(client, interview, "专业代办入学，加微信联系").status_code == 302
    good, spam = InterviewQuestion.objects.filter(interview=interview).order_by("pk")
    assert good.status == spam.status == InterviewQuestion.Status.PENDING
    page = client.get(url(interview)).content.decode()
    assert "随迁子女入学需要哪些材料" not in page  # nothing shows before moderation

    editor = make_user("editor", Role.EDITOR, portal)
    client.force_login(editor)
    moderate = "participation_interviews:moderate_question"
    assert client.post(reverse(moderate, args=[good.pk, "approve"])).status_code == 302
    assert client.post(reverse(moderate, args=[spam.pk, "reject"])).status_code == 302
    response = client.post(reverse("participation_interviews:answer_question", args=[good.pk]),
                           {f"q{good.pk}-answer": "需提供户口簿、居住证和房产证明。", f"q{good.pk}-answered_by": "赵文静"})
    assert response.status_code == 302
    client.logout()

    page = client.get(url(interview)).content.decode()
    assert "随迁子女入学需要哪些材料" in page and "需提供户口簿、居住证和房产证明。" in page and "家长甲" in page
    assert "加微信联系" not in page
    assert ModelLogEntry.objects.filter(action=APPROVE_QUESTION, object_id=str(good.pk)).exists()
    assert ModelLogEntry.objects.filter(action=REJECT_QUESTION, object_id=str(spam.pk)).exists()

    client.force_login(editor)
    assert client.post(reverse(moderate, args=[good.pk, "reject"])).status_code == 302
    client.logout()
    assert "随迁子女入学需要哪些材料" not in client.get(url(interview)).content.decode()


def test_questions_are_taken_during_but_not_after_the_interview(client, portal):
    running = make_interview(portal, starts_in=-dt.timedelta(minutes=30))
    assert "进行中" in client.get(url(running)).content.decode()
    assert ask(client, running, "今年学区划分有变化吗？").status_code == 302

    finished = make_interview(portal, starts_in=-dt.timedelta(days=3))
    page = client.get(url(finished)).content.decode()
    assert "已结束" in page and "我要提问" not in page
    response = ask(client, finished, "还能提问吗？")
    assert response.status_code == 403 and "本期访谈已结束，不再接收提问。" in response.content.decode()
    assert not InterviewQuestion.objects.filter(interview=finished).exists()


def test_transcript_is_published_by_an_explicit_action(client, portal, make_user):
    interview = make_interview(portal, starts_in=-dt.timedelta(days=1),
                               transcript="<p>主持人：各位网友大家好。</p>")
    assert "各位网友大家好" not in client.get(url(interview)).content.decode()
    editor = make_user("editor", Role.EDITOR, portal)
    client.force_login(editor)
    action = reverse("participation_interviews:publish_transcript", args=[interview.pk])
    assert "公布访谈实录" in client.get(action).content.decode()
    assert client.post(action).status_code == 302
    client.logout()
    interview = Interview.objects.get(pk=interview.pk)
    assert interview.transcript_published_by == editor
    page = client.get(url(interview)).content.decode()
    assert "文字实录" in page and "各位网友大家好" in page
    assert f"{timezone.localtime(interview.transcript_published_at):%Y-%m-%d}" in page
    assert ModelLogEntry.objects.filter(action="govsite.participation.publish_transcript",
                                        object_id=str(interview.pk)).exists()


def test_an_announced_interview_cannot_publish_a_transcript(client, portal, make_user):
    interview = make_interview(portal, transcript="<p>尚未开始。</p>")
    client.force_login(make_user("editor", Role.EDITOR, portal))
    response = client.post(reverse("participation_interviews:publish_transcript", args=[interview.pk]), follow=True)
    assert "访谈开始后才能公布实录" in response.content.decode()
    assert not Interview.objects.get(pk=interview.pk).transcript_published


def test_past_interviews_are_listed_after_current_ones(client, portal):
    past = make_interview(portal, starts_in=-dt.timedelta(days=10))
    past.title = "医保政策解读"
    past.save()
    coming = make_interview(portal)
    html = client.get(reverse("participation:interviews")).content.decode()
    assert "往期访谈" in html and html.index(coming.title) < html.index("往期访谈") < html.index("医保政策解读")
