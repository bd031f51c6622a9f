"""Guides as a unit publishes them: a catalogue in the 办事服务 column, complete and incomplete guides."""

from __future__ import annotations

import pytest

from govsite.content.tests.factories import column_of, policy, publish
from govsite.services.models import (
    Faq,
    GuidePolicy,
    Material,
    ProcessStep,
    ServiceCataloguePage,
    ServiceGuidePage,
)


def catalogue(record, column: str = "办事服务", **fields) -> ServiceCataloguePage:
    return publish(column_of(record, column), ServiceCataloguePage(**{"title": "办事指南", **fields}))


def complete_guide(parent, title: str, *, user_types=("person",), themes=("education",), **fields) -> ServiceGuidePage:
    """A guide with every element of V1 and the links of V2."""
    values = {
        "title": title, "matter_code": "11532504MB0000000X-001", "matter_type": "public_service",
        "implementing_unit": "测试市教育体育局基础教育科", "user_types": list(user_types), "themes": list(themes),
        "basis": "<p>《中华人民共和国义务教育法》第十二条</p>", "conditions": "<p>适龄儿童户籍在本市</p>",
        "place": "测试市政务服务中心二楼12号窗口", "hours": "工作日 9:00-12:00，14:30-17:30", "phone": "0873-6000004",
        "is_free": True, "statutory_days": 20, "promised_days": 5, "online_url": "https://zwfw.yn.gov.cn/item/1",
        "fully_online": True, "consultation_phone": "0873-6000005", "complaint_phone": "0873-12345",
        "complaint_url": "https://www.ceshi.gov.cn/hudong/", "supervision_phone": "0873-6000009", **fields,
    }
    guide = ServiceGuidePage(**values)
    guide.materials = [Material(name="户口簿", basis="《户口登记条例》", form="both", copies=2,
                                signature="复印件须本人签字", required=True)]
    guide.steps = [ProcessStep(name="申请", description="网上或窗口提交材料"), ProcessStep(name="受理"),
                   ProcessStep(name="办结")]
    guide.faqs = [Faq(question="非本市户籍能否申请？", answer="可凭居住证申请。")]
    return publish(parent, guide)


def bare_guide(parent, title: str, **fields) -> ServiceGuidePage:
    """A guide with its name, unit and place only: most key elements are missing."""
    return publish(parent, ServiceGuidePage(title=title, implementing_unit="测试市教育体育局", place="政务服务中心",
                                            user_types=["legal"], themes=["qualification"], **fields))


def link_policy(guide: ServiceGuidePage, record) -> None:
    doc = policy(column_of(record, "政策文件"), "测试市义务教育招生入学办法")
    guide.related_policies = [GuidePolicy(policy=doc)]
    guide.save_revision().publish()


@pytest.fixture
def jtj_catalogue(department):
    return catalogue(department)
