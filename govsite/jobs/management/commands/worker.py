"""`govsite worker [options]`: the queue worker, i.e. django_tasks_db's `db_worker` with a Chinese help text."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


def database_backend_configured() -> bool:
    """Whether any TASKS backend is django_tasks_db's; otherwise there is no queue table to work on."""
    return any(isinstance(task_backends[alias], DatabaseBackend) for alias in task_backends.settings)


class Command(DbWorkerCommand):
    """Every option of `db_worker` (`--batch`, `--interval`, `--queue-name`, `--max-tasks`, …) passes through."""

    help = _(
        "后台任务执行进程：从数据库队列（TASKS 为 django_tasks_db.DatabaseBackend）取出任务并执行，"
        "与 govsite scheduler 和网站服务一起运行，可按需多开。选项与 db_worker 相同，例如 --batch（处理完即退出）、"
        "--interval 秒数、--queue-name 队列名（多个用逗号分隔，* 为全部）、--max-tasks 数量。"
        "若 TASKS 改用 django_tasks_rq 的 RQBackend，则不运行本命令，改为运行 rqworker（django-rq 提供）。"
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        """Refuse in Chinese, before db_worker's English argument error, when no database queue is configured."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if not database_backend_configured():
            parser.error(_("TASKS 未配置 django_tasks_db.DatabaseBackend，没有数据库队列可执行；使用 RQBackend 时请运行 rqworker"))
        return parser
