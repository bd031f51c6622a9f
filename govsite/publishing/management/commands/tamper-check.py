"""`govsite tamper-check [--site HOST] [--restore] --json`: compare published trees with their manifests."""

from __future__ import annotations

from govsite.core.cli import JsonCommand
from govsite.publishing.publisher import sites_named
from govsite.publishing.tamper import check_sites


class Command(JsonCommand):
    help = "网页防篡改检查：报告被修改、删除或新增的文件；--restore 恢复并隔离异常文件"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--site", help="只检查这个网站（主机名或登记域名）")
        parser.add_argument("--restore", action="store_true", help="从数据库重新生成被改动的文件，隔离新增文件")

    def handle(self, *args, **options):
        sites = sites_named(options["site"])
        if not sites:
            raise self.fail(f"找不到网站“{options['site']}”")
        reports = check_sites(sites, restore_files=options["restore"])
        lines = []
        for r in reports:
            state = "正常" if r.clean else f"篡改 {len(r.changed)}，删除 {len(r.deleted)}，新增 {len(r.added)}"
            lines.append(f"{r.host}：{state}{'，已恢复' if r.restored else ''}")
            lines += [f"  {kind} {path}" for kind, paths in (("篡改", r.changed), ("删除", r.deleted),
                                                              ("新增", r.added)) for path in paths]
        self.emit(options, {"sites": [r.as_dict() for r in reports]}, "\n".join(lines))
        if any(not r.clean and not r.restored for r in reports):
            raise SystemExit(1)
