"""`govsite monitor run [--site HOST] [--no-links]` and `govsite monitor score --site HOST --json`: the daily inspection
of every site (M1) and one site's score against the national indicators (M6)."""

from __future__ import annotations

from django.utils import timezone

from govsite.core.cli import JsonCommand
from govsite.monitoring import indicators
from govsite.monitoring.facts import site_facts
from govsite.monitoring.inspection import inspect, platform_settings, score_json
from govsite.monitoring.models import MONITORED
from govsite.monitoring.sitecheck import check_links
from govsite.monitoring.tasks import probe_sites
from govsite.registry.models import SiteRecord


def score_text(data: dict) -> str:
    """The score for people: verdict, every indicator with its evidence, every deduction."""
    lines = [f"{data['name']}（{data['site']}）{data['day']}：{data['score']} 分，{data['verdict']}"]
    for result in data["indicators"]:
        lines.append(f"  {result['name']}：{result['status']}")
        lines += [f"    - {line}" for line in result["evidence"][:5]]
    for deduction in data["deductions"]:
        lines.append(f"  扣分：{deduction['name']} -{deduction['points']}")
    return "\n".join(lines)


class Command(JsonCommand):
    help = "网站监测：run 对网站做一次探测和日常检查；score 按国家检查指标给网站打分"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="探测首页并完成日常检查（写入检查记录和整改清单）")
        JsonCommand.add_arguments(self, run)
        run.add_argument("--site", help="只检查这个网站（主机名或登记域名）")
        run.add_argument("--no-links", action="store_true", help="不做链接检查（只探测首页并打分）")
        run.add_argument("--max-pages", type=int, help="链接检查最多抓取的页面数")
        score = sub.add_parser("score", help="按国家检查指标打分（只读）")
        JsonCommand.add_arguments(self, score)
        score.add_argument("--site", required=True, help="网站的主机名或登记域名")

    def handle(self, *args, **options) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_run(self, options) -> None:
        records = ([self.site_record(options["site"])] if options["site"]
                   else list(SiteRecord.objects.select_related("site").filter(status__in=MONITORED)))
        probed = {p.record_id: p for p in probe_sites(records)}
        rows = []
        for record in records:
            broken = None
            if not options["no_links"]:
                broken = len(check_links(record, options["max_pages"]).broken)
            inspection = inspect(record)
            probe = probed[record.pk]
            rows.append({"site": record.site.hostname, "name": record.name, "probe_ok": probe.ok,
                         "probe_error": probe.error, "broken_links": broken, "score": inspection.score, "passed": inspection.passed,
                         "vetoes": inspection.vetoes, "open_rectifications": record.rectifications.filter(
                             status="open").count()})
        text = "\n".join(f"{r['name']}：{'首页正常' if r['probe_ok'] else '首页异常（' + r['probe_error'] + '）'}，"
                         f"{r['score']} 分，{'合格' if r['passed'] else '不合格'}，待整改 {r['open_rectifications']} 项"
                         for r in rows)
        self.emit(options, rows, text)

    def do_score(self, options) -> None:
        record = self.site_record(options["site"])
        today = timezone.localdate()
        data = score_json(record, today, indicators.score(site_facts(record, today), platform_settings()))
        self.emit(options, data, score_text(data))
