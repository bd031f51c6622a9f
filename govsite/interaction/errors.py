"""“我为政府网站找错” (I10): a report goes to the unit responsible for the page, to be handled in one
working day (003 §42), and the office sees what is late."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from govsite.columns.models import ColumnPage
from govsite.core.clock import now
from govsite.core.errors import Refused

from . import access, rules
from .handling import due_for
from .models import ErrorReport

# 003 §42: 在1个工作日内处理完成.
ERROR_REPORT_DAYS = 1


def site_of_url(url: str, fallback: Site) -> Site:
    """The registered site serving the reported address; the site the form was sent from otherwise."""
    host = (urlsplit(url).hostname or "").lower()
    sites = Site.objects.filter(hostname=host, record__isnull=False).select_related("root_page")
    return sites.first() or fallback


def column_of(site: Site, url: str) -> ColumnPage | None:
    """The deepest live column whose address contains the reported page (its responsible unit, C3)."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    root_path = site.root_page.url_path
    prefixes = [root_path + "".join(f"{s}/" for s in segments[:n]) for n in range(1, len(segments) + 1)]
    columns = ColumnPage.objects.live().descendant_of(site.root_page).filter(url_path__in=prefixes)
    return max(columns, key=lambda c: len(c.url_path), default=None)


@transaction.atomic
def report_error(request_site: Site, *, url: str, problem: str, description: str, contact: str) -> ErrorReport:
    """Store a report with its responsible unit and its one-working-day clock."""
    site = site_of_url(url, request_site)
    column = column_of(site, url)
    record = site.record
    moment = now()
    clock = due_for(timezone.localdate(moment), ERROR_REPORT_DAYS)
    report = ErrorReport(
        site=record, url=url, column=column, problem=problem, description=description, contact=contact,
        responsible_unit=(column.responsible_unit if column else "") or record.sponsor,
        reported_at=moment, due_on=clock.due, due_uncertain_years=list(clock.uncovered_years),
    )
    for _attempt in range(5):
        report.reference = "JC" + rules.new_query_code()[:10]
        try:
            with transaction.atomic():
                report.save()
            break
        except IntegrityError:
            continue
    log(report, "govsite.errorreport.receive", data={"due_on": report.due_on.isoformat(), "url": url},
        timestamp=moment)
    return report


@transaction.atomic
def handle_error_report(report: ErrorReport, user, status: str, note: str) -> ErrorReport:
    """The site's editor records what was fixed, or why nothing needed fixing."""
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    if not access.fixes(user, report):
        raise Refused(_("只有该网站的内容编辑可以处理纠错意见"))
    if report.status != ErrorReport.Status.NEW:
        raise Refused(_("该纠错意见已处理"))
    if status not in (ErrorReport.Status.FIXED, ErrorReport.Status.NOT_A_PROBLEM) or not note.strip():
        raise Refused(_("请选择处理结果并填写处理说明"))
    report.status, report.handling_note = status, note.strip()
    report.handled_by, report.handled_at = user, now()
    report.save(update_fields=["status", "handling_note", "handled_by", "handled_at"])
    late = timezone.localdate(report.handled_at) > report.due_on
    log(report, "govsite.errorreport.handle", user=user, data={"status": status, "late": late},
        timestamp=report.handled_at)
    return report


def recompute_error_reports(years: list[int]) -> int:
    """Open reports counted over a year whose calendar changed get their real due date (I10, I3)."""
    changed = 0
    reports = ErrorReport.objects.filter(status=ErrorReport.Status.NEW, due_on__year__in=years)
    for report in reports:
        clock = due_for(timezone.localdate(report.reported_at), ERROR_REPORT_DAYS)
        uncertain = list(clock.uncovered_years)
        if (clock.due, uncertain) == (report.due_on, list(report.due_uncertain_years)):
            continue
        log(report, "govsite.errorreport.clock", data={"old_due_on": report.due_on.isoformat(),
                                                       "due_on": clock.due.isoformat()})
        report.due_on, report.due_uncertain_years = clock.due, uncertain
        report.save(update_fields=["due_on", "due_uncertain_years"])
        changed += 1
    return changed
