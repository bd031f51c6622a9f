"""`govsite publish --all [--site HOST]`: rebuild static trees with a progress bar; safe to re-run."""

from __future__ import annotations

import sys

from django.db.models import Q
from wagtail.models import Site

from govsite.core.cli import JsonCommand
from govsite.publishing.publisher import Publisher, site_dir


def progress_bar(done: int, total: int, message: str) -> None:
    """A text progress bar on stderr, as every long job shows."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")


class Command(JsonCommand):
    help = "重新生成网站的静态页面（全部或指定网站），可重复执行"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--all", action="store_true", help="重新生成全部页面")
        parser.add_argument("--site", help="只生成这个网站（主机名或登记域名）")

    def handle(self, *args, **options):
        if not options["all"]:
            raise self.fail("请使用 --all 重新生成全部页面")
        sites = Site.objects.select_related("root_page")
        if options["site"]:
            sites = sites.filter(Q(hostname=options["site"]) | Q(record__domain=options["site"]))
            if not sites:
                raise self.fail(f"找不到网站“{options['site']}”")
        report = []
        for site in sites:
            if not options["json"]:
                self.stderr.write(f"{site.site_name or site.hostname} → {site_dir(site)}")
            result = Publisher(site).rebuild(None if options["json"] else progress_bar)
            report.append({"host": site.hostname, "written": len(result.written),
                           "unchanged": len(result.unchanged), "removed": len(result.removed),
                           "failed": result.failed})
        text = "\n".join(f"{r['host']}：写入 {r['written']}，未变 {r['unchanged']}，删除 {r['removed']}" for r in report)
        self.emit(options, report, text)
