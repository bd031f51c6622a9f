"""`govsite jobs list|run|rerun`: recent runs, running a job here with a progress bar, re-running a failure."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.audit.context import acting_as
from govsite.core.cli import JsonCommand
from govsite.jobs import registry
from govsite.jobs.models import JobRun, validate_args
from govsite.jobs.progress import progress_bar
from govsite.jobs.runs import JobError, rerun, run_inline


def _local(moment) -> str | None:
    """A time in the platform's time zone, to the second."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def run_data(run: JobRun) -> dict:
    """A run as JSON."""
    return {
        "id": run.pk, "task": run.task_name, "label": run.label, "status": run.status,
        "status_label": str(run.get_status_display()), "progress_done": run.progress_done,
        "progress_total": run.progress_total, "percent": run.percent, "message": run.message, "error": run.error,
        "args": run.args, "enqueued_by": run.enqueued_by.get_username() if run.enqueued_by else None,
        "rerun_of": run.rerun_of_id, "enqueued_at": _local(run.enqueued_at), "started_at": _local(run.started_at),
        "finished_at": _local(run.finished_at),
    }


def run_line(run: JobRun) -> str:
    """One run for people: id, status, label, progress bar, time queued."""
    bar = progress_bar(run.percent, 100, run.message)
    return f"#{run.pk}  {run.get_status_display()}  {run.label}（{run.task_name}）  {bar}  {_local(run.enqueued_at)}"


class Command(JsonCommand):
    """Three sub-commands, each speaking `--json`."""

    help = _("后台任务：查看最近的运行记录，在本进程中运行任务（显示进度条），重新运行失败的任务")

    def add_arguments(self, parser) -> None:
        """list [--limit N], run NAME [--args JSON] [--user], rerun ID [--user]."""
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help=_("最近的运行记录，新的在前"))
        listing.add_argument("--limit", type=int, default=20, help=_("显示条数，默认 20"))
        run = sub.add_parser("run", help=_("在本进程中运行一个已注册的任务，在标准错误输出上显示进度条"))
        run.add_argument("name", help=_("任务代码，可用的有：%(names)s") % {"names": "、".join(n for n, _l in registry.choices())})
        run.add_argument("--args", dest="job_args", default="[]", help=_("任务参数：JSON 数组或对象，默认 []"))
        again = sub.add_parser("rerun", help=_("以相同参数重新运行一条失败的记录（加入队列）"))
        again.add_argument("id", type=int, help=_("运行记录编号"))
        for command in (listing, run, again):
            super().add_arguments(command)
        for command in (run, again):
            command.add_argument("--user", help=_("操作人用户名，记入审计日志"))

    def handle(self, *args, **options) -> None:
        """Dispatch to the sub-command, attributed to --user in the audit log."""
        user = self._user(options.get("user"))
        with acting_as(user):
            getattr(self, f"do_{options['action']}")(options, user)

    def _user(self, username: str | None):
        """The account named by --user, refused in Chinese when it does not exist."""
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("找不到用户“%(name)s”") % {"name": username})
        return user

    def do_list(self, options, user) -> None:
        """The newest runs."""
        runs = list(JobRun.objects.select_related("enqueued_by")[: max(options["limit"], 0)])
        text = "\n".join(run_line(run) for run in runs) or _("还没有后台任务运行记录")
        self.emit(options, [run_data(run) for run in runs], text)

    def do_run(self, options, user) -> None:
        """Run inline with a bar on stderr, ending at the final state; a failed run makes the command fail."""
        args = self._args(options["job_args"])
        try:
            run = run_inline(options["name"], args=args, user=user, listener=self._draw)
        except registry.UnknownTask as error:
            raise CommandError(str(error)) from error
        self._draw(run.percent, 100, run.message)
        self.stderr.write("")
        self._finish(options, run)

    def _args(self, text: str) -> list | dict:
        """The --args JSON, refused in Chinese unless it is an array or object."""
        try:
            args = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(_("--args 不是合法的 JSON：%(text)s") % {"text": text}) from error
        try:
            validate_args(args)
        except ValidationError as error:
            raise self.fail(error) from error
        return args

    def do_rerun(self, options, user) -> None:
        """Queue a failed run again (with the immediate backend it runs at once)."""
        run = JobRun.objects.filter(pk=options["id"]).first()
        if run is None:
            raise CommandError(_("找不到运行记录 #%(id)s") % {"id": options["id"]})
        try:
            self._finish(options, rerun(run, user=user))
        except (JobError, registry.UnknownTask) as error:
            raise CommandError(str(error)) from error

    def _draw(self, done: int, total: int, message: str) -> None:
        """Redraw the progress bar in place."""
        self.stderr.write(f"\r{progress_bar(done, total, message)}", ending="")
        self.stderr.flush()

    def _finish(self, options, run: JobRun) -> None:
        """Print the run; a failure exits non-zero with its error."""
        self.emit(options, run_data(run), run_line(run))
        if run.status == JobRun.Status.FAILED:
            raise CommandError(_("任务 #%(id)s 失败：%(error)s") % {"id": run.pk, "error": run.error.splitlines()[-1] if run.error else ""})
