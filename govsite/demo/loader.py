"""Loads the demo city: sites, column trees, users for every role, content over the past year."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model

from govsite.accounts import passwords
from govsite.analytics.demo import load_demo as load_analytics
from govsite.columns.models import ColumnPage
from govsite.content.models import (
    ArticlePage,
    ContentAttachment,
    ContentPage,
    InterpretationPage,
    PolicyPage,
    TopicPage,
)
from govsite.core.setup import prepare_platform
from govsite.disclosure.demo import load_demo as load_disclosure
from govsite.disclosure.demo import open_offices
from govsite.disclosure.models import CatalogueEntry
from govsite.disclosure.rules import proactive_due
from govsite.interaction.demo import load_demo as load_letters
from govsite.opendata.demo import load_demo as load_opendata
from govsite.participation.demo import load_demo as load_participation
from govsite.publishing.signals import suspended as publishing_suspended
from govsite.publishing.tasks import rebuild_site
from govsite.registry.models import SiteRecord
from govsite.registry.opening import open_site
from govsite.reports.demo import load_demo as load_website_report
from govsite.review.models import RoleGroup
from govsite.review.roles import PLATFORM_ROLES, UNIT_ROLES
from govsite.services.demo import load_demo as load_services
from govsite.workdays.service import CALENDAR

from . import corpus
from .city import BUSY_COLUMNS, EMPTY_COLUMNS, SITES, STALE_COLUMNS, DemoSite


@dataclass
class DemoAccount:
    username: str
    role: str
    site: str
    password: str


def _serving_host(site: DemoSite, host: str) -> str:
    return f"{site.hostname_label}.localhost" if site.hostname_label else host


def _open_sites(host: str, port: int) -> dict[str, SiteRecord]:
    records: dict[str, SiteRecord] = {}
    for demo in SITES:
        fields = dict(demo.fields)
        if demo.parent:
            fields["parent"] = records[demo.parent]
        records[demo.key] = open_site(
            fields,
            hostname=_serving_host(demo, host),
            port=port,
            template=demo.template,
            city=demo.city,
            is_default=demo.parent is None,
        )
    return records


def _create_users(records: dict[str, SiteRecord]) -> list[DemoAccount]:
    """One account per platform role, and per unit role on the portal and one department."""
    User = get_user_model()
    accounts: list[DemoAccount] = []
    plans = [(role, None, role.value) for role in PLATFORM_ROLES]
    for key in ("portal", "fgj"):
        plans += [(role, records[key], f"{key}_{role.value}") for role in UNIT_ROLES]
    for role, record, username in plans:
        password = passwords.generate()
        user = User.objects.create_user(username=username, password=password)
        user.first_name = role.label
        user.last_name = record.name if record else "平台"
        user.save()
        user.groups.add(RoleGroup.objects.get(role=role, record=record).group)
        accounts.append(DemoAccount(username, role.label, record.name if record else "全平台", password))
    return accounts


def _body_html(item: corpus.DemoItem) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)


def _attachment(record: SiteRecord, title: str):
    """A real XLSX attachment in the site's own collection."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "申报表"
    sheet.append(["序号", "单位名称", "联系人", "联系电话", "备注"])
    sheet.append([1, record.sponsor, "", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    document = get_document_model()(title=title, collection=record.collection)
    document.file.save("shenbaobiao.xlsx", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def _publish(column: ColumnPage, page: ContentPage, when: dt.datetime) -> None:
    column.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    aware = timezone.make_aware(when) if timezone.is_naive(when) else when
    ContentPage.objects.filter(pk=page.pk).update(
        first_published_at=aware, last_published_at=aware, latest_revision_created_at=aware
    )
    # A catalogue item of the story was formed and published on its day, within Art. 26's limit.
    CatalogueEntry.objects.filter(page=page).update(formed_on=aware.date(), published_on=aware.date(),
                                                    due_on=proactive_due(CALENDAR, aware.date()).due)


def _page_for(item: corpus.DemoItem, record: SiteRecord, policies: dict[str, PolicyPage]):
    when = timezone.make_aware(item.published_at)
    common = dict(
        title=item.title,
        published_at=when,
        source=item.source,
        author=item.author,
        summary=item.summary,
        body=_body_html(item),
    )
    if item.kind == "policy":
        return PolicyPage(
            **common,
            issuing_authority=item.issuing_authority,
            document_number=item.document_number,
            written_date=item.written_date,
            topic_category=item.topic_category,
            index_number=f"{record.site_id_code[:6]}/{item.published_at:%Y}-{len(policies) + 1:05d}",
        )
    if item.kind == "interpretation":
        return InterpretationPage(**common, policy=policies.get(item.interprets))
    kind = ArticlePage.Kind.NOTICE if item.kind == "notice" else ArticlePage.Kind.NEWS
    return ArticlePage(**common, kind=kind)


def _fill_columns(key: str, record: SiteRecord, rng: random.Random, now: dt.datetime) -> int:
    """Content for every leaf column of a site; some stale, one empty, on purpose."""
    home = record.site.root_page
    leaves = [
        c for c in ColumnPage.objects.descendant_of(home).order_by("path")
        if not c.link_url and not c.feature and not c.get_children().exists()
    ]
    policies: dict[str, PolicyPage] = {}
    policy_items: list[corpus.DemoItem] = []
    count = 0
    # Policies first, so interpretations can link to them (P2).
    leaves.sort(key=lambda c: c.column_type == "政策解读")
    for column in leaves:
        if (key, column.title) in EMPTY_COLUMNS:
            continue
        n = BUSY_COLUMNS.get(column.title, 2 if rng.random() < 0.25 else 1)
        stale = (key, column.title) in STALE_COLUMNS
        end = now - dt.timedelta(days=120) if stale else now - dt.timedelta(hours=2)
        if column.column_type == "政策解读" and policy_items:
            items = [
                corpus.interpretation_of(policy_item, record.sponsor, rng)
                for policy_item in rng.sample(policy_items, min(n, len(policy_items)))
            ]
        else:
            items = corpus.generate_items(
                column_title=column.title,
                column_type=column.column_type,
                unit=record.sponsor,
                city="弥勒市",
                count=n,
                start=now - dt.timedelta(days=360),
                end=end,
                rng=rng,
            )
        for item in items:
            if item.published_at > now:
                item = replace(item, published_at=now)
            page = _page_for(item, record, policies)
            if isinstance(page, PolicyPage) and rng.random() < 0.3:
                page.attachments.add(ContentAttachment(document=_attachment(record, f"附件：{item.title[:40]}申报表")))
            _publish(column, page, item.published_at)
            if isinstance(page, PolicyPage):
                policies[page.title] = page
                policy_items.append(item)
            count += 1
    return count


def _open_topic(record: SiteRecord, rng: random.Random, now: dt.datetime) -> TopicPage:
    """A special topic (专题) in the portal's topic column, with a few news items of its own."""
    column = ColumnPage.objects.descendant_of(record.site.root_page).filter(column_type="专题专栏").first()
    opened = now - dt.timedelta(days=90)
    topic = TopicPage(title="优化营商环境专题", slug="yshjzt", published_at=timezone.make_aware(opened),
                      summary="弥勒市优化营商环境的政策举措、工作动态和办事指引。",
                      body="<p>本专题集中发布弥勒市优化营商环境的政策举措和工作进展。</p>")
    _publish(column, topic, opened)
    items = corpus.generate_items(column_title="工作动态", column_type="工作动态", unit=record.sponsor,
                                  city="弥勒市", count=3, start=opened, end=now - dt.timedelta(hours=3), rng=rng)
    for item in items:
        _publish(topic, _page_for(item, record, {}), item.published_at)
    return topic


def load_demo(*, host: str, port: int, seed: int, progress: Callable[[str], None]) -> list[DemoAccount]:
    """Build the whole demo city in one transaction; refuses to run on a non-empty platform."""
    if SiteRecord.objects.exists():
        raise RuntimeError("平台中已有网站，演示数据只能装入空平台")
    rng = random.Random(seed)
    now = timezone.localtime().replace(tzinfo=None)
    with transaction.atomic(), publishing_suspended():
        prepare_platform()
        records = _open_sites(host, port)
        open_offices(records)  # before any content: catalogue items are numbered with the units' codes
        progress(f"已开设 {len(records)} 个网站并按模板建好栏目")
        for key, record in records.items():
            n = _fill_columns(key, record, rng, now)
            progress(f"{record.name}：发布 {n} 条信息")
        topic = _open_topic(records["portal"], rng, now)
        progress(f"专题：{topic.title}")
        accounts = _create_users(records)
        letters = load_letters(records, timezone.now(), rng)
        progress(f"政民互动：{letters} 件来信（分拣、转办、答复、延期、超期各有示例）、知识库和网站纠错")
        load_participation(records, timezone.now())
        progress("征集调查、在线访谈、人大代表建议和政协提案")
        load_services(records, timezone.now())
        progress("办事服务：门户和教体局、卫健局的办事指南目录、办事指南（一个要素缺失）和办件统计")
        requests = load_disclosure(records, timezone.now())
        progress(f"政府信息公开：各单位信息公开工作机构，{requests} 件依申请公开（答复、补正、征求意见、延期、超期各有示例）")
        progress(f"数据开放：{load_opendata(records, timezone.now())} 个数据集，人口、经济、财政数据附统计图表")
        load_analytics(records, timezone.now())
        progress("访问统计：各网站近120天的浏览量和访客数（发改局“领导信息”栏目持续低访问量）")
        progress(f"政府网站年度工作报表：门户网站 {load_website_report(records, timezone.now())} 年度报表已发布")
    for record in records.values():
        rebuild_site.enqueue(record.site.pk)  # the static trees, built by the worker
    progress("已加入静态页面生成任务（由后台任务进程执行）")
    return accounts
