"""`govsite disclosure report --site HOST --year 2026 [--json] [--docx PATH] [--xlsx PATH]`: part three of the
annual disclosure report (R2) counted from the platform's applications, and the prepared report's files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from govsite.core.cli import JsonCommand
from govsite.disclosure import annual
from govsite.disclosure.exports import report_docx, report_xlsx
from govsite.disclosure.reports import Refused, computed_part_three, prepare, year_error
from govsite.registry.models import SiteRecord

EXPORTS = {"docx": report_docx, "xlsx": report_xlsx}


def parse_year(text: str) -> int:
    """A year the platform can report on, refused in Chinese otherwise."""
    if not text.strip().isdigit():
        raise CommandError(f"年度“{text}”不是整数年份，如 2026")
    year = int(text.strip())
    error = year_error(year)
    if error:
        raise CommandError(error)
    return year


def table_text(record: SiteRecord, year: int, table: annual.Table) -> str:
    """The table as tab-separated lines, in the format's order, with the check's result."""
    lines = [f"{record.name}{year}年收到和处理政府信息公开申请情况",
             "\t".join(["", *(annual.COLUMN_LABELS[c] for c in annual.COLUMNS)])]
    lines += ["\t".join([label, *map(str, cells)]) for _key, label, cells in annual.rows_for_display(table)]
    failures = annual.check_failures(table)
    lines.append(f"勾稽关系（{annual.CHECK_TEXT}）：{'成立' if not failures else '不成立'}")
    return "\n".join([*lines, *failures])


def write_file(path: str, data: bytes) -> str:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise CommandError(f"无法写入文件“{path}”：{error.strerror}") from None
    return path


class Command(JsonCommand):
    """One sub-command for now: `report`."""

    help = "政府信息公开：年度报告第三部分统计表（只读），以及导出年度报告（Word、Excel）"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        report = sub.add_parser("report", help="按申请数据统计年度报告第三部分；--docx/--xlsx 生成年度报告并导出")
        JsonCommand.add_arguments(self, report)
        report.add_argument("--site", required=True, help="网站的主机名或登记的英文域名")
        report.add_argument("--year", required=True, metavar="YYYY", help="报告年度，如 2026")
        report.add_argument("--docx", metavar="PATH", help="生成（或刷新）年度报告并导出为 Word 文件")
        report.add_argument("--xlsx", metavar="PATH", help="生成（或刷新）年度报告并将表格导出为 Excel 文件")

    def handle(self, *args, **options) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_report(self, options) -> None:
        record, year = self.site_record(options["site"]), parse_year(options["year"])
        paths = {fmt: options[fmt] for fmt in EXPORTS if options[fmt]}
        written = []
        if paths:  # the files are of the saved report, whose part three may have been edited by hand
            try:
                report = prepare(record, year)
            except Refused as error:
                raise CommandError(str(error)) from None
            table = report.part_three
            written = [write_file(path, EXPORTS[fmt](report)) for fmt, path in paths.items()]
        else:
            table = computed_part_three(record, year)
        data = {"site": record.site.hostname, "year": year, **annual.as_json(table)}
        if written:
            data["files"] = written
        self.emit(options, data, "\n".join([table_text(record, year, table), *(f"已写入 {p}" for p in written)]))
