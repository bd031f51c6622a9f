"""Surveys and solicitations over HTTP (I7): answering, the window, results shown only once published."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from govsite.audit.models import AuditEntry
from govsite.participation.models import Answer, Submission, Survey
from govsite.participation.results import PUBLISH_RESULTS, publish_results
from govsite.participation.rules import SurveyKind
from govsite.participation.tests.conftest import PARKING, guard_fields, make_survey, options_of
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def url(survey) -> str:
    return reverse("participation:survey", args=[survey.pk])


def answer(client, survey, single, multiple, text=""):
    questions = list(survey.questions.all())
    data = {f"q{questions[0].pk}": single, f"q{questions[1].pk}": multiple, f"q{questions[2].pk}": text,
            **guard_fields()}
    return client.post(url(survey), data)


def close(survey, days_ago=1) -> Survey:
    survey = Survey.objects.get(pk=survey.pk)
    today = timezone.localdate()
    survey.starts_on, survey.ends_on = today - dt.timedelta(days=30), today - dt.timedelta(days=days_ago)
    survey.save()
    return survey


def result_row(html: str, label: str) -> tuple[str, str]:
    """(count, percent) in the results table row of an option."""
    match = re.search(rf'<th scope="row">{label}</th><td class="num">(\d+)</td><td class="num">([\d.]+)%</td>', html)
    assert match, label
    return match.groups()


def test_survey_round_trip_counts_answers_and_shows_results_once_published(client, portal, parking_survey, make_user):
    page = client.get(url(parking_survey)).content.decode()
    assert "您主要在哪里停车？" in page and 'name="captcha_answer"' in page
    assert "<legend" in page and "<fieldset" in page  # each choice question is a group with its legend
    single, multiple = options_of(parking_survey, 0), options_of(parking_survey, 1)

    response = answer(client, parking_survey, single[0], [multiple[0], multiple[1]], "建议在医院旁建停车楼")
    assert response.status_code == 302 and response["Location"] == reverse("participation:survey_done",
                                                                           args=[parking_survey.pk])
    assert answer(client, parking_survey, single[0], [multiple[0]]).status_code == 302
    assert answer(client, parking_survey, single[1], [multiple[2]]).status_code == 302
    assert Submission.objects.filter(survey=parking_survey).count() == 3
    assert Answer.objects.filter(submission__survey=parking_survey).count() == 3 + 4 + 1

    survey = close(parking_survey)
    page = client.get(url(survey)).content.decode()
    assert "调查结果" not in page and "66.7%" not in page
    assert "结果在结束后1个月内" in page
    assert 'name="captcha_answer"' not in page  # no form once it has ended

    publish_results(survey, make_user("office", Role.PORTAL_OFFICE))
    entry = AuditEntry.objects.filter(action=PUBLISH_RESULTS).get()  # mirrored from Wagtail's log (X1)
    assert entry.object_id == str(survey.pk) and entry.actor_name == "office" and entry.site_name == survey.record.name
    page = client.get(url(survey)).content.decode()
    assert "调查结果" in page and "共 3 人参与" in page
    published_on = timezone.localtime(Survey.objects.get(pk=survey.pk).results_published_at)
    assert re.search(rf"公布日期：<time [^>]+>{published_on:%Y-%m-%d}</time>", page)
    assert result_row(page, "路边停车位") == ("2", "66.7")
    assert result_row(page, "公共停车场") == ("1", "33.3")
    assert result_row(page, "小区内部") == ("0", "0.0")
    assert result_row(page, "医院周边") == ("2", "66.7")
    assert result_row(page, "学校周边") == ("1", "33.3")
    assert "共收到文字回答 1 条" in page
    assert "建议在医院旁建停车楼" not in page  # written answers are not published one by one


@pytest.mark.parametrize(("days_open", "message"), [
    ((2, 10), "目前尚未开放提交"),
    ((-10, -1), "不再接收提交"),
])
def test_a_submission_outside_the_window_is_refused_in_chinese(client, portal, days_open, message):
    survey = make_survey(portal, questions=PARKING, days_open=(-5, 5))
    single, multiple = options_of(survey, 0), options_of(survey, 1)
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(starts_on=today + dt.timedelta(days=days_open[0]),
                                               ends_on=today + dt.timedelta(days=days_open[1]))
    response = answer(client, survey, single[0], [multiple[0]])
    assert response.status_code == 403
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert not Submission.objects.filter(survey=survey).exists()


def test_solicitation_opinion_keeps_the_contact_encrypted_and_publishes_adoption(client, portal, make_user):
    survey = make_survey(portal, kind=SurveyKind.SOLICITATION, title="《养犬管理规定（征求意见稿）》征求意见",
                         draft="<p>第一条 为了规范养犬行为……</p>")
    page = client.get(url(survey)).content.decode()
    assert "征求意见稿" in page and "第一条 为了规范养犬行为" in page
    response = client.post(url(survey), {"opinion": "建议公布禁养犬只名录。", "contact_name": "张三",
                                         "contact_phone": "13812345678", **guard_fields()})
    assert response.status_code == 302
    submission = Submission.objects.get(survey=survey)
    assert (submission.opinion, submission.contact_name, submission.contact_phone) == (
        "建议公布禁养犬只名录。", "张三", "13812345678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_phone FROM participation_submission WHERE id = %s",
                       [submission.pk])
        stored = cursor.fetchone()
    assert "张三" not in stored[0] and "13812345678" not in stored[1]  # X7: only ciphertext in the database

    survey = close(survey)
    office = make_user("office", Role.PORTAL_OFFICE)
    with pytest.raises(ValidationError, match="采纳情况"):
        publish_results(survey, office)
    Survey.objects.filter(pk=survey.pk).update(results_summary="<p>共收到意见1条。</p>",
                                               adoption="<p>采纳：将公布禁养犬只名录。</p>", adopted_count=1)
    publish_results(Survey.objects.get(pk=survey.pk), office)
    page = client.get(url(survey)).content.decode()
    assert "采纳情况" in page and "将公布禁养犬只名录" in page and "共收到意见建议 1 条" in page
    assert "采纳 1 条" in page
    assert "张三" not in page and "13812345678" not in page


def test_results_cannot_be_published_before_the_end(portal, parking_survey, make_user):
    with pytest.raises(ValidationError, match="结束后才能公布结果"):
        publish_results(parking_survey, make_user("office", Role.PORTAL_OFFICE))
    assert not Survey.objects.get(pk=parking_survey.pk).results_published


def test_surveys_are_scoped_to_the_site_of_the_host(client, portal, department):
    theirs = make_survey(department, title="教体局课后服务满意度调查", questions=PARKING)
    ours = make_survey(portal, title="城区停车满意度调查", questions=PARKING)
    listing = client.get(reverse("participation:surveys")).content.decode()
    assert ours.title in listing and theirs.title not in listing
    assert client.get(url(theirs)).status_code == 404
    assert client.get(url(theirs), HTTP_HOST="jtj.localhost").status_code == 200
    draft = make_survey(portal, title="未发布的调查", live=False)
    assert client.get(url(draft)).status_code == 404


def test_a_draft_survey_needs_no_results_and_the_landing_page_is_404_while_empty(client, portal):
    assert client.get(reverse("participation:surveys")).status_code == 404
    make_survey(portal, live=False)
    assert client.get(reverse("participation:surveys")).status_code == 404


def test_the_rate_limit_answers_429_in_chinese(client, portal, parking_survey, settings):
    settings.GOVSITE_RATE_LIMITS = {**settings.GOVSITE_RATE_LIMITS, "surveys": "2/m"}
    single, multiple = options_of(parking_survey, 0), options_of(parking_survey, 1)
    assert answer(client, parking_survey, single[0], [multiple[0]]).status_code == 302
    assert answer(client, parking_survey, single[0], [multiple[0]]).status_code == 302
    response = answer(client, parking_survey, single[0], [multiple[0]])
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Submission.objects.filter(survey=parking_survey).count() == 2
