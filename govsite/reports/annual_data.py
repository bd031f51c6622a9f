"""The cells of the annual website report (R1) that the platform counts for one site and year, each with its
source ("来源") as the admin shows it, and the annex of information published per column.

A year is the calendar year in the platform's time zone (Asia/Shanghai).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from govsite.columns.models import ColumnPage
from govsite.content.models import ContentPage, InterpretationPage, TopicPage
from govsite.incidents.models import Drill
from govsite.interaction.models import Letter
from govsite.monitoring.models import Inspection, Probe, Rectification
from govsite.participation.models import InterviewQuestion, Survey
from govsite.registry.models import SiteRecord

from . import annual_form as form

OVERVIEW_TYPES = ("概况信息", "机构职能", "负责人信息")
DYNAMICS_TYPES = ("工作动态",)
DISCLOSURE_TYPES = ("信息公开目录",)
RESPONSE_TYPES = ("回应关切",)
FIXED_STATUSES = ("fixed", "verified")
SOURCES = {
    "site_name": _("网站信息登记"),
    "home_url": _("网站信息登记（英文域名）"),
    "sponsor": _("网站信息登记"),
    "site_type": _("网站信息登记"),
    "site_id_code": _("网站信息登记"),
    "icp_number": _("网站信息登记"),
    "psb_number": _("网站信息登记"),
    "unique_visitors": _("访问统计，本年度独立访客数"),
    "page_views": _("访问统计，本年度页面浏览量"),
    "items_total": _("平台已发布信息（不含专题页本身），按发布日期统计"),
    "items_overview": _("栏目类型为概况信息、机构职能、负责人信息的栏目中本年度发布的信息"),
    "items_dynamics": _("栏目类型为工作动态的栏目中本年度发布的信息"),
    "items_disclosure": _("栏目类型为信息公开目录的栏目中本年度发布的信息"),
    "topics_maintained": _("截至年底已发布的专题（按发布日期）"),
    "topics_new": _("本年度发布的专题（按发布日期）"),
    "interpretations_total": _("解读材料、解读产品与媒体评论文章数量之和"),
    "interpretation_materials": _("本年度发布的文字解读"),
    "interpretation_products": _("本年度发布的图表、音频、视频、动漫解读"),
    "responses": _("栏目类型为回应关切的栏目中本年度发布的信息"),
    "service_catalogue": _("办事服务：服务事项目录是否已发布"),
    "service_matters": _("办事服务：政务服务事项"),
    "online_matters": _("办事服务：可全程网办的政务服务事项"),
    "cases_total": _("办事服务：本年度办件统计"),
    "cases_person": _("办事服务：本年度自然人办件"),
    "cases_legal": _("办事服务：本年度法人办件"),
    "unified_platform": _("本平台为全市集约化平台，留言由统一的政民互动系统受理"),
    "letters_received": _("政民互动：本年度受理的留言"),
    "letters_completed": _("政民互动：本年度受理且已答复的留言"),
    "letters_average_days": _("政民互动：已答复留言的平均办理用时（工作日）"),
    "letters_public": _("政民互动：已答复并公开的留言"),
    "surveys": _("征集调查：本年度发布的期数"),
    "survey_opinions": _("征集调查：本年度发布的各期收到的意见"),
    "survey_results": _("征集调查：本年度发布且已公布结果的期数"),
    "interviews": _("在线访谈：本年度开始的已发布访谈"),
    "interview_questions": _("在线访谈：上述访谈收到的网民提问"),
    "interview_answers": _("在线访谈：上述访谈中已答复的提问"),
    "security_checks": _("网站监测：本年度每日检查（巡检）次数"),
    "problems_found": _("网站监测：本年度发现并列入整改清单的问题"),
    "problems_fixed": _("网站监测：上述问题中已整改的"),
    "monitoring": _("网站监测：本年度有可用性探测记录即为“是”"),
    "drills": _("应急演练记录（全平台统一组织）：本年度有演练即为“是”"),
}


@dataclass(frozen=True)
class ColumnCount:
    """One row of the annex: a column, its type and the items published in it during the year."""

    title: str
    column_type: str
    count: int


@dataclass(frozen=True)
class Computed:
    values: dict[str, object]
    columns: tuple[ColumnCount, ...]
    outside: int  # items under no column (e.g. in a topic on the home page)


def _site_root(record: SiteRecord):
    return record.site.root_page


def basic(record: SiteRecord) -> dict[str, object]:
    """基本信息 from the registry record."""
    return {
        "site_name": record.name, "home_url": f"https://{record.domain}/", "sponsor": record.sponsor,
        "site_type": record.get_site_type_display(), "site_id_code": record.site_id_code,
        "icp_number": record.icp_number, "psb_number": record.psb_number,
    }


def visits(record: SiteRecord, year: int) -> dict[str, object]:
    """独立用户访问总量 and 网站总访问量 from the analytics app."""
    from govsite.analytics.stats import visits_in_year

    totals = visits_in_year(record, year)
    return {"unique_visitors": totals.unique_visitors, "page_views": totals.page_views}


def services(record: SiteRecord, year: int) -> dict[str, object]:
    """办事服务 from the service catalogue app."""
    from govsite.services.stats import service_counts

    counts = service_counts(record, year)
    return {
        "service_catalogue": bool(counts.catalogue_published), "service_matters": counts.matters,
        "online_matters": counts.online_matters, "cases_total": counts.cases_total,
        "cases_person": counts.cases_person, "cases_legal": counts.cases_legal,
    }


def items_in_year(record: SiteRecord, year: int):
    """Live items of the site published during the year; a topic page itself is not an item."""
    return (ContentPage.objects.live().descendant_of(_site_root(record)).not_type(TopicPage)
            .filter(published_at__year=year))


def publishing(record: SiteRecord, year: int) -> tuple[dict[str, object], tuple[ColumnCount, ...], int]:
    """信息发布, 回应关切 and the per-column annex, in one pass over the year's item paths."""
    columns = list(ColumnPage.objects.descendant_of(_site_root(record)).order_by("path")
                   .values_list("path", "title", "column_type"))
    counts, outside = form.count_by_column(items_in_year(record, year).values_list("path", flat=True),
                                           [path for path, _title, _type in columns])
    titles = {path: title for path, title, _type in columns}
    annex = tuple(ColumnCount(form.title_path(path, titles), column_type, counts[path])
                  for path, _title, column_type in columns)

    def of_types(types: tuple[str, ...]) -> int:
        return sum(row.count for row in annex if row.column_type in types)

    values = {
        "items_total": sum(counts.values()) + outside, "items_overview": of_types(OVERVIEW_TYPES),
        "items_dynamics": of_types(DYNAMICS_TYPES), "items_disclosure": of_types(DISCLOSURE_TYPES),
        "responses": of_types(RESPONSE_TYPES),
    }
    return values, annex, outside


def topics_and_interpretations(record: SiteRecord, year: int) -> dict[str, object]:
    """专栏专题 (topic pages) and 解读 (interpretation pages by form)."""
    root = _site_root(record)
    topics = TopicPage.objects.live().descendant_of(root).filter(published_at__year__lte=year)
    interpretations = InterpretationPage.objects.live().descendant_of(root).filter(published_at__year=year)
    text = InterpretationPage.Form.TEXT
    return {
        "topics_maintained": topics.count(), "topics_new": topics.filter(published_at__year=year).count(),
        "interpretation_materials": interpretations.filter(form=text).count(),
        "interpretation_products": interpretations.exclude(form=text).count(),
    }


def letters(record: SiteRecord, year: int) -> dict[str, object]:
    """留言办理: letters received through the site during the year, those answered, their time, public ones."""
    received = Letter.objects.filter(site=record, received_on__year=year)
    answered = Q(status=Letter.Status.ANSWERED)
    totals = received.aggregate(
        received=Count("pk"), completed=Count("pk", filter=answered),
        public=Count("pk", filter=answered & Q(publicity=Letter.Publicity.PUBLIC)),
        days=Avg("working_days", filter=answered),
    )
    average = round(float(totals["days"]), 1) if totals["days"] is not None else 0
    return {
        "unified_platform": True, "letters_received": totals["received"],
        "letters_completed": totals["completed"], "letters_average_days": average,
        "letters_public": totals["public"],
    }


def participation(record: SiteRecord, year: int) -> dict[str, object]:
    """征集调查 and 在线访谈 published during the year."""
    surveys = Survey.objects.live().filter(record=record, published_at__year=year)
    questions = InterviewQuestion.objects.filter(interview__record=record, interview__live=True,
                                                 interview__starts_at__year=year)
    return {
        "surveys": surveys.count(),
        "survey_opinions": surveys.aggregate(n=Count("submissions"))["n"],
        "survey_results": surveys.filter(results_published_at__isnull=False).count(),
        "interviews": record.interviews.filter(live=True, starts_at__year=year).count(),
        "interview_questions": questions.count(),
        "interview_answers": questions.filter(answered_at__isnull=False).count(),
    }


def security(record: SiteRecord, year: int) -> dict[str, object]:
    """安全防护 from the daily inspections, the rectification list, the probes and the drills."""
    problems = Rectification.objects.filter(record=record, found_on__year=year)
    return {
        "security_checks": Inspection.objects.filter(record=record, day__year=year).count(),
        "problems_found": problems.count(),
        "problems_fixed": problems.filter(status__in=FIXED_STATUSES).count(),
        "monitoring": Probe.objects.filter(record=record, at__year=year).exists(),
        "drills": Drill.objects.filter(held_on__year=year).exists(),
    }


def compute(record: SiteRecord, year: int) -> Computed:
    """Every counted cell of the report for the site and year."""
    published, annex, outside = publishing(record, year)
    values = {
        **basic(record), **visits(record, year), **published, **topics_and_interpretations(record, year),
        **services(record, year), **letters(record, year), **participation(record, year),
        **security(record, year),
    }
    return Computed(values, annex, outside)
