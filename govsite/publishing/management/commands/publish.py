"""`govsite publish --all [--site HOST]`: rebuild static trees with a progress bar; safe to re-run."""

from __future__ import annotations

import sys

from govsite.core.cli import JsonCommand
from govsite.jobs.progress import progress_bar
from govsite.publishing.publisher import Publisher, site_dir, sites_named


def draw_progress(done: int, total: int, message: str) -> None:
    """The jobs' text progress bar, redrawn in place on stderr."""
    sys.stderr.write(f"\r{progress_bar(done, total, message[:40]):<80}")
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
        sites = sites_named(options["site"])
        if not sites:
            raise self.fail(f"找不到网站“{options['site']}”")
        report = []
        for site in sites:
            if not options["json"]:
                self.stderr.write(f"{site.site_name or site.hostname} → {site_dir(site)}")
            result = Publisher(site).rebuild(None if options["json"] else draw_progress)
            report.append({"host": site.hostname, "written": len(result.written),
                           "unchanged": len(result.unchanged), "removed": len(result.removed),
                           "failed": result.failed})
        text = "\n".join(f"{r['host']}：写入 {r['written']}，未变 {r['unchanged']}，删除 {r['removed']}" for r in report)
        self.emit(options, report, text)
