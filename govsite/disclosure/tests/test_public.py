"""The public side of 依申请公开 over HTTP (I9): the notice, the online application, following it to the signed
答复书 and downloading it, and the limits that keep the forms usable under hostile input."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from govsite.core.clock import clock_at
from govsite.disclosure import replies, requests
from govsite.disclosure.models import DisclosureOffice, InformationRequest
from govsite.disclosure.rules import ApplicantType, Outcome
from govsite.formguard.rates import parse_rate
from govsite.formguard.testing import solved_captcha
from govsite.interaction.tests.test_hostile_input import EXAMPLES, check_refusal, draw_form, outcome, post
from govsite.interaction.tests.test_public import error_summary, shown, text_of

from .conftest import at

pytestmark = pytest.mark.django_db

INDEX = reverse("disclosure:index")
APPLY = reverse("disclosure:apply")
FOLLOW = reverse("disclosure:follow")
DOWNLOAD = reverse("disclosure:download")
DEPARTMENT = {"HTTP_HOST": "jtj.localhost"}
MONDAY = dt.date(2026, 3, 2)
UNIT_CODE = "91530000MA6K7Q8Y34"  # a valid 统一社会信用代码 (its check character computed by stdnum)
REPLY = "现将《2026年中小学校舍维修项目立项批复》全文提供给您，见附件。"
PERSON = {
    "applicant": ApplicantType.NATURAL_PERSON, "person_name": "李四", "id_number": "11010519491231002x",
    "phone": "139 1234 5678", "email": "lisi@example.com", "address": "测试市人民路2号",
    "description": "2026年本市中小学校舍维修项目的立项批复文件", "purpose": "了解学校维修安排",
    "delivery": InformationRequest.Delivery.ONLINE, "consent": "on",
}
ORGANISATION = {
    **PERSON, "applicant": "organisation", "organisation_type": ApplicantType.LEGAL_SERVICE,
    "organisation_name": "测试市明理律师事务所", "unit_code": UNIT_CODE.lower(), "legal_representative": "王律师",
    "contact_person": "赵助理", "person_name": "", "id_number": "",
}


def form_data(base: dict = PERSON, **fields) -> dict:
    """Everything an applicant fills in on the application page, with a solved captcha."""
    return {**base, **solved_captcha(), **fields}


def lookup(code: str, password: str) -> dict:
    return {"query_code": code, "password": password, **solved_captcha()}


def step(day: dt.date, function, *args):
    with clock_at(at(day)):
        return function(*args)


def answered(req, office, outcome: Outcome = Outcome.GRANTED) -> InformationRequest:
    """Confirmed on the day it was filed, drafted by the handler and signed by the head a week later."""
    step(MONDAY, requests.confirm_receipt, req, office.handler, MONDAY)
    step(MONDAY + dt.timedelta(days=7), requests.draft_reply, req, office.handler, outcome, REPLY)
    signed = step(MONDAY + dt.timedelta(days=7), requests.sign_reply, req, office.head)
    signed.password = req.password
    return signed


def docx_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


# The notice (index)

def test_the_notice_names_the_statutory_limits_and_the_units_office(client, department):
    DisclosureOffice.objects.create(
        record=department, agency_name="测试市教育体育局", unit_code=UNIT_CODE, office_name="局办公室",
        address="测试市建设路8号", office_hours="工作日 9:00-12:00", phone="0873-6123456", email="xxgk@ceshi.gov.cn")

    page = text_of(client.get(INDEX, **DEPARTMENT))

    office = re.search(r'<table class="data-table" id="disclosure-office">.*?</table>', page, re.S).group(0)
    for shown_text in ("局办公室", "测试市建设路8号", "工作日 9:00-12:00", "0873-6123456", "xxgk@ceshi.gov.cn"):
        assert shown_text in office
    limits = re.search(r'<ul id="time-limits">.*?</ul>', page, re.S).group(0)
    for rule in ("自收到申请之日起 20 个工作日内答复", "最长不得超过 20 个工作日", "7 个工作日内一次性告知",
                 "以双方确认之日为准（第三十一条）"):
        assert rule in limits
    assert f'href="{APPLY}"' in page and f'href="{FOLLOW}"' in page


def test_a_site_without_an_office_still_offers_the_online_application(client, portal):
    page = text_of(client.get(INDEX))
    assert 'id="disclosure-office"' not in page and "尚未公布政府信息公开工作机构的联系方式" in page


# Applying

def test_an_online_application_waits_for_the_office_and_shows_the_code_and_password_once(client, department):
    response = client.post(APPLY, form_data(), **DEPARTMENT)

    assert response.status_code == 200, error_summary(response)
    assert "no-store" in response["Cache-Control"]  # the password must not stay in any cache
    req = InformationRequest.objects.get()
    assert (req.record, req.applicant_type, req.status) == (department, ApplicantType.NATURAL_PERSON, "submitted")
    assert req.get_status_display() == "待确认收到" and req.received_on is None and req.due_on is None
    assert (req.id_number, req.phone, req.delivery) == ("11010519491231002X", "13912345678", "online")
    code, password = shown(response, "query-code"), shown(response, "query-password")
    assert shown(response, "req-number") == req.number and code == req.query_code
    assert requests.find_for_applicant(code, password) == req
    assert "以“双方确认之日”为收到申请之日" in text_of(response) and "第三十一条" in text_of(response)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, id_number, phone, email, address, password_digest "
                       "FROM disclosure_informationrequest WHERE id = %s", [req.pk])
        raw = " ".join(cursor.fetchone())
    for plain in ("李四", "11010519491231002X", "13912345678", "lisi@example.com", "人民路", password):
        assert plain not in raw
    assert password not in text_of(client.get(FOLLOW))


def test_an_organisation_applies_with_its_code_representative_and_contact(client, department):
    response = client.post(APPLY, form_data(ORGANISATION, person_name="不会保存的姓名"), **DEPARTMENT)

    assert response.status_code == 200, error_summary(response)
    req = InformationRequest.objects.get()
    assert (req.applicant_type, req.name, req.id_number) == (ApplicantType.LEGAL_SERVICE, "测试市明理律师事务所",
                                                             UNIT_CODE)
    assert (req.legal_representative, req.contact_person) == ("王律师", "赵助理")


def test_an_organisation_without_its_fields_is_told_each_one_in_chinese(client, department):
    missing = dict.fromkeys(("organisation_type", "organisation_name", "unit_code", "legal_representative",
                             "contact_person"), "")
    response = client.post(APPLY, form_data(ORGANISATION, **missing), **DEPARTMENT)

    assert response.status_code == 400
    summary = error_summary(response)
    for message in ("组织类别：请选择组织类别", "名称：请填写名称", "统一社会信用代码：请填写统一社会信用代码",
                    "法定代表人或负责人：请填写法定代表人或负责人", "联系人：请填写联系人"):
        assert message in summary
    assert "请填写姓名" not in summary and not InformationRequest.objects.exists()


@pytest.mark.parametrize(("fields", "message"), [
    ({"person_name": "  "}, "姓名：请填写姓名"),
    ({"id_number": ""}, "身份证件号码：请填写身份证件号码"),
    ({"id_number": "110105194912310021"}, "身份证号码不正确，请核对校验位"),
    ({"phone": "12345"}, "请填写正确的手机号码或固定电话"),
    ({"email": "lisi@"}, "电子邮箱："),
    ({"delivery": "email", "email": ""}, "电子邮箱：请填写电子邮箱"),
    ({"delivery": "post", "address": ""}, "通信地址：请填写通信地址"),
    ({"description": "校舍文件"}, "所需政府信息的名称、文号或描述："),
    ({"description": "字" * 2001}, "不能超过2000个字"),
    ({"purpose": "用" * 501}, "所需信息的用途不能超过500个字"),
    ({"applicant": "robot"}, "申请人类型："),
    ({"delivery": "fax"}, "获取信息的方式："),
    ({"consent": ""}, "请阅读并同意个人信息处理说明"),
    ({"captcha_answer": "0000"}, "验证码错误，请重新输入"),
    ({"applicant": "organisation", "organisation_type": ApplicantType.NATURAL_PERSON}, "组织类别："),
    ({**ORGANISATION, "unit_code": "91530000MA6K7Q8Y3A"}, "统一社会信用代码校验位不正确"),
    ({**ORGANISATION, "unit_code": "12345"}, "单位代码应为 18 位统一社会信用代码"),
])
def test_each_rule_of_the_form_is_explained_in_chinese(client, department, fields, message):
    response = client.post(APPLY, form_data(**fields), **DEPARTMENT)
    assert response.status_code == 400 and message in error_summary(response)
    assert not InformationRequest.objects.exists()


def test_an_empty_application_is_refused_and_the_form_shows_both_kinds_of_applicant(client, department):
    form = text_of(client.get(APPLY, **DEPARTMENT))
    for label in ("自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
                  "网上查看", "电子邮件", "邮寄", "当面领取"):
        assert f">{label}<" in form
    empty = client.post(APPLY, {}, **DEPARTMENT)
    assert empty.status_code == 400 and "请修改以下问题后再提交" in text_of(empty)


# Following

def test_a_wrong_password_and_an_unknown_code_get_the_same_answer_and_nothing_else(client, apply):
    req = apply(MONDAY, description="只有申请人能看到的申请内容")
    wrong = client.post(FOLLOW, lookup(req.query_code, "ABCDEFGHJK"))
    unknown = client.post(FOLLOW, lookup("ABCDEFGHJKLM", req.password))
    for response in (wrong, unknown):
        assert response.status_code == 400 and "查询码或密码不正确" in error_summary(response)
        assert "只有申请人能看到的申请内容" not in text_of(response) and req.number not in text_of(response)
    assert error_summary(wrong) == error_summary(unknown)


def test_before_the_office_confirms_the_applicant_sees_it_waiting(client, apply):
    req = apply(MONDAY)
    response = client.post(FOLLOW, lookup(req.query_code.lower(), req.password))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert shown(response, "req-status") == "待确认收到" and shown(response, "req-received") == "待受理机关确认收到"
    assert 'id="reply"' not in text_of(response) and DOWNLOAD not in text_of(response)


def test_after_the_reply_is_signed_the_applicant_sees_the_steps_and_the_whole_reply(client, apply, office):
    req = apply(MONDAY)
    step(MONDAY, requests.confirm_receipt, req, office.handler, MONDAY)
    step(MONDAY + dt.timedelta(days=7), requests.draft_reply, req, office.handler, Outcome.GRANTED, REPLY)
    draft = text_of(client.post(FOLLOW, lookup(req.query_code, req.password)))
    assert "答复待签发" in draft and REPLY not in draft  # not out before the head signs (Art. 33)
    step(MONDAY + dt.timedelta(days=7), requests.sign_reply, req, office.head)

    response = client.post(FOLLOW, lookup(req.query_code, req.password))

    page = text_of(response)
    steps = re.findall(r"<li><time[^>]*>[^<]*</time>([^<]*)</li>", page)
    assert steps == ["申请已提交，等待受理机关确认收到", "受理机关已确认收到申请（收到日期 2026-03-02），应于 2026-03-30 前答复",
                     "已答复：予以公开。答复书可在本页查看和下载"]
    assert shown(response, "req-status") == "已答复" and shown(response, "req-received") == "2026-03-02"
    assert shown(response, "req-due") == "2026-03-30" and shown(response, "req-outcome") == "予以公开"
    reply = re.search(r'<div class="reply" id="reply">(.*?)</div>', page, re.S).group(1)
    for line in replies.reply_text(InformationRequest.objects.get(pk=req.pk)).split("\n"):
        assert line in reply
    assert REPLY in reply and "测试市教育体育局" in reply
    assert f'action="{DOWNLOAD}"' in page and "下载答复书（Word）" in page
    for internal in ("ysq_handler", "ysq_head", "govsite.disclosure"):
        assert internal not in page


# Downloading the 答复书

def test_the_download_is_the_signed_docx_with_a_chinese_file_name(client, apply, office):
    req = answered(apply(MONDAY), office)

    response = client.post(DOWNLOAD, {"query_code": req.query_code, "password": req.password})

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(f'{req.number}-答复书.docx')}" in disposition  # RFC 5987
    text = docx_text(response.content)
    assert "政府信息公开申请答复书" in text and replies.reply_text(req) in text and REPLY in text


def test_a_lost_stored_document_is_written_again(client, apply, office):
    req = answered(apply(MONDAY), office)
    req.reply_document.delete(save=True)
    response = client.post(DOWNLOAD, {"query_code": req.query_code, "password": req.password})
    assert response.status_code == 200 and REPLY in docx_text(response.content)


def test_no_download_with_a_wrong_password_or_before_the_reply_is_signed(client, apply, office):
    req = answered(apply(MONDAY), office)
    waiting = apply(MONDAY)
    for data, message in (({"query_code": req.query_code, "password": "ABCDEFGHJK"}, "查询码或密码不正确"),
                          ({"query_code": req.query_code}, "查询码或密码不正确"),
                          ({"query_code": waiting.query_code, "password": waiting.password}, "答复书尚未签发")):
        response = client.post(DOWNLOAD, data)
        assert response.status_code == 400 and message in error_summary(response)
        assert REPLY not in text_of(response) and response["Content-Type"].startswith("text/html")
    assert client.get(DOWNLOAD).status_code == 405


# Limits and hostile input (I1)

def test_lookups_share_one_rate_limit_even_with_the_right_password(client, apply, office):
    req = answered(apply(MONDAY), office)
    for attempt in range(parse_rate(settings.GOVSITE_RATE_LIMITS["disclosure_lookup"]).count):
        guess = {"query_code": req.query_code, "password": f"WRONG{attempt:05d}"}
        url, data = (FOLLOW, {**guess, **solved_captcha()}) if attempt % 2 else (DOWNLOAD, guess)
        assert client.post(url, data).status_code == 400
    for url, data in ((FOLLOW, lookup(req.query_code, req.password)),
                      (DOWNLOAD, {"query_code": req.query_code, "password": req.password})):
        refused = client.post(url, data)
        assert refused.status_code == 429 and "提交过于频繁，请" in text_of(refused) and REPLY not in text_of(refused)


def test_applications_over_the_rate_are_refused_in_chinese(client, department):
    for _attempt in range(parse_rate(settings.GOVSITE_RATE_LIMITS["disclosure_requests"]).count):
        assert client.post(APPLY, {}, **DEPARTMENT).status_code == 400
    refused = client.post(APPLY, form_data(), **DEPARTMENT)
    assert refused.status_code == 429 and re.search(r"提交过于频繁，请\d+分钟后再试", text_of(refused))
    assert not InformationRequest.objects.exists() and client.get(APPLY, **DEPARTMENT).status_code == 200


@pytest.mark.parametrize("url", [APPLY, FOLLOW, DOWNLOAD])
def test_a_body_over_the_limit_is_refused_in_chinese(client, department, url):
    response = client.post(url, form_data(description="字" * 50_000, password="字" * 50_000), **DEPARTMENT)
    assert response.status_code == 413 and "超过了128 KB的上限" in text_of(response)
    assert not InformationRequest.objects.exists()
    longest = form_data(description="字" * 2000, purpose="用" * 500, address="址" * 200, person_name="名" * 30)
    assert client.post(APPLY, longest, **DEPARTMENT).status_code == 200  # the longest application still fits


def test_markup_typed_into_the_form_is_shown_as_text(client, department, office):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    with clock_at(at(MONDAY)):
        response = client.post(APPLY, form_data(person_name="<b>李四</b>", description=f"校舍维修批复文件{hostile}"),
                               **DEPARTMENT)
    assert response.status_code == 200, error_summary(response)
    req = InformationRequest.objects.get()
    step(MONDAY, requests.confirm_receipt, req, office.handler, MONDAY)
    step(MONDAY, requests.draft_reply, req, office.handler, Outcome.GRANTED, f"答复正文{hostile}")
    step(MONDAY, requests.sign_reply, req, office.head)

    page = text_of(client.post(FOLLOW, lookup(shown(response, "query-code"), shown(response, "query-password"))))

    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>李四</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;李四&lt;/b&gt;" in page


@given(data=st.data())
@EXAMPLES
def test_random_and_hostile_applications_never_fail_or_half_store(client, department, data):
    cache.clear()
    form = draw_form(data, {name: value for name, value in ORGANISATION.items() if value})
    before = InformationRequest.objects.count()
    response = post(client, APPLY, form, **DEPARTMENT)
    if outcome(response, before, InformationRequest.objects.count()):
        req = InformationRequest.objects.latest("pk")
        assert req.query_code in text_of(response) and req.applicant.is_organisation
        assert "\x00" not in req.name + req.description + req.address and 10 <= len(req.description) <= 2000


@pytest.fixture
def signed(apply, office) -> InformationRequest:
    return answered(apply(MONDAY, description="只有申请人能看到的申请内容"), office)


@given(data=st.data())
@EXAMPLES
def test_random_and_hostile_lookups_never_fail_or_leak(client, signed, data):
    cache.clear()
    url = data.draw(st.sampled_from([FOLLOW, DOWNLOAD]), label="url")
    form = draw_form(data, {"query_code": signed.query_code.lower(), "password": signed.password})
    response = post(client, url, form)
    assert response.status_code < 500
    if response.status_code == 200:
        assert REPLY in (text_of(response) if url == FOLLOW else docx_text(response.content))
    else:
        assert "只有申请人能看到的申请内容" not in text_of(response)
        check_refusal(response)
