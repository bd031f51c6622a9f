"""The public side of letters over HTTP (I1, I5, I6, I10): writing, following, the listing, the statistics,
the knowledge base, error reports, and the limits that keep the forms usable under abuse."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from govsite.core.clock import clock_at
from govsite.formguard.captcha import issue_challenge
from govsite.formguard.rates import parse_rate
from govsite.formguard.testing import solved_captcha
from govsite.interaction import handling
from govsite.interaction.models import ErrorReport, KnowledgeEntry, Letter
from govsite.interaction.rules import PROFILE_004, Channel, LetterKind, WithholdReason
from govsite.review.roles import Role
from govsite.workdays.service import add_working_days

from .conftest import WEDNESDAY

pytestmark = pytest.mark.django_db

WRITE = reverse("interaction:write")
FOLLOW = reverse("interaction:follow")
REPORT = reverse("interaction:report_error")
REPLY = "您好，经核实，该路段已列入维修计划，将于6月10日前完成修复，如有疑问请拨打13512345678。"


def letter_data(**fields) -> dict:
    """Everything a citizen fills in on the write page, with a solved captcha."""
    return {
        "kind": LetterKind.COMPLAINT, "channel": Channel.MAILBOX, "title": "小区门口道路破损",
        "content": "小区门口道路破损严重，雨天积水，请尽快维修。", "name": "李四", "phone": "139 1234 5678",
        "id_number": "11010519491231002x", "address": "测试市人民路2号", "email": "lisi@example.com",
        "wants_public": "on", "consent": "on", **solved_captcha(), **fields,
    }


def error_data(**fields) -> dict:
    return {"url": "http://testserver/zwyw/", "problem": ErrorReport.Problem.TYPO,
            "description": "第二段“测试市”写成了“测式市”。", "contact": "13612345678", **solved_captcha(), **fields}


def text_of(response) -> str:
    return response.content.decode()


def shown(response, element_id: str) -> str:
    """The text inside the element with `element_id` of an HTML response."""
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</', text_of(response), re.S)
    assert match, f"no #{element_id} on the page"
    return html.unescape(match.group(1)).strip()


def error_summary(response) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', text_of(response), re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def answer(letter, people, unit_people, at=WEDNESDAY, body=REPLY) -> Letter:
    """Dispatch the letter to the unit of `unit_people` (handler, approver) and approve its reply at `at`."""
    handler, approver = unit_people
    with clock_at(at):
        handling.dispatch(letter, people.hotline, handler_unit(handler))
        handling.submit_reply(letter, handler, body)
        handling.approve_reply(letter, approver)
    return Letter.objects.get(pk=letter.pk)


def handler_unit(user):
    from govsite.registry.models import SiteRecord
    from govsite.review.models import RoleGroup

    return SiteRecord.objects.get(pk=RoleGroup.objects.get(group__user=user, role=Role.LETTER_HANDLER).record_id)


# Writing (I1, X7)

@pytest.mark.parametrize(("kind", "channel"), [
    *((kind, Channel.MAILBOX) for kind in LetterKind), (LetterKind.SUGGESTION, Channel.LEADER)])
def test_a_letter_of_each_kind_is_received_and_the_code_and_password_shown_once(client, portal, kind, channel):
    response = client.post(WRITE, letter_data(kind=kind, channel=channel))

    assert response.status_code == 200, error_summary(response)
    letter = Letter.objects.get()
    assert (letter.site, letter.kind, letter.channel, letter.status) == (portal, kind, channel, Letter.Status.RECEIVED)
    code, password = shown(response, "query-code"), shown(response, "query-password")
    assert code == letter.query_code and len(password) == 10
    assert handling.find_for_writer(code, password) == letter
    assert "no-store" in response["Cache-Control"]  # the password must not stay in any cache
    due = add_working_days(timezone.localdate(letter.received_at), PROFILE_004.days[kind]).due
    assert f"答复期限为 {due:%Y-%m-%d}" in text_of(response) and letter.due_on == due
    with connection.cursor() as cursor:
        cursor.execute("SELECT writer_name, writer_phone, writer_id_number, writer_address, writer_email, "
                       "password_digest FROM interaction_letter WHERE id = %s", [letter.pk])
        raw = " ".join(cursor.fetchone())
    for plain in ("李四", "13912345678", "11010519491231002X", "人民路", "lisi@example.com", password):
        assert plain not in raw
    assert (letter.writer_phone, letter.writer_id_number) == ("13912345678", "11010519491231002X")
    assert password not in text_of(client.get(FOLLOW))


def test_the_leader_mailbox_has_its_own_entry(client, portal):
    page = text_of(client.get(WRITE, {"channel": "leader"}))
    assert "<h1>领导信箱</h1>" in page and 'value="leader" id="id_channel_1" required checked' in page
    assert 'data-similar-url="/hudong/zhishi/similar/"' in page and "govsite/js/similar.js" in page


@pytest.mark.parametrize(("guard", "message"), [
    ({"captcha_token": "", "captcha_answer": ""}, "验证码已过期，请刷新后重试"),
    ({"captcha_answer": ""}, "请输入验证码"),
    ({"captcha_answer": "0000"}, "验证码错误，请重新输入"),
    ({"website": "http://spam.example"}, "提交失败，请重试"),
])
def test_a_letter_without_the_right_captcha_or_with_the_honeypot_is_refused(client, portal, guard, message):
    data = letter_data()
    data.update(guard)
    response = client.post(WRITE, data)
    assert response.status_code == 400 and message in error_summary(response)
    assert not Letter.objects.exists()


def test_a_captcha_is_spent_once_and_a_form_filled_too_fast_is_refused(client, portal):
    data = letter_data()
    assert client.post(WRITE, data).status_code == 200
    replay = client.post(WRITE, data)
    assert replay.status_code == 400 and "验证码已失效，请输入新的验证码" in error_summary(replay)
    challenge = issue_challenge()  # just issued: no person fills a letter in under two seconds
    hasty = client.post(WRITE, letter_data(captcha_token=challenge.token, captcha_answer=challenge.answer))
    assert hasty.status_code == 400 and "提交失败，请重试" in error_summary(hasty)
    assert Letter.objects.count() == 1


def test_an_empty_or_incomplete_letter_is_refused_with_chinese_messages(client, portal):
    empty = client.post(WRITE, {})
    assert empty.status_code == 400 and "请修改以下问题后再提交" in text_of(empty)
    bad = client.post(WRITE, letter_data(phone="12345", id_number="110105194912310021", consent="", title="   "))
    summary = error_summary(bad)
    for message in ("请填写正确的手机号码或固定电话", "身份证号码不正确，请核对校验位", "请阅读并同意个人信息处理说明",
                    "请填写标题"):
        assert message in summary
    assert not Letter.objects.exists()


# Following (I1)

def test_the_writer_follows_the_letter_and_sees_only_the_public_steps(client, write_letter, people, portal, department):
    letter = write_letter()
    with clock_at(WEDNESDAY + dt.timedelta(hours=1)):
        handling.dispatch(letter, people.hotline, portal, "内部意见：先核实来信人身份")
        handling.return_order(letter, people.other_handler, "不属于本单位职责")
        handling.dispatch(letter, people.hotline, department)
        handling.submit_reply(letter, people.handler, "您好，这是答复的初稿内容。")
        handling.reject_reply(letter, people.approver, "请写明具体修复时间")
    answer_at = WEDNESDAY + dt.timedelta(hours=2)
    with clock_at(answer_at):
        handling.submit_reply(letter, people.handler, REPLY)
        handling.approve_reply(letter, people.approver)

    typed_code = "-".join((letter.query_code[:4].lower(), letter.query_code[4:8], letter.query_code[8:]))
    response = client.post(FOLLOW, {"query_code": typed_code, "password": letter.password, **solved_captcha()})

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = text_of(response)
    steps = re.findall(r"<li><time[^>]*>[^<]*</time>([^<]*)</li>", page)
    assert steps == ["已收到来信，等待分拣", "已转测试市人民政府办公室办理", "已转测试市教育体育局办理",
                     "测试市教育体育局已答复"]
    assert shown(response, "letter-status") == "已答复" and REPLY in page
    for internal in ("内部意见", "不属于本单位职责", "请写明具体修复时间", "答复的初稿", "handler1", "leader1", "hotline1"):
        assert internal not in page


def test_a_wrong_password_and_an_unknown_code_get_the_same_answer(client, write_letter):
    letter = write_letter(title="独一无二的标题")
    wrong = client.post(FOLLOW, {"query_code": letter.query_code, "password": "ABCDEFGHJK", **solved_captcha()})
    unknown = client.post(FOLLOW, {"query_code": "ABCDEFGHJKLM", "password": letter.password, **solved_captcha()})
    for response in (wrong, unknown):
        assert response.status_code == 400 and "查询码或密码不正确" in error_summary(response)
        assert "独一无二的标题" not in text_of(response)
    assert error_summary(wrong) == error_summary(unknown)


def test_lookups_are_rate_limited_even_with_the_right_password(client, write_letter):
    letter = write_letter(title="独一无二的标题")
    allowed = parse_rate(settings.GOVSITE_RATE_LIMITS["letter_lookup"]).count
    for attempt in range(allowed):
        guess = {"query_code": letter.query_code, "password": f"WRONG{attempt:05d}", **solved_captcha()}
        assert client.post(FOLLOW, guess).status_code == 400
    refused = client.post(FOLLOW, {"query_code": letter.query_code, "password": letter.password, **solved_captcha()})
    assert refused.status_code == 429 and "提交过于频繁，请" in text_of(refused)
    assert "独一无二的标题" not in text_of(refused) and int(refused["Retry-After"]) > 0


# The public listing (I5)

def test_only_answered_public_letters_are_listed_with_personal_data_masked(client, write_letter, people, department):
    unit_people = (people.handler, people.approver)
    public = answer(write_letter(title="13812345678的来信：门口道路破损",
                                 content="我的手机13812345678，身份证11010519491231002X，门口道路破损。"), people, unit_people)
    handling.decide_publicity(public, people.hotline, True)
    withheld = []
    for reason in (WithholdReason.PRIVACY, WithholdReason.SECRET, WithholdReason.SECURITY, WithholdReason.ABUSE,
                   WithholdReason.ADVERTISING):
        letter = answer(write_letter(title=f"不公开的来信{reason}"), people, unit_people)
        withheld.append(handling.decide_publicity(letter, people.hotline, False, reason))
    withheld.append(answer(write_letter(title="不公开的来信：来信人不同意", wants_public=False), people, unit_people))
    open_letter = write_letter(title="不公开的来信：尚未答复")
    handling.decide_publicity(open_letter, people.hotline, True)
    withheld.append(open_letter)

    listing_page = text_of(client.get(reverse("interaction:letters")))
    index_page = text_of(client.get(reverse("interaction:index")))
    for page in (listing_page, index_page):
        assert "138****5678的来信：门口道路破损" in page and "13812345678" not in page
        assert "不公开的来信" not in page
        row = re.search(r"<tr><td><a href=\"(/hudong/xinjian/\d+/)\">.*?</tr>", page, re.S).group(0)
        assert re.findall(r"<time[^>]*>([^<]*)</time>", row) == ["2026-06-03", "2026-06-03"]
        assert "<td>测试市教育体育局</td>" in row and "<td>投诉</td>" in row
    detail = client.get(reverse("interaction:letter", args=[public.pk]))
    page = text_of(detail)
    assert detail.status_code == 200 and "138****5678，身份证1101**********002X，门口道路破损" in page
    assert "将于6月10日前完成修复，如有疑问请拨打135****5678" in page
    for personal in ("13812345678", "11010519491231002X", "13512345678", "张三", "人民路1号"):
        assert personal not in page
    for letter in withheld:
        assert client.get(reverse("interaction:letter", args=[letter.pk])).status_code == 404
    filtered = text_of(client.get(reverse("interaction:letters"), {"kind": LetterKind.CONSULTATION}))
    assert "门口道路破损" not in filtered and "还没有公开的信件" in filtered


# The statistics (I5)

def statistics_rows(response) -> dict[str, list[str]]:
    table = re.search(r'<table class="data-table" id="unit-statistics">.*?</table>', text_of(response), re.S).group(0)
    return {unit: re.findall(r'<td class="num">([^<]*)</td>', cells)
            for unit, cells in re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table, re.S)}


def test_statistics_per_unit_count_received_answered_on_time_and_working_days(
        client, write_letter, people, portal, make_user):
    department_people = (people.handler, people.approver)
    office_people = (people.other_handler, make_user("leader2", Role.LETTER_APPROVER, portal))
    friday, next_wednesday = WEDNESDAY + dt.timedelta(days=2), WEDNESDAY + dt.timedelta(days=7)
    answer(write_letter(kind=LetterKind.COMPLAINT), people, department_people, at=friday)  # 2 days, due in 10
    late = answer(write_letter(kind=LetterKind.CONSULTATION), people, department_people, at=next_wednesday)
    handling.dispatch(write_letter(), people.hotline, handler_unit(people.handler))
    write_letter()  # not dispatched yet: no unit's letter
    answer(write_letter(), people, office_people, at=WEDNESDAY + dt.timedelta(days=1))
    answer(write_letter(at=WEDNESDAY.replace(year=2025)), people, department_people,
           at=WEDNESDAY.replace(year=2025) + dt.timedelta(days=1))
    assert (late.working_days, late.on_time) == (5, False)  # consultations are due in 2 working days

    rows = statistics_rows(client.get(reverse("interaction:statistics"), {"year": "2026"}))
    assert rows == {"测试市教育体育局": ["3", "2", "1", "50.0%", "3.5"],
                    "测试市人民政府办公室": ["1", "1", "1", "100.0%", "1.0"]}
    assert statistics_rows(client.get(reverse("interaction:statistics"), {"year": "2025"})) == {
        "测试市教育体育局": ["1", "1", "1", "100.0%", "1.0"]}
    for hostile in ("99999999", "-1", "二〇二六", "1"):
        response = client.get(reverse("interaction:statistics"), {"year": hostile})
        assert response.status_code == 200 and f"{timezone.localdate().year}年来信办理情况统计" in text_of(response)


# The knowledge base (I6)

def test_the_knowledge_base_and_the_suggestions_while_typing_find_similar_answered_questions(
        client, write_letter, people, department):
    KnowledgeEntry.objects.create(question="如何办理居住证？", answer="携带身份证和居住证明到居住地派出所办理。",
                                  unit=department)
    KnowledgeEntry.objects.create(question="小学一年级入学需要准备哪些材料？", answer="户口簿、房产证明和预防接种证。",
                                  unit=department)
    KnowledgeEntry.objects.create(question="社保卡丢失了怎么补办？", answer="已失效的答复口径。", active=False)
    public = answer(write_letter(title="老旧小区加装电梯有补贴吗", content="请问老旧小区加装电梯政府有补贴吗？"),
                    people, (people.handler, people.approver), body="您好，老旧小区加装电梯每台补贴20万元。")
    handling.decide_publicity(public, people.hotline, True)

    page = text_of(client.get(reverse("interaction:knowledge"), {"q": "孩子上小学入学要准备什么材料"}))
    assert "小学一年级入学需要准备哪些材料？" in page and "户口簿、房产证明和预防接种证。" in page
    assert "如何办理居住证" not in page
    similar = reverse("interaction:similar")
    found = client.get(similar, {"q": "加装电梯 补贴"}).json()["results"]
    assert found[0] == {"question": "老旧小区加装电梯有补贴吗", "answer": "您好，老旧小区加装电梯每台补贴20万元。",
                        "unit": "测试市教育体育局"}
    assert client.get(similar, {"q": "居住证怎么办"}).json()["results"][0]["question"] == "如何办理居住证？"
    assert client.get(similar, {"q": "社保卡丢失补办"}).json() == {"results": []}  # inactive answers stay out
    assert client.get(similar, {"q": "电梯"}).json() == {"results": []}  # under four characters: nothing yet
    nothing = text_of(client.get(reverse("interaction:knowledge"), {"q": "火星移民签证"}))
    assert "没有找到相似的问题" in nothing


# Error reports (I10)

def footer_link(response) -> str:
    match = re.search(r'<a href="([^"]*)" class="findfault">我为政府网站找错</a>', text_of(response))
    assert match, "no error-report link in the footer"
    return html.unescape(match.group(1))


def test_the_footer_link_leads_to_the_error_form_and_the_report_goes_to_the_responsible_unit(client, portal):
    home = client.get("/")
    link = footer_link(home)
    assert link == f"{REPORT}?url=http%3A%2F%2Ftestserver%2F"
    form = client.get(link)
    assert form.status_code == 200 and 'value="http://testserver/"' in text_of(form)
    for page in (reverse("interaction:letters"), "/zwyw/csyw/"):
        assert footer_link(client.get(page)).endswith("url=http%3A%2F%2Ftestserver" + page.replace("/", "%2F"))

    response = client.post(link, error_data(url="http://testserver/"))

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    report = ErrorReport.objects.get()
    due = add_working_days(timezone.localdate(), 1).due
    assert (report.site, report.responsible_unit, report.due_on, report.status) == (
        portal, "测试市人民政府办公室", due, ErrorReport.Status.NEW)
    assert f"受理编号 {report.reference}，已转 测试市人民政府办公室 处理，处理期限 {due:%Y-%m-%d}" in text_of(response)
    assert report.contact == "13612345678" and report.problem == ErrorReport.Problem.TYPO


def test_an_error_report_is_routed_by_the_page_address(client, portal, department):
    from govsite.columns.models import ColumnPage

    ColumnPage.objects.filter(url_path="/cssrmzf/zwyw/csyw/").update(responsible_unit="测试市融媒体中心")
    client.post(REPORT, error_data(url="http://testserver/zwyw/csyw/2026/06/some-article/"))
    client.post(REPORT, error_data(url="http://jtj.localhost/gzdt/"), HTTP_HOST="jtj.localhost")
    client.post(REPORT, error_data(url="/zwyw/csyw/"))
    reports = ErrorReport.objects.order_by("pk")
    assert [(r.site, r.responsible_unit, r.column.url_path) for r in reports] == [
        (portal, "测试市融媒体中心", "/cssrmzf/zwyw/csyw/"),
        (department, "测试市教育体育局", "/cssjytyj/gzdt/"),
        (portal, "测试市融媒体中心", "/cssrmzf/zwyw/csyw/"),
    ]
    refused = client.post(REPORT, error_data(url="javascript:alert(1)"))
    assert refused.status_code == 400 and "页面地址不正确" in error_summary(refused)
    assert ErrorReport.objects.count() == 3


# Limits of the public forms (I1)

@pytest.mark.parametrize(("url", "scope", "data", "model"), [
    (WRITE, "letters", letter_data, Letter), (REPORT, "error_reports", error_data, ErrorReport)])
def test_submissions_over_the_rate_are_refused_in_chinese(client, portal, url, scope, data, model):
    allowed = parse_rate(settings.GOVSITE_RATE_LIMITS[scope]).count
    for _attempt in range(allowed):
        assert client.post(url, {}).status_code == 400
    refused = client.post(url, data())
    assert refused.status_code == 429 and re.search(r"提交过于频繁，请\d+分钟后再试", text_of(refused))
    assert not model.objects.exists()
    assert client.get(url).status_code == 200  # reading the form is not counted


@pytest.mark.parametrize(("url", "data", "model"), [
    (WRITE, letter_data, Letter), (FOLLOW, dict, Letter), (REPORT, error_data, ErrorReport)])
def test_a_body_over_the_limit_is_refused_in_chinese(client, portal, url, data, model):
    response = client.post(url, data(content="字" * 20_000, description="字" * 20_000, password="字" * 20_000))
    assert response.status_code == 413 and "超过了128 KB的上限" in text_of(response)
    assert not model.objects.exists()
    longest = letter_data(title="题" * 100, content="字" * 3000, name="名" * 30, address="址" * 100)
    assert client.post(WRITE, longest).status_code == 200  # the longest letter allowed still fits
