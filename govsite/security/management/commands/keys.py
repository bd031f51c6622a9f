"""`govsite keys init|status|rotate|rotate-master`: the master key pair and data keys of X7."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.cli import JsonCommand
from govsite.jobs.management.commands.jobs import run_data
from govsite.jobs.models import JobRun
from govsite.jobs.runs import run_inline
from govsite.publishing.management.commands.publish import draw_progress
from govsite.security.fields import encrypted_fields
from govsite.security.keyring import initialise_master, key_directory
from govsite.security.masterkey import MasterKeyError
from govsite.security.models import DataKey
from govsite.security.rotation import BATCH_SIZE, key_usage, rotate_master

ROTATE_JOB = "security.rotate_data_keys"


def _local(moment) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def key_status() -> dict:
    """The master pair, the files kept beside it, every data key and how many values it still seals."""
    directory = key_directory()
    usage = key_usage()
    keys = list(DataKey.objects.all())
    known = {key.pk for key in keys}
    master = directory.current() if directory.has_master() else None
    return {
        "key_dir": str(directory.path),
        "master_fingerprint": master.fingerprint if master else None,
        "kept_master_files": [str(path) for path in directory.candidates() if path != directory.current_path],
        "data_keys": [
            {"id": key.pk, "active": key.active, "created_at": _local(key.created_at),
             "retired_at": _local(key.retired_at), "master_fingerprint": key.master_fingerprint,
             "values": usage[key.pk]}
            for key in keys
        ],
        "unknown_key_values": {key_id: n for key_id, n in usage.items() if key_id not in known},
        "fields": [f.qualified_name for fields in encrypted_fields().values() for f in fields],
    }


def _shown(moment: str | None) -> str:
    """An ISO time of the JSON output as people read it: 2026-03-01 09:30."""
    return (moment or "")[:16].replace("T", " ")


def _key_state(key: dict) -> str:
    if key["active"]:
        return _("当前使用")
    return _("已退役 %(at)s") % {"at": _shown(key["retired_at"])} if key["retired_at"] else _("待退役")


def status_text(status: dict) -> str:
    """The status for people, one data key a line."""
    master = status["master_fingerprint"]
    lines = [
        _("密钥目录：%(dir)s") % {"dir": status["key_dir"]},
        _("主密钥指纹：%(fp)s") % {"fp": master} if master else _("主密钥：未生成（请运行 govsite keys init）"),
    ]
    lines += [_("保留的旧主密钥文件：%(path)s") % {"path": path} for path in status["kept_master_files"]]
    lines += [
        _("数据密钥 %(id)s  %(state)s  生成于 %(at)s  加密 %(n)s 个值  主密钥 %(fp)s") % {
            "id": key["id"], "state": _key_state(key), "at": _shown(key["created_at"]), "n": key["values"],
            "fp": key["master_fingerprint"][:16]}
        for key in status["data_keys"]
    ] or [_("还没有数据密钥：第一次保存加密字段时生成")]
    lines += [_("未知数据密钥 %(id)s：%(n)s 个值无法解密") % {"id": key_id, "n": n}
              for key_id, n in status["unknown_key_values"].items()]
    return "\n".join(lines)


class Command(JsonCommand):
    """Four sub-commands, each speaking `--json`; those that change keys take `--user` for the audit log."""

    help = _("密钥管理（X7）：生成主密钥对、查看状态、轮换数据密钥并重新加密、更换主密钥对")
    # `keys init` is how an operator clears security.E001, so the checks must not stop it.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        init = sub.add_parser("init", help=_("生成主密钥对（已存在时拒绝覆盖）"))
        status = sub.add_parser("status", help=_("主密钥指纹、数据密钥及各自仍加密的值的数量"))
        rotate = sub.add_parser("rotate", help=_("生成新的数据密钥，分批重新加密全部加密字段，退役旧密钥；可重复运行"))
        rotate.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=_("每批处理的行数，默认 %(default)s"))
        master = sub.add_parser("rotate-master", help=_("生成新的主密钥对并重新包装全部数据密钥，旧主密钥文件按日期保留"))
        for command in (init, status, rotate, master):
            super().add_arguments(command)
        for command in (init, rotate, master):
            command.add_argument("--user", help=_("操作人用户名，记入审计日志"))

    def handle(self, *args, **options) -> None:
        with self.acting_user(options) as user:
            try:
                getattr(self, f"do_{options['action'].replace('-', '_')}")(options, user)
            except MasterKeyError as error:
                raise CommandError(str(error)) from error

    def do_init(self, options, user) -> None:
        key = initialise_master()
        directory = key_directory()
        data = {"key_dir": str(directory.path), "master_file": str(directory.current_path),
                "master_fingerprint": key.fingerprint}
        self.emit(options, data, _("已生成主密钥对：%(file)s\n指纹：%(fp)s\n请立即把密钥目录备份到数据库备份之外的安全位置。")
                  % {"file": data["master_file"], "fp": key.fingerprint})

    def do_status(self, options, user) -> None:
        status = key_status()
        self.emit(options, status, status_text(status))

    def do_rotate(self, options, user) -> None:
        """Run the rotation job here with the jobs' progress bar on stderr; a failed run fails the command."""
        if options["batch_size"] < 1:
            raise self.fail(_("--batch-size 必须是正整数"))
        draw = None if options["json"] else draw_progress
        run = run_inline(ROTATE_JOB, args={"batch_size": options["batch_size"]}, user=user, listener=draw)
        status = key_status()
        heading = _("任务 #%(id)s：%(state)s") % {"id": run.pk, "state": run.get_status_display()}
        self.emit(options, {"run": run_data(run), "status": status}, f"{heading}\n{status_text(status)}")
        if run.status == JobRun.Status.FAILED:
            last_line = run.error.splitlines()[-1] if run.error else ""
            raise CommandError(_("密钥轮换失败：%(error)s") % {"error": last_line})

    def do_rotate_master(self, options, user) -> None:
        result = rotate_master(timezone.localdate())
        self.emit(options, result.as_dict(), _(
            "已更换主密钥对：%(old)s → %(new)s，重新包装 %(n)s 个数据密钥。\n旧主密钥文件保留为 %(backup)s，"
            "确认新密钥已备份后可删除。") % {"old": result.old_fingerprint[:16], "new": result.new_fingerprint[:16],
                                    "n": result.rewrapped, "backup": result.backup})
