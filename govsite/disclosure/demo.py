"""The demo city's disclosure offices and applications, taken through the real steps at the times of
their story, so that their clocks, logs and timelines are what the platform itself produces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.cn import uscc

from govsite.core.clock import clock_at

from . import requests
from .models import DisclosureOffice
from .rules import ApplicantType, GovernmentLevel, Outcome


def unit_code(site_id_code: str) -> str:
    """A well-formed 统一社会信用代码 for a demo unit (机关 11 + 行政区划 532504 + the site's number)."""
    body = f"11532504{site_id_code[-4:]}MB{site_id_code[-4:]}"[:17]
    return body + uscc.calc_check_digit(body)


def open_offices(records: dict) -> None:
    """Every demo site's disclosure office: the portal's is the city government's."""
    for key, record in records.items():
        level = {"portal": GovernmentLevel.CITY, "district": GovernmentLevel.TOWNSHIP}.get(
            key, GovernmentLevel.DEPARTMENT)
        DisclosureOffice.objects.create(
            record=record, agency_name=record.sponsor if key != "portal" else "弥勒市人民政府",
            unit_code=unit_code(record.site_id_code), level=level, office_name=f"{record.sponsor}政务公开办公室",
            address=record.contact_address or "弥勒市髯翁路市级行政中心", phone=record.contact_phone,
            postcode="652300", email=record.contact_email or record.person_email,
        )


@dataclass(frozen=True)
class DemoRequest:
    applicant: ApplicantType
    name: str
    description: str
    story: str  # answered | consulting | correction | extended | submitted | overdue
    days_ago: int
    outcome: Outcome | None = None
    reply: str = ""


A, R = ApplicantType, Outcome
REQUESTS = (
    DemoRequest(A.NATURAL_PERSON, "李明", "2025年弥勒市城区老旧小区改造项目的立项批复文件", "answered", 80, R.GRANTED,
                "现将《关于弥勒市2025年城区老旧小区改造项目立项的批复》提供给您，请查收附件。"),
    DemoRequest(A.BUSINESS, "弥勒市宏达建材有限公司", "本市2026年政府集中采购目录及采购限额标准", "answered", 60, R.PARTLY_GRANTED,
                "采购目录和限额标准已在本机关网站主动公开（政府信息公开—法定主动公开内容—政府集中采购）；其中涉及在编项目预算的内容属于过程性信息，不予公开。"),
    DemoRequest(A.NATURAL_PERSON, "王秀英", "某小区业主名单及联系电话", "answered", 50, R.WITHHELD_THIRD_PARTY,
                "您申请的信息涉及他人个人隐私，公开会对第三方合法权益造成损害，本机关决定不予公开。"),
    DemoRequest(A.LEGAL_SERVICE, "云南某律师事务所", "2019年某地块土地征收补偿安置方案", "answered", 40, R.UNAVAILABLE_NOT_HELD,
                "经检索，本机关未制作或获取该信息。土地征收补偿安置方案由市自然资源局负责，您可以向该机关申请。"),
    DemoRequest(A.NATURAL_PERSON, "张伟", "请确认我家房屋是否在拆迁范围内", "answered", 30, R.NOT_PROCESSED_CONFIRMATION,
                "您的申请属于要求行政机关确认有关事实，不属于政府信息公开申请的范围。"),
    DemoRequest(A.RESEARCH, "云南某大学公共管理学院", "2021年至2025年弥勒市财政预决算汇总数据", "consulting", 12),
    DemoRequest(A.NATURAL_PERSON, "陈静", "关于那个文件", "correction", 9),
    DemoRequest(A.PUBLIC_INTEREST, "弥勒市环保志愿者协会", "2026年湖泉片区环境监测数据", "extended", 18),
    DemoRequest(A.NATURAL_PERSON, "刘洋", "2026年城乡居民医保财政补助资金分配文件", "submitted", 1),
    DemoRequest(A.OTHER_ORGANISATION, "某村民委员会", "2025年本村高标准农田建设项目验收资料", "overdue", 45),
)


def _story(item: DemoRequest, req, handler, head, start: dt.datetime) -> None:
    """Take the application as far as its story goes, a day or two per step."""
    if item.story == "submitted":
        return
    confirmed = start + dt.timedelta(days=1)
    with clock_at(confirmed):
        requests.confirm_receipt(req, handler, timezone.localdate(confirmed))
    days = iter(start + dt.timedelta(days=n) for n in (3, 5, 8, 11))
    if item.story == "overdue":
        return
    if item.story == "correction":
        with clock_at(next(days)):
            requests.request_correction(req, handler, "请写明所需文件的名称、文号或形成时间等特征描述",
                                        timezone.localdate(start) + dt.timedelta(days=30))
        return
    if item.story == "consulting":
        sent = next(days)
        with clock_at(sent):
            requests.start_consultation(req, handler, "弥勒市财政局", timezone.localdate(sent))
        return
    if item.story == "extended":
        with clock_at(next(days)):
            extension = requests.request_extension(req, handler, 15, "监测数据分散在多个站点，需汇总核对")
        with clock_at(next(days)):
            requests.decide_extension(extension, head, True)
        return
    with clock_at(next(days)):
        requests.draft_reply(req, handler, item.outcome, item.reply)
    with clock_at(next(days)):
        requests.sign_reply(req, head)


def load_demo(records: dict, now: dt.datetime) -> int:
    """The portal's applications in every state (the offices are opened with the sites)."""
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=("portal_disclosure_handler", "portal_disclosure_head"))}
    handler, head = users["portal_disclosure_handler"], users["portal_disclosure_head"]
    for n, item in enumerate(REQUESTS):
        start = now - dt.timedelta(days=item.days_ago)
        with clock_at(start):
            req, _password = requests.submit(
                records["portal"], applicant=requests.Applicant(item.applicant, item.name, f"1390873{n:04d}",
                                                                 email=f"applicant{n}@example.cn"),
                description=item.description)
        _story(item, req, handler, head, start)
    return len(REQUESTS)
