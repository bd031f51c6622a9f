"""The back office: each unit's editors on their own sites, the portal office on all; frozen questions; exports."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from govsite.audit.models import AuditEntry
from govsite.participation.models import Answer, InterviewQuestion, Question, Submission, Survey
from govsite.participation.rules import SurveyKind
from govsite.participation.tests.conftest import (
    PARKING,
    make_interview,
    make_proposal,
    make_survey,
    options_of,
)
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def form_data(survey: Survey, **changes) -> dict:
    """The edit form as the browser would post it back, with `changes` applied (question i: `q<i>_<field>`)."""
    questions = []
    for index, question in enumerate(survey.questions.all()):
        row = {"id": question.pk, "text": question.text, "type": question.type,
               "options_text": question.options_text}
        if question.required:
            row["required"] = "on"
        row.update({key.split("_", 1)[1]: value for key, value in changes.items() if key.startswith(f"q{index}_")})
        questions.append(row)
    fields = {
        "record": survey.record_id, "kind": survey.kind, "title": survey.title, "organizer": survey.organizer,
        "starts_on": f"{survey.starts_on:%Y-%m-%d}", "ends_on": f"{survey.ends_on:%Y-%m-%d}",
        "intro": rich_text(survey.intro), "draft": rich_text(survey.draft),
        "results_summary": rich_text(survey.results_summary), "adoption": rich_text(survey.adoption),
        "adopted_count": "", "attachments": inline_formset([]),
        "questions": inline_formset(questions, initial=len(questions)),
        **{key: value for key, value in changes.items() if not key.startswith("q")},
    }
    if survey.live and "live" not in changes:
        fields["live"] = "on"
    return nested_form_data({key: value for key, value in fields.items() if value is not None})


def refused(response) -> bool:
    """Wagtail answers a refused admin page with a redirect to the dashboard (and a message), others with 403."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def edit_url(survey) -> str:
    return reverse("participation_surveys:edit", args=[survey.pk])


@pytest.fixture
def people(make_user, portal, department):
    return {
        "ours": make_user("portal_editor", Role.EDITOR, portal, email="editor@ceshi.gov.cn"),
        "theirs": make_user("jtj_editor", Role.EDITOR, department, email="jtj@ceshi.gov.cn"),
        "office": make_user("office", Role.PORTAL_OFFICE),
        "auditor": make_user("auditor", Role.AUDITOR),
    }


def test_an_editor_of_another_unit_can_neither_see_nor_change_a_units_survey(client, people, parking_survey):
    interview = make_interview(parking_survey.record)
    client.force_login(people["theirs"])
    listing = client.get(reverse("participation_surveys:index"))
    assert listing.status_code == 200 and parking_survey.title not in listing.content.decode()
    assert refused(client.get(edit_url(parking_survey)))
    assert refused(client.post(edit_url(parking_survey), form_data(parking_survey, title="被改掉的标题")))
    assert Survey.objects.get(pk=parking_survey.pk).title == parking_survey.title
    assert refused(client.post(reverse("participation_surveys:publish_results", args=[parking_survey.pk])))
    assert not Survey.objects.get(pk=parking_survey.pk).results_published
    assert refused(client.get(reverse("participation_surveys:export", args=[parking_survey.pk, "xlsx"])))
    assert refused(client.get(reverse("participation_surveys:history", args=[parking_survey.pk])))
    assert refused(client.get(reverse("participation_interviews:moderate", args=[interview.pk])))
    assert refused(client.get(reverse("participation_interviews:edit", args=[interview.pk])))


def test_the_portal_office_sees_and_changes_every_units_survey(client, people, department):
    survey = make_survey(department, title="课后服务满意度调查", questions=PARKING)
    client.force_login(people["office"])
    assert survey.title in client.get(reverse("participation_surveys:index")).content.decode()
    assert client.get(edit_url(survey)).status_code == 200
    response = client.post(edit_url(survey), form_data(survey, title="课后服务满意度网上调查"))
    assert response.status_code == 302
    assert Survey.objects.get(pk=survey.pk).title == "课后服务满意度网上调查"
    assert refused(client.get(reverse("participation_surveys:add")))  # units create their own surveys


def test_the_units_screens_render_with_their_actions(client, people, parking_survey):
    interview = make_interview(parking_survey.record)
    InterviewQuestion.objects.create(interview=interview, text="学区划分什么时候公布？")
    make_proposal(parking_survey.record, 1)
    client.force_login(people["ours"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("征集调查与访谈") in home and reverse("participation_proposals:index") in home
    interviews = client.get(reverse("participation_interviews:index")).content.decode()
    assert interview.title in interviews and "预告" in interviews and "待审核提问" in interviews
    moderation = client.get(reverse("participation_interviews:moderate", args=[interview.pk])).content.decode()
    assert "学区划分什么时候公布？" in moderation and "不予采用" in moderation and "保存答复" in moderation
    assert "关于第1件事项的建议" in client.get(reverse("participation_proposals:index")).content.decode()
    interview_edit = client.get(reverse("participation_interviews:edit", args=[interview.pk])).content.decode()
    assert "访谈嘉宾" in interview_edit and "公布访谈实录" in interview_edit and "网民提问审核与答复" in interview_edit
    assert "办理结果分类" in client.get(reverse("participation_proposals:add")).content.decode()
    edit = client.get(edit_url(parking_survey)).content.decode()
    assert "公布结果" in edit and "导出提交（Excel）" in edit
    confirm = client.get(reverse("participation_surveys:publish_results", args=[parking_survey.pk])).content.decode()
    assert "征集调查结束后才能公布结果" in confirm and 'type="submit"' not in confirm


def test_the_auditor_has_no_participation_screens(client, people, parking_survey):
    client.force_login(people["auditor"])
    assert json.dumps("征集调查与访谈") not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert refused(client.get(reverse("participation_surveys:index")))
    assert refused(client.get(edit_url(parking_survey)))


def test_an_editor_creates_surveys_only_for_the_units_own_sites(client, people, portal, department):
    client.force_login(people["ours"])
    html = client.get(reverse("participation_surveys:add")).content.decode()
    assert portal.name in html and department.name not in html
    today = timezone.localdate()
    data = nested_form_data({
        "record": department.pk, "kind": SurveyKind.SURVEY, "title": "冒名调查", "starts_on": f"{today:%Y-%m-%d}",
        "ends_on": f"{today:%Y-%m-%d}", "intro": rich_text(""), "draft": rich_text(""),
        "results_summary": rich_text(""), "adoption": rich_text(""),
        "attachments": inline_formset([]), "questions": inline_formset([]),
    })
    assert client.post(reverse("participation_surveys:add"), data).status_code == 200
    assert not Survey.objects.filter(title="冒名调查").exists()
    data["record"] = str(portal.pk)
    assert client.post(reverse("participation_surveys:add"), data).status_code == 302
    assert Survey.objects.get(title="冒名调查").record == portal


def test_questions_freeze_once_a_submission_arrives(client, people, parking_survey):
    client.force_login(people["ours"])
    response = client.post(edit_url(parking_survey), form_data(parking_survey, q0_options_text="甲\n乙"))
    assert response.status_code == 302  # no submission yet: options may still change
    survey = Survey.objects.get(pk=parking_survey.pk)
    assert list(survey.questions.first().options.values_list("label", flat=True)) == ["甲", "乙"]

    submission = Submission.objects.create(survey=survey)
    Answer.objects.create(submission=submission, question=survey.questions.first(), option_id=options_of(survey, 0)[0])
    response = client.post(edit_url(survey), form_data(survey, q0_text="改过的问题"))
    assert response.status_code == 200 and "调查问题和选项不能再修改" in response.content.decode()
    assert Question.objects.get(pk=survey.questions.first().pk).text == "您主要在哪里停车？"
    response = client.post(edit_url(survey), form_data(survey, title="城区停车满意度调查（已延期）",
                                                        ends_on=f"{survey.ends_on + dt.timedelta(days=7):%Y-%m-%d}"))
    assert response.status_code == 302
    assert Survey.objects.get(pk=survey.pk).title == "城区停车满意度调查（已延期）"
    assert Answer.objects.filter(submission=submission).count() == 1  # the answer and its option survive


def test_an_overdue_survey_is_flagged_in_the_list_and_on_the_dashboards(client, people, portal):
    today = timezone.localdate()
    overdue = make_survey(portal, title="超期未公布的调查", days_open=(-70, -40))
    waiting = make_survey(portal, title="刚结束的调查", days_open=(-20, -3))
    client.force_login(people["ours"])
    listing = client.get(reverse("participation_surveys:index")).content.decode()
    assert "已超期未公布" in listing and "w-text-critical-200" in listing
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert overdue.title in dashboard and waiting.title in dashboard and "已超期未公布" in dashboard
    assert f"{waiting.results_due_on:%Y-%m-%d}" in dashboard and waiting.results_due_on > today
    client.force_login(people["office"])
    assert overdue.title in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people["theirs"])
    assert overdue.title not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_submission_export_is_audited_and_defuses_formulas(client, people, portal):
    survey = make_survey(portal, kind=SurveyKind.SOLICITATION, title="征求意见")
    Submission.objects.create(survey=survey, opinion="=HYPERLINK(\"http://x\")", contact_name="张三",
                              contact_phone="13812345678")
    Submission.objects.create(survey=survey, opinion="同意。")
    client.force_login(people["ours"])
    response = client.get(reverse("participation_surveys:export", args=[survey.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0] == ("提交时间", "意见建议", "联系人", "联系电话")
    assert rows[1][1:] == ("=HYPERLINK(\"http://x\")", "张三", "13812345678") and rows[2][1] == "同意。"
    entry = AuditEntry.objects.filter(action="govsite.export").latest("seq")
    assert entry.actor == people["ours"] and entry.data["contains_personal_data"] is True and entry.data["rows"] == 2
    csv = b"".join(client.get(reverse("participation_surveys:export", args=[survey.pk, "csv"])).streaming_content)
    assert "'=HYPERLINK" in csv.decode()


def test_survey_export_has_a_column_per_question(client, people, parking_survey):
    single, multiple = options_of(parking_survey, 0), options_of(parking_survey, 1)
    questions = list(parking_survey.questions.all())
    submission = Submission.objects.create(survey=parking_survey)
    Answer.objects.bulk_create([
        Answer(submission=submission, question=questions[0], option_id=single[1]),
        Answer(submission=submission, question=questions[1], option_id=multiple[0]),
        Answer(submission=submission, question=questions[1], option_id=multiple[2]),
        Answer(submission=submission, question=questions[2], text="多建停车楼"),
    ])
    client.force_login(people["office"])
    response = client.get(reverse("participation_surveys:export", args=[parking_survey.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][1:] == ("您主要在哪里停车？", "最需要增加停车位的区域？", "其他建议", "联系人", "联系电话")
    assert rows[1][1:4] == ("公共停车场", "医院周边；商业街", "多建停车楼")
    entry = AuditEntry.objects.filter(action="govsite.export").latest("seq")
    assert entry.data["contains_personal_data"] is False and entry.actor == people["office"]
    found = client.get(reverse("participation_surveys:index"), {"q": "停车"}).content.decode()
    assert parking_survey.title in found
    assert parking_survey.title not in client.get(reverse("participation_surveys:index"), {"q": "养犬"}).content.decode()
