"""The demo's participation content: what the lead's demo loader gets from `load_demo`."""

import pytest
from django.urls import reverse
from django.utils import timezone

from govsite.jobs.registry import get
from govsite.participation.demo import load_demo
from govsite.participation.models import Interview, Proposal, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(portal, department):
    # The demo loader passes naive local time; the department site stands in for 发改局.
    load_demo({"portal": portal, "fgj": department}, timezone.localtime().replace(tzinfo=None))


def test_demo_gives_every_public_page_something_real(client, demo, portal):
    surveys = client.get(reverse("participation:surveys")).content.decode()
    assert "正在进行" in surveys and "往期征集调查" in surveys
    parking = Survey.objects.get(title="弥勒市城区公共停车设施满意度网上调查")
    page = client.get(reverse("participation:survey", args=[parking.pk])).content.decode()
    assert "共 126 人参与" in page and "市人民医院周边" in page and "采纳情况" in page
    dogs = Survey.objects.get(title__contains="养犬管理规定")
    assert "采纳 3 条" in client.get(reverse("participation:survey", args=[dogs.pk])).content.decode()
    waste = Survey.objects.get(title__contains="生活垃圾分类")
    page = client.get(reverse("participation:survey", args=[waste.pk])).content.decode()
    assert "提交意见建议" in page and "征求意见稿）</a>（DOCX）" in page

    education = Interview.objects.get(title__contains="义务教育")
    page = client.get(reverse("participation:interview", args=[education.pk])).content.decode()
    assert "预告" in page and "随迁子女入学" in page and "专业代办" not in page and "学区划分" not in page
    medical = Interview.objects.get(title__contains="医保")
    page = client.get(reverse("participation:interview", args=[medical.pk])).content.decode()
    assert "文字实录" in page and "每人每年400元" in page

    assert "共 10 件" in client.get(reverse("participation:npc_suggestions")).content.decode()
    assert "共 8 件" in client.get(reverse("participation:cppcc_proposals")).content.decode()
    assert Proposal.objects.filter(published=True).count() == 18
    home = client.get("/").content.decode()
    assert ">政民互动<" in home and ">政务公开<" in home


def test_demo_leaves_exactly_one_survey_overdue_for_the_daily_check(demo):
    flagged = get("participation.flag_overdue_results").func()["flagged"]
    assert [Survey.objects.get(pk=pk).title for pk in flagged] == ["弥勒市2026年营商环境满意度网上调查"]
