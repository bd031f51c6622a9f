"""`govsite linkcheck URL`: crawl one site and list its broken links with the pages they are on (M1)."""

from __future__ import annotations

import re

from django.core.management.base import CommandError

from govsite.core.cli import JsonCommand
from govsite.monitoring.linkcheck import (
    BrokenLink,
    LinkReport,
    Progress,
    host_header_value,
    run_check,
    site_address,
)

SHOWN_SOURCES = 3
PROGRESS_EVERY = 1000


def parse_max_pages(text: str | None) -> int | None:
    """A positive page budget, refused in Chinese otherwise."""
    if text is None:
        return None
    if not re.fullmatch(r"[0-9]+", text.strip()) or int(text) < 1:
        raise CommandError(f"最多页面数“{text}”须为正整数")
    return int(text)


def broken_text(link: BrokenLink) -> str:
    """One broken link: what is wrong, where it points, and up to three pages it is on."""
    what = link.reason if link.status is None else f"{link.status} {link.reason}"
    pages = "、".join(link.sources[:SHOWN_SOURCES]) or "（起始网址）"
    more = f" 等 {len(link.sources)} 个页面" if len(link.sources) > SHOWN_SOURCES else ""
    return f"[{what}] {link.url}\n    所在页面：{pages}{more}"


def summary(report: LinkReport) -> str:
    head = f"共抓取 {report.pages} 个页面，检查 {report.links} 个链接，"
    if not report.broken:
        return head + "未发现失效链接"
    return "\n".join([head + f"发现 {len(report.broken)} 个失效链接：", *map(broken_text, report.broken)])


class Command(JsonCommand):
    """Checks a whole site; prints the report as JSON or as a Chinese summary."""

    help = "检查一个网站的链接：抓取本站全部页面，检查页面上的每个链接（含外部网站），列出失效链接及其所在页面"
    requires_system_checks = []  # touches neither the database nor the models

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("url", help="网站首页地址，如 https://www.ceshi.gov.cn/")
        parser.add_argument("--max-pages", metavar="N", help="最多抓取的页面数，默认不限")
        parser.add_argument("--host-header", metavar="域名",
                            help="经平台公共服务器检查时，发往起始网址的请求所带的 Host 请求头（即站点域名）")

    def progress(self, options) -> Progress | None:
        """Progress on stderr every thousand links when asked for with -v 2."""
        if options["verbosity"] < 2:
            return None

        def show(pages: int, links: int) -> None:
            if links % PROGRESS_EVERY == 0:
                self.stderr.write(f"已抓取 {pages} 个页面，检查 {links} 个链接")

        return show

    def handle(self, *args, **options) -> None:
        max_pages = parse_max_pages(options["max_pages"])
        host_header = options["host_header"]
        try:
            url = site_address(options["url"])
            host_header = None if host_header is None else host_header_value(host_header)
        except ValueError as error:
            raise CommandError(str(error)) from None
        report = run_check(url, max_pages=max_pages, host_header=host_header, progress=self.progress(options))
        self.emit(options, report.as_json(), summary(report))
