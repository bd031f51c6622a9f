"""`govsite workdays add|between|seed|years`: deadlines in working days and the calendar behind them (I3)."""

from __future__ import annotations

import re
from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone

from govsite.core.cli import JsonCommand
from govsite.workdays.models import WEEKDAY_NAMES, CalendarYear, SpecialDay
from govsite.workdays.package import SOURCE_NAME
from govsite.workdays.rules import missing_years_warning, years_text
from govsite.workdays.seeding import seed_from_package
from govsite.workdays.service import add_working_days, working_days_between, years_to_confirm

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INTEGER = re.compile(r"[+-]?[0-9]+")


def parse_date(text: str, what: str) -> date:
    """A date typed as YYYY-MM-DD, refused in Chinese otherwise."""
    if not ISO_DATE.fullmatch(text.strip()):
        raise CommandError(f"{what}“{text}”格式不对，请按 YYYY-MM-DD 填写，如 2026-02-13")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{what}“{text}”不是实际存在的日期") from None


def parse_days(text: str) -> int:
    """A whole number of working days, refused in Chinese otherwise (the range is the rules' to check)."""
    if not INTEGER.fullmatch(text.strip()):
        raise CommandError(f"工作日天数“{text}”不是整数")
    return int(text.strip())


def day_text(day: date) -> str:
    return f"{day:%Y-%m-%d}（{WEEKDAY_NAMES[day.weekday()]}）"


def year_data(row: CalendarYear) -> dict:
    """A year of the calendar as JSON."""
    return {
        "year": row.year, "complete": row.complete, "source": row.source,
        "confirmed_by": row.confirmed_by.get_username() if row.confirmed_by else None,
        "confirmed_at": timezone.localtime(row.confirmed_at).isoformat(timespec="seconds") if row.confirmed_at else None,
        "note": row.note, "holidays": row.count(SpecialDay.Kind.HOLIDAY),
        "working_days": row.count(SpecialDay.Kind.WORKING_DAY),
    }


class Command(JsonCommand):
    """Four sub-commands, each speaking `--json`."""

    help = "工作日历：N 个工作日后的截止日期、两个日期之间的工作日数、从 chinesecalendar 导入、各年度安排"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="起算日（如收信日，不计入）之后第 N 个工作日")
        add.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="起算日，当日不计入")
        add.add_argument("--days", required=True, metavar="N", help="工作日天数，正整数")
        between = sub.add_parser("between", help="A 之后至 B（含）的工作日数；B 早于 A 时为负数")
        between.add_argument("start", metavar="A", help="起算日 YYYY-MM-DD，当日不计入")
        between.add_argument("end", metavar="B", help="截止日 YYYY-MM-DD，当日计入")
        seed = sub.add_parser("seed", help="从 chinesecalendar 导入工作日历中还没有的年份；不改动管理员录入的内容")
        years = sub.add_parser("years", help="各年度安排及是否已确认完整")
        for command in (add, between, seed, years):
            JsonCommand.add_arguments(self, command)

    def handle(self, *args, **options) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_add(self, options) -> None:
        start = parse_date(options["start"], "起算日")
        days = parse_days(options["days"])
        try:
            result = add_working_days(start, days)
        except ValueError as error:
            raise CommandError(str(error)) from None
        data = {
            "due": result.due.isoformat(), "from": start.isoformat(), "days": days,
            "uncovered_years": list(result.uncovered_years), "warning": result.warning,
        }
        text = f"{day_text(start)}起算（当日不计入），第 {days} 个工作日是 {day_text(result.due)}"
        self.emit(options, data, "\n".join(filter(None, [text, result.warning])))

    def do_between(self, options) -> None:
        start, end = parse_date(options["start"], "起算日"), parse_date(options["end"], "截止日")
        result = working_days_between(start, end)
        data = {
            "from": start.isoformat(), "to": end.isoformat(), "working_days": result.days,
            "uncovered_years": list(result.uncovered_years), "warning": result.warning,
        }
        text = f"{day_text(start)}之后至{day_text(end)}（含）：{result.days} 个工作日"
        self.emit(options, data, "\n".join(filter(None, [text, result.warning])))

    def do_seed(self, options) -> None:
        report = seed_from_package()
        if report.years:
            text = f"已从 {SOURCE_NAME} 导入{years_text(report.years)}，共 {report.days_added} 天"
        else:
            text = "没有需要导入的年份"
        if report.skipped_years:
            text += f"；工作日历中已有的 {len(report.skipped_years)} 个年份保持不变"
        if report.days_kept:
            text += f"；保留管理员录入的 {report.days_kept} 天"
        self.emit(options, report.as_dict(), text)

    def do_years(self, options) -> None:
        rows = [year_data(row) for row in CalendarYear.objects.select_related("confirmed_by").order_by("year")]
        missing = years_to_confirm()
        data = {"years": rows, "missing_years": list(missing), "warning": missing_years_warning(missing)}
        lines = [
            f"{r['year']}年\t{'已确认完整' if r['complete'] else '未确认'}\t{r['source']}\t"
            f"节假日 {r['holidays']} 天\t调休上班 {r['working_days']} 天\t{r['note']}"
            for r in rows
        ]
        self.emit(options, data, "\n".join(filter(None, [*lines, data["warning"]])) or "工作日历中还没有任何年份")
