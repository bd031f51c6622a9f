"""`govsite backup [--output DIR]` and `govsite backup verify FILE`: encrypted full backups (X6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.backup import records
from govsite.backup.container import BackupError
from govsite.core.cli import JsonCommand
from govsite.security.masterkey import MasterKeyError

# What stops a backup, verification or restore with a Chinese message rather than a traceback.
REFUSALS = (BackupError, MasterKeyError, OSError)


def record_data(record) -> dict:
    return {"file": str(Path(record.directory) / record.file_name), "size": record.size,
            "started_at": timezone.localtime(record.started_at).isoformat(timespec="seconds"),
            "engine": record.engine, "tables": record.tables, "rows": record.rows, "files": record.files}


class Command(JsonCommand):
    """Without a sub-command it makes a backup; `verify FILE` checks one by restoring it into a scratch database."""

    help = _("全量备份（数据库、上传文件、静态发布目录，加密压缩为一个文件）；verify 子命令恢复到临时数据库校验")

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--output", help=_("备份文件存放目录，默认 GOVSITE_BACKUP_DIR"))
        parser.add_argument("--user", help=_("操作人用户名，记入审计日志"))
        sub = parser.add_subparsers(dest="action")
        verify = sub.add_parser("verify", help=_("解密备份、核对文件哈希，并恢复到临时数据库核对各表行数与校验值"))
        verify.add_argument("file", help=_("备份文件"))
        # SUPPRESS: options given before `verify` are not reset by the sub-command's defaults.
        verify.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=_("以 JSON 输出结果"))
        verify.add_argument("--user", default=argparse.SUPPRESS, help=_("操作人用户名，记入审计日志"))

    def handle(self, *args, **options) -> None:
        with self.acting_user(options):
            try:
                if options.get("action") == "verify":
                    self.verify(options)
                else:
                    self.create(options)
            except REFUSALS as error:
                raise CommandError(str(error)) from error

    def create(self, options) -> None:
        record = records.create_backup(Path(options["output"]) if options.get("output") else None)
        data = record_data(record)
        self.emit(options, data, _("已生成备份：%(file)s（%(size)s 字节，%(tables)s 张数据表、%(rows)s 行，%(files)s 个文件）")
                  % data)

    def verify(self, options) -> None:
        path = Path(options["file"]).resolve()
        check = records.verify_file(path)
        self.emit(options, {"file": str(path), **check.as_dict()}, check.text())
        if not check.ok:
            raise CommandError(_("备份 %(file)s 恢复校验未通过") % {"file": path})
