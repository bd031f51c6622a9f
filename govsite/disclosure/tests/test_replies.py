"""The 答复书 (I9): the default wording per outcome, a site's own template, and refused placeholders."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from govsite.disclosure import replies, requests
from govsite.disclosure.models import ReplyTemplate
from govsite.disclosure.rules import Channel, Outcome, OutcomeGroup

from .test_requests import step

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON, name="孙七")
    step(D(2026, 3, 9), requests.draft_reply, req, office.handler, Outcome.WITHHELD_STATE_SECRET, "该文件已定密。")
    return step(D(2026, 3, 10), requests.sign_reply, req, office.head)


def test_the_default_wording_names_the_reason_the_dates_and_the_remedy(answered):
    text = replies.reply_text(answered)
    assert text.startswith("孙七：\n本机关于2026年3月2日收到您（单位）提出的政府信息公开申请")
    assert "第三十六条第（三）项" in text and "不予公开：1.属于国家秘密" in text and "该文件已定密。" in text
    assert "六十日内依法申请行政复议" in text and text.endswith("测试市教育体育局\n2026年3月10日")


def test_a_sites_template_replaces_the_platforms(answered, department):
    ReplyTemplate.objects.create(record=None, outcome_group=OutcomeGroup.WITHHELD, body="全平台：{办理结果}")
    assert replies.reply_text(answered) == "全平台：不予公开：1.属于国家秘密"
    ReplyTemplate.objects.create(record=department, outcome_group=OutcomeGroup.WITHHELD,
                                 body="{申请人}：经审查，{办理结果}。{答复正文}\n{机关名称}")
    assert replies.reply_text(answered) == "孙七：经审查，不予公开：1.属于国家秘密。该文件已定密。\n测试市教育体育局"


def test_a_template_with_an_unknown_placeholder_is_refused(department):
    template = ReplyTemplate(record=department, outcome_group=OutcomeGroup.GRANTED, body="{申请人}：{文号}")
    with pytest.raises(ValidationError, match="无法填写的占位符：{文号}"):
        template.full_clean()


def test_an_applicants_text_is_inserted_once_never_read_as_a_placeholder(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON, name="{机关名称}")
    req = step(D(2026, 3, 9), requests.draft_reply, req, office.handler, Outcome.GRANTED, "{申请人}")
    assert replies.reply_text(req).startswith("{机关名称}：") and "\n{申请人}\n" in replies.reply_text(req)
