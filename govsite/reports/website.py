"""The annual website report of a site (R1; 000 5.2, 003 §41): who sees and fills it, the sheet of counted and
typed cells, its checks, its DOCX/XLSX/HTML form, and publication on the site by 31 January.

Every save, export and publication runs in one transaction and is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.content.reports import publish_report, word_document
from govsite.core.documents import Part, grid, parts_docx, parts_html, parts_xlsx
from govsite.interaction.access import holds, units_where
from govsite.registry.models import SiteRecord
from govsite.review.roles import UNIT_ROLES, Role

from . import annual_form as form
from .annual_data import ColumnCount, compute
from .models import WebsiteReport

CHANGE_PERMISSION = "reports.change_websitereport"
PUBLISH_PERMISSION = "reports.publish_websitereport"
REPORT_COLUMN_TYPE = "信息公开年报"
FIRST_YEAR = 2017  # the first year reported in the format of 国办函〔2018〕12号
LOG_ACTIONS = {
    "govsite.reports.save": "保存政府网站年度工作报表",
    "govsite.reports.export": "导出政府网站年度工作报表",
    "govsite.reports.publish": "发布政府网站年度工作报表",
}


class Refused(Exception):
    """A step refused, with each reason as one Chinese sentence."""

    def __init__(self, reasons: list[str]):
        super().__init__("；".join(reasons))
        self.reasons = reasons


def year_error(year: int) -> str | None:
    last = timezone.localdate().year
    if not FIRST_YEAR <= year <= last:
        return _("年度应为 %(first)s 至 %(last)s 之间的年份") % {"first": FIRST_YEAR, "last": last}
    return None


# Who sees what: the portal office and the auditor every site, a unit its own sites.

def oversees(user) -> bool:
    return user.is_superuser or holds(user, Role.PORTAL_OFFICE) or holds(user, Role.AUDITOR)


def sites_for(user) -> QuerySet[SiteRecord]:
    if oversees(user):
        return SiteRecord.objects.all()
    return SiteRecord.objects.filter(pk__in=units_where(user, *UNIT_ROLES))


def _own(user, record: SiteRecord) -> bool:
    """The same answer as `sites_for`, from the user's cached roles instead of a query."""
    return oversees(user) or record.pk in units_where(user, *UNIT_ROLES)


def edits(user, record: SiteRecord) -> bool:
    return user.has_perm(CHANGE_PERMISSION) and _own(user, record)


def publishes(user, record: SiteRecord) -> bool:
    return user.has_perm(PUBLISH_PERMISSION) and _own(user, record)


# The sheet: counted cells (live until publication, frozen after) and typed ones.

@dataclass(frozen=True)
class Sheet:
    report: WebsiteReport  # unsaved while nobody has filled anything in
    values: dict[str, object]
    columns: tuple[ColumnCount, ...]
    outside: int

    @property
    def title(self) -> str:
        return report_title(self.report.record, self.report.year)

    def status(self, today=None) -> form.Status:
        published = self.report.published_at
        return form.report_status(self.report.year, today or timezone.localdate(), self.report.pk is not None,
                                  timezone.localdate(published) if published else None)


def report_title(record: SiteRecord, year: int) -> str:
    return _("%(site)s%(year)s年度政府网站工作报表") % {"site": record.name, "year": year}


def report_of(record: SiteRecord, year: int) -> WebsiteReport:
    return WebsiteReport.objects.filter(record=record, year=year).first() or WebsiteReport(record=record, year=year)


def sheet(record: SiteRecord, year: int) -> Sheet:
    """The report's cells: the frozen ones of a published report, else counted now with the typed ones."""
    report = report_of(record, year)
    frozen = report.published_values
    if report.status == WebsiteReport.Status.PUBLISHED and frozen:
        return Sheet(report, frozen["values"], tuple(ColumnCount(*row) for row in frozen["columns"]),
                     frozen["outside"])
    computed = compute(record, year)
    values = form.with_sums({**computed.values, **report.hand_values})
    return Sheet(report, values, computed.columns, computed.outside)


def problems(sheet: Sheet) -> list[str]:
    """What stops publication, one Chinese sentence each."""
    missing = form.missing_hand(sheet.values)
    reasons = [_("以下手工填报项尚未填写：%(fields)s") % {"fields": "、".join(missing)}] if missing else []
    return reasons + form.check_failures(sheet.values)


def save(record: SiteRecord, year: int, user, hand_values: dict) -> WebsiteReport:
    """Store the typed cells; a published report stays as it went out."""
    if not edits(user, record):
        raise PermissionDenied
    with transaction.atomic():
        report, created = WebsiteReport.objects.select_for_update().get_or_create(record=record, year=year)
        if report.status == WebsiteReport.Status.PUBLISHED:
            raise Refused([_("报表已发布，不能再修改")])
        report.hand_values, report.updated_by = hand_values, user
        report.save()
        log(report, "govsite.reports.save", user=user, data={"created": created, "year": year})
    return report


# The document, one structure for DOCX, XLSX and the published page.

def _field_label(field: form.Field) -> str:
    return _("其中：%(label)s") % {"label": field.label} if field.sub else field.label


def parts(sheet: Sheet) -> tuple[Part, ...]:
    """Each group of the national form as a table, then the per-column annex."""
    header = [[_("项目"), _("数据"), _("单位")]]
    groups = tuple(
        Part(group.title, grids=(grid(3, header, [
            [_field_label(field), form.cell_text(field, sheet.values.get(field.key)), field.unit]
            for field in group.fields]),))
        for group in form.FORM)
    annex = [[row.title, row.column_type, row.count] for row in sheet.columns]
    annex += [[_("未归入栏目的信息（如首页专题）"), "", sheet.outside],
              [_("合计"), "", sum(row.count for row in sheet.columns) + sheet.outside]]
    return (*groups, Part(_("附表：各栏目信息发布数量"),
                          grids=(grid(3, [[_("栏目"), _("栏目类型"), _("发布信息数量（条）")]], annex),)))


def export(sheet: Sheet, file_format: str, user) -> bytes:
    """The report as DOCX or XLSX; each export is logged (on the site while no report is saved)."""
    data = parts_docx(sheet.title, parts(sheet)) if file_format == "docx" else parts_xlsx(sheet.title, parts(sheet))
    report = sheet.report
    log(report if report.pk else report.record, "govsite.reports.export", user=user,
        data={"year": report.year, "format": file_format})
    return data


# Publication (R1: on the site, reachable from the home page, by 31 January).

def report_column(record: SiteRecord) -> ColumnPage:
    """The site's first 信息公开年报 column, where annual reports go."""
    column = (ColumnPage.objects.descendant_of(record.site.root_page).filter(column_type=REPORT_COLUMN_TYPE)
              .order_by("depth", "path").first())
    if column is None:
        raise Refused([_("“%(site)s”没有栏目类型为“信息公开年报”的栏目，无法发布报表") % {"site": record.name}])
    return column


def _frozen(sheet: Sheet) -> dict:
    return {"values": sheet.values, "outside": sheet.outside,
            "columns": [[row.title, row.column_type, row.count] for row in sheet.columns]}


def publish(record: SiteRecord, year: int, user) -> ArticlePage:
    """Publish the report as a page of the site, refused while typed cells are empty or a check fails."""
    if not publishes(user, record):
        raise PermissionDenied(_("没有发布政府网站年度工作报表的权限"))
    return publish_checked(record, year, user)


def publish_checked(record: SiteRecord, year: int, user) -> ArticlePage:
    """Publication once the person's right is established (or by the demo loader, with no person)."""
    current = sheet(record, year)
    if current.report.status == WebsiteReport.Status.PUBLISHED:
        raise Refused([_("报表已发布")])
    reasons = problems(current)
    if not current.report.pk:
        reasons.insert(0, _("报表尚未填报"))
    if reasons:
        raise Refused(reasons)
    report, document_parts = current.report, parts(current)
    try:
        with transaction.atomic():
            document = word_document(_("%(title)s（Word版）") % {"title": current.title}, f"gzbb-{year}.docx",
                                     parts_docx(current.title, document_parts), record.collection)
            page = publish_report(report_column(record), None, title=current.title, source=record.sponsor,
                                  body=parts_html(document_parts), document=document, user=user)
            report.status, report.page, report.published_values = WebsiteReport.Status.PUBLISHED, page, _frozen(
                current)
            report.published_at, report.published_by = timezone.now(), user
            report.save()
            log(report, "govsite.reports.publish", user=user, data={"page": page.pk, "url": page.url})
    except ValidationError as error:
        raise Refused(error.messages) from None
    return page


def latest_published(record_id: int) -> WebsiteReport | None:
    """The newest published report whose page is live, for the home page's link."""
    return (WebsiteReport.objects.filter(record_id=record_id, status=WebsiteReport.Status.PUBLISHED, page__live=True)
            .select_related("page").order_by("-year").first())
