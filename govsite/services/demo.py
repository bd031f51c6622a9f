"""Demo service guides of 弥勒市 (V1-V3): catalogues on the portal and two departments, complete guides in
several themes for persons and legal persons, one guide missing elements on purpose (monitoring finds it),
and four months of case statistics (R1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents import get_document_model

from govsite.columns.models import ColumnPage
from govsite.content.models import PolicyPage
from govsite.core.documents import Part, parts_docx

from .models import (
    Faq,
    GuidePolicy,
    Material,
    ProcessStep,
    ServiceCataloguePage,
    ServiceGuidePage,
    ServiceStatistic,
)

if TYPE_CHECKING:
    from govsite.registry.models import SiteRecord

PLATFORM = "https://zwfw.yn.gov.cn/"
STEPS = (("申请", "申请人通过云南政务服务网或到窗口提交申请材料"), ("受理", "窗口当场审查材料，出具受理或不予受理通知书"),
         ("审查", "承办科室审查并作出决定"), ("办结", "制发证照或结果文书，可邮寄送达"))


@dataclass(frozen=True)
class DemoGuide:
    title: str
    code: str
    matter_type: str
    unit: str
    user_types: tuple[str, ...]
    themes: tuple[str, ...]
    basis: str
    conditions: str
    materials: tuple[tuple[str, str, int], ...]  # name, form, copies
    statutory_days: int | None
    promised_days: int | None
    fully_online: bool = True
    faqs: tuple[tuple[str, str], ...] = ()
    complete: bool = True
    fee_standard: str = ""
    topic: str = ""  # a topic of the demo corpus: the site's policy on it, if any, is linked as related (V2)


PORTAL_GUIDES = (
    DemoGuide("企业开办（设立登记）", "11532504MB1234567X-0001", "license", "弥勒市市场监督管理局",
              ("legal",), ("business_start",), "《中华人民共和国市场主体登记管理条例》第三条",
              "申请人具有完全民事行为能力，名称经自主申报通过", (("公司登记（备案）申请书", "original", 1),
                                                 ("公司章程", "original", 1), ("股东身份证明", "copy", 1)),
              15, 1, faqs=(("企业开办需要多长时间？", "材料齐全的，1个工作日内办结营业执照、印章和发票申领。"),),
              topic="营商环境"),
    DemoGuide("城乡居民基本养老保险参保登记", "11532504MB1234567X-0002", "public_service", "弥勒市社会保险中心",
              ("person",), ("social_security",), "《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
              "年满16周岁（不含在校学生），非国家机关和事业单位工作人员，不属于职工基本养老保险覆盖范围的城乡居民",
              (("居民身份证", "original", 1), ("户口簿", "copy", 1)), 10, 0, fully_online=False),
)
DEPARTMENT_GUIDES = {
    "jtj": (
        DemoGuide("义务教育阶段入学登记", "11532504MB0000004X-0001", "public_service", "弥勒市教育体育局基础教育股",
                  ("person",), ("education",), "《中华人民共和国义务教育法》第十二条",
                  "适龄儿童、少年户籍或父母一方居住证在本市", (("户口簿", "both", 1), ("不动产权证书或租赁合同", "copy", 1)),
                  20, 5, faqs=(("非本市户籍能否申请？", "父母一方持本市居住证的，可向居住地学校申请。"),),
                  topic="义务教育"),
        DemoGuide("教师资格认定", "11532504MB0000004X-0002", "license", "弥勒市教育体育局人事股",
                  ("person",), ("certificates", "education"), "《教师资格条例》第十三条",
                  "具有规定学历，普通话水平达到二级乙等以上，教师资格考试合格", (("教师资格认定申请表", "original", 1),
                                                           ("体检合格证明", "original", 1)), 30, 20),
        DemoGuide("民办学校办学许可", "11532504MB0000004X-0003", "license", "弥勒市教育体育局", ("legal",),
                  ("qualification", "education"), "", "", (), None, None, fully_online=False, complete=False),
    ),
    "wjj": (
        DemoGuide("医师执业注册", "11532504MB0000005X-0001", "license", "弥勒市卫生健康局医政股",
                  ("person",), ("medical", "certificates"), "《中华人民共和国医师法》第十三条",
                  "取得医师资格，经执业医疗机构同意", (("医师执业注册申请审核表", "original", 1),
                                          ("近6个月内的健康体检证明", "original", 1)), 20, 10),
        DemoGuide("公共场所卫生许可", "11532504MB0000005X-0002", "license", "弥勒市卫生健康局综合监督执法股",
                  ("legal",), ("qualification",), "《公共场所卫生管理条例》第八条",
                  "具有符合卫生要求的场所、设施和卫生管理制度", (("卫生许可证申请书", "original", 1),
                                              ("营业执照", "copy", 1)), 20, 10),
    ),
}
STATISTICS = {"portal": (5200, 0.7), "jtj": (420, 0.92), "wjj": (860, 0.8)}


def _html(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def _form(record: SiteRecord, title: str):
    """A blank form as a real Word file in the site's collection."""
    document = get_document_model()(title=title, collection=record.collection)
    content = parts_docx(title, [Part("填写说明", f"请如实填写{title}各栏，签字后提交。")])
    document.file.save(f"{title}.docx", ContentFile(content), save=True)
    return document


def _guide(record: SiteRecord, spec: DemoGuide, now: dt.datetime, policy: PolicyPage | None) -> ServiceGuidePage:
    complete = spec.complete
    guide = ServiceGuidePage(
        title=spec.title, matter_code=spec.code, matter_type=spec.matter_type, implementing_unit=spec.unit,
        user_types=list(spec.user_types), themes=list(spec.themes), basis=_html(spec.basis),
        conditions=_html(spec.conditions), published_at=now - dt.timedelta(days=30),
        place="弥勒市政务服务中心一楼综合窗口" if complete else "弥勒市政务服务中心",
        hours="周一至周五 9:00-12:00，14:30-17:30（法定节假日除外）" if complete else "",
        phone=record.contact_phone if complete else "", is_free=complete and not spec.fee_standard,
        fee_standard=spec.fee_standard, statutory_days=spec.statutory_days, promised_days=spec.promised_days,
        online_url=PLATFORM if spec.fully_online else "", fully_online=spec.fully_online,
        consultation_phone=record.contact_phone, complaint_phone="12345", supervision_phone="0873-6123000",
        source=record.name,
    )
    guide.materials = [
        Material(name=name, form=form, copies=copies, basis=spec.basis, signature="申请人签字" if i == 0 else "",
                 blank_form=_form(record, name) if i == 0 and form == "original" else None)
        for i, (name, form, copies) in enumerate(spec.materials)
    ]
    guide.steps = [ProcessStep(name=n, description=d) for n, d in STEPS] if complete else []
    guide.faqs = [Faq(question=q, answer=a) for q, a in spec.faqs]
    if policy is not None and complete:
        guide.related_policies = [GuidePolicy(policy=policy)]
    return guide


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _catalogue(record: SiteRecord, key: str, now: dt.datetime) -> ServiceCataloguePage:
    """The catalogue in the site's 办事服务 column; the portal, whose 政务服务 column only links, gets its own."""
    home = record.site.root_page
    if key == "portal":
        parent = ColumnPage.objects.descendant_of(home).get(title="政务公开")
        column = _publish(parent, ColumnPage(title="办事指南", slug="bszn", column_type="办事服务",
                                             description="全市政务服务事项办事指南", responsible_unit="弥勒市政务服务管理局"))
    else:
        column = ColumnPage.objects.descendant_of(home).filter(column_type="办事服务", link_url="").first()
    return _publish(column, ServiceCataloguePage(
        title="办事指南目录", slug="bsznml", platform_url=PLATFORM,
        intro=_html("按服务对象和主题查找办事指南；在线办理请前往云南政务服务网。")))


def _statistics(record: SiteRecord, key: str, today: dt.date) -> None:
    base, person_share = STATISTICS[key]
    year, month = today.year, today.month
    for back in range(1, 5):
        m = (month - back - 1) % 12 + 1
        y = year + (month - back - 1) // 12
        total = base + back * 37
        ServiceStatistic.objects.create(record=record, year=y, month=m, cases_total=total,
                                        cases_person=round(total * person_share),
                                        cases_legal=total - round(total * person_share))


def load_demo(records: dict[str, SiteRecord], now: dt.datetime) -> None:
    """Catalogues, guides and statistics on the portal, 教体局 and 卫健局."""
    for key, specs in (("portal", PORTAL_GUIDES), *DEPARTMENT_GUIDES.items()):
        record = records.get(key)
        if record is None:  # a smaller city (the tests) lacks some departments
            continue
        catalogue = _catalogue(record, key, now)
        policies = PolicyPage.objects.live().descendant_of(record.site.root_page)
        for spec in specs:
            policy = policies.filter(title__contains=spec.topic).first() if spec.topic else None
            _publish(catalogue, _guide(record, spec, now, policy))
        _statistics(record, key, now.date())
