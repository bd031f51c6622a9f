"""`govsite library rebuild`: file every live content page in the resource library (P10), with progress."""

from __future__ import annotations

from django.utils.translation import gettext as _

from govsite.core.cli import JsonCommand
from govsite.jobs.management.commands.jobs import run_data
from govsite.jobs.models import JobRun
from govsite.jobs.runs import run_inline
from govsite.library.models import LibraryRecord
from govsite.publishing.management.commands.publish import draw_progress

REBUILD_JOB = "library.rebuild"


class Command(JsonCommand):
    help = "信息资源库：rebuild 将全部已发布信息重新入库"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args, **options):
        run = run_inline(REBUILD_JOB, listener=None if options["json"] else draw_progress)
        if run.status == JobRun.Status.FAILED:
            last_line = run.error.splitlines()[-1] if run.error else ""
            raise self.fail(_("重建信息资源库失败：%(error)s") % {"error": last_line})
        filed = LibraryRecord.objects.filter(live=True).count()
        self.emit(options, {"run": run_data(run), "live_records": filed},
                  _("任务 #%(id)s：%(state)s，资源库现有已发布信息 %(filed)s 条")
                  % {"id": run.pk, "state": run.get_status_display(), "filed": filed})
