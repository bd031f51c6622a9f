"""The annual disclosure report (R2; 国办公开办函〔2021〕30号): prepared from the platform's records, edited by
the unit's disclosure office, published by its head as a page of the site's 年度报告 column.

Every step runs in one transaction and is written to the report's log (mirrored into the audit chain).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.content.reports import publish_report, word_document
from govsite.interaction.access import supervises, units_where
from govsite.registry.models import SiteRecord
from govsite.registry.rules import SiteType
from govsite.review.roles import Role

from . import annual
from .models import AnnualReport, CatalogueEntry, InformationRequest, agency_name, office_of
from .rules import ApplicantType, GovernmentLevel, Outcome, annual_report_due

PUBLISH_PERMISSION = "disclosure.publish_annualreport"
REPORT_COLUMN = ("政府信息公开", "年度报告", "信息公开年报")  # parent title, title, column type
FIRST_YEAR = 2008  # the 条例 of 2007 took effect on 1 May 2008: the first year reported on
# The part-two cells typed by hand (decisions and fees are not on the platform); kept on every refresh.
DECISION_KEYS = tuple(key for key, _article, _label in annual.PART_TWO_DECISIONS)
FEES_KEY = annual.PART_TWO_FEES[0]
PART_TWO_HAND_KEYS = (*DECISION_KEYS, FEES_KEY)
SITE_LEVELS = {
    SiteType.PORTAL: GovernmentLevel.CITY,
    SiteType.DISTRICT_PORTAL: GovernmentLevel.COUNTY,
}
LOG_ACTIONS = {
    "govsite.disclosure.report_prepare": "生成或刷新政府信息公开工作年度报告",
    "govsite.disclosure.report_edit": "修改政府信息公开工作年度报告",
    "govsite.disclosure.report_recompute": "按申请数据重新计算年度报告第三部分",
    "govsite.disclosure.report_export": "导出政府信息公开工作年度报告",
    "govsite.disclosure.report_publish": "发布政府信息公开工作年度报告",
}


class Refused(Exception):
    """A report step refused, with each reason as one Chinese sentence."""

    def __init__(self, reasons: list[str]):
        super().__init__("；".join(reasons))
        self.reasons = reasons


def year_error(year: int) -> str | None:
    """Why a year cannot have a report: before the 条例 or not yet begun."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        return _("年度应为 %(first)s 至 %(last)s 之间的年份") % {"first": FIRST_YEAR, "last": timezone.localdate().year}
    return None


# Who may do what: the unit's disclosure office drafts, its head publishes, the portal office oversees.

def sites_for(user) -> QuerySet[SiteRecord]:
    """Every site for the portal office; the user's units for the disclosure roles."""
    if supervises(user):
        return SiteRecord.objects.all()
    return SiteRecord.objects.filter(pk__in=units_where(user, Role.DISCLOSURE_HANDLER, Role.DISCLOSURE_HEAD))


def reports_for(user) -> QuerySet[AnnualReport]:
    """The reports of the sites the user sees."""
    return AnnualReport.objects.filter(record__in=sites_for(user))


def prepares(user, record: SiteRecord) -> bool:
    """The unit's disclosure office, or the portal office for any site, may generate and refresh a report."""
    return supervises(user) or record.pk in units_where(user, Role.DISCLOSURE_HANDLER)


def edits(user, record: SiteRecord) -> bool:
    """Only the unit's disclosure office writes its report."""
    return record.pk in units_where(user, Role.DISCLOSURE_HANDLER)


def publishes(user, record: SiteRecord) -> bool:
    """The unit's 信息公开负责人 publishes its report (R2)."""
    return user.has_perm(PUBLISH_PERMISSION) and record.pk in units_where(user, Role.DISCLOSURE_HEAD)


# What the report counts.

def request_facts(record: SiteRecord) -> Iterator[annual.RequestFacts]:
    """The site's received applications; one counts as closed on its reply date once it has an outcome."""
    rows = InformationRequest.objects.filter(record=record, received_on__isnull=False).values_list(
        "applicant_type", "received_on", "answered_on", "outcome")
    for applicant, received_on, answered_on, outcome in rows:
        closed = bool(outcome and answered_on)
        yield annual.RequestFacts(ApplicantType(applicant), received_on, answered_on if closed else None,
                                  Outcome(outcome) if closed else None)


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__year": year})


def part_two_from_catalogue(record: SiteRecord, year: int) -> dict:
    """Part two with the 规章 / 规范性文件 counts of the catalogue; the hand-typed cells start at zero."""
    year_end = date(year, 12, 31)
    documents = {}
    for kind, _label in annual.PART_TWO_DOCUMENTS:
        documents[kind] = CatalogueEntry.objects.filter(record=record, document_kind=kind).aggregate(
            issued=Count("pk", filter=_in_year("formed_on", year)),
            repealed=Count("pk", filter=_in_year("repealed_on", year)),
            in_force=Count("pk", filter=Q(validity=CatalogueEntry.Validity.VALID, formed_on__lte=year_end)),
        )
    return {"documents": documents, **dict.fromkeys(DECISION_KEYS, 0), FEES_KEY: "0"}


def empty_part_four() -> dict[str, dict[str, int]]:
    return {key: {result: 0 for result, _label in annual.PART_FOUR_RESULTS} for key, _label in annual.PART_FOUR_GROUPS}


def government_level(record: SiteRecord) -> GovernmentLevel:
    """The level its office declares; else a portal is a local government and any other site a department."""
    office = office_of(record)
    return office.government_level if office else SITE_LEVELS.get(record.site_type, GovernmentLevel.DEPARTMENT)


def report_title(report: AnnualReport) -> str:
    agency = agency_name(report.record)
    return _("%(agency)s%(year)s年政府信息公开工作年度报告") % {"agency": agency, "year": report.year}


def computed_part_three(record: SiteRecord, year: int) -> annual.Table:
    """Part three counted from the site's applications (read-only)."""
    return annual.part_three(request_facts(record), year)


def prepare(record: SiteRecord, year: int, user=None) -> AnnualReport:
    """Get or create the report, with its due date, part three (unless edited by hand) and part two refreshed."""
    error = year_error(year)
    if error:
        raise Refused([error])
    due_on = annual_report_due(government_level(record), year)
    with transaction.atomic():
        report, created = AnnualReport.objects.select_for_update().get_or_create(
            record=record, year=year, defaults={"due_on": due_on})
        report.due_on = due_on
        if not report.part_three_edited:
            report.part_three = computed_part_three(record, year)
        kept = {key: report.part_two[key] for key in PART_TWO_HAND_KEYS if key in report.part_two}
        report.part_two = {**part_two_from_catalogue(record, year), **kept}
        report.part_four = report.part_four or empty_part_four()
        report.save()
        log(report, "govsite.disclosure.report_prepare", user=user, data={"created": created, "year": year})
    return report


def update(report: AnnualReport, user, changes: dict) -> AnnualReport:
    """Save the typed parts at once; a new part-three table marks the table as edited by hand."""
    if not edits(user, report.record):
        raise PermissionDenied
    table = changes.get("part_three")
    with transaction.atomic():
        if table is not None and table != report.part_three:
            report.part_three_edited = True
        for field, value in changes.items():
            setattr(report, field, value)
        report.save()
        log(report, "govsite.disclosure.report_edit", user=user, data={"parts": sorted(changes)})
    return report


def recompute(report: AnnualReport, user) -> AnnualReport:
    """Drop the hand-edited part three and count it again from the applications."""
    if not edits(user, report.record):
        raise PermissionDenied
    with transaction.atomic():
        report.part_three = computed_part_three(report.record, report.year)
        report.part_three_edited = False
        report.save(update_fields=["part_three", "part_three_edited", "updated_at"])
        log(report, "govsite.disclosure.report_recompute", user=user)
    return report


def log_export(report: AnnualReport, user, file_format: str) -> None:
    log(report, "govsite.disclosure.report_export", user=user, data={"format": file_format})


# Publication.

def publish_problems(report: AnnualReport) -> list[str]:
    """What stops publication, one Chinese sentence each; [] when the report may go out."""
    problems = []
    if not report.part_one.strip():
        problems.append(_("第一部分“总体情况”不能为空"))
    if not report.part_three:
        problems.append(_("第三部分尚未生成，请先生成年度报告"))
    else:
        problems += annual.check_failures(report.part_three)
    problems += annual.part_four_failures(report.part_four)
    return problems


def report_column(record: SiteRecord) -> ColumnPage:
    """The site's 年度报告 column under 政府信息公开, where every report is published."""
    parent_title, title, column_type = REPORT_COLUMN
    columns = ColumnPage.objects.descendant_of(record.site.root_page).filter(title=title, column_type=column_type)
    for column in columns.order_by("depth", "path"):
        if column.get_parent().title == parent_title:
            return column
    raise Refused([_("“%(site)s”没有“政府信息公开—年度报告”栏目，无法发布年度报告") % {"site": record.name}])


def _report_page(report: AnnualReport, user) -> ArticlePage:
    """The report's page, new or its earlier one, with the report as its body and the DOCX attached."""
    from .exports import report_docx, report_html

    title = report_title(report)
    document = word_document(_("%(title)s（Word版）") % {"title": title}, f"ndbg-{report.year}.docx",
                             report_docx(report), report.record.collection)
    return publish_report(report_column(report.record), report.page, title=title,
                          source=agency_name(report.record), body=report_html(report), document=document, user=user)


def publish(report: AnnualReport, user) -> ArticlePage:
    """Publish the report on its site, refused while its checks fail; a published report is republished."""
    if not publishes(user, report.record):
        raise PermissionDenied(_("只有本单位的信息公开负责人可以发布年度报告"))
    problems = publish_problems(report)
    if problems:
        raise Refused(problems)
    try:
        with transaction.atomic():
            page = _report_page(report, user)
            report.status, report.published_at, report.page = AnnualReport.Status.PUBLISHED, timezone.now(), page
            report.save(update_fields=["status", "published_at", "page", "updated_at"])
            log(report, "govsite.disclosure.report_publish", user=user, data={"page": page.pk, "url": page.url})
    except ValidationError as error:
        raise Refused(error.messages) from None
    return page
