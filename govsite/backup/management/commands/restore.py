"""`govsite restore FILE [--yes]`: rebuild the platform from an encrypted backup (X6)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from govsite.backup.management.commands.backup import REFUSALS
from govsite.backup.records import record_restore
from govsite.backup.restore import restore_backup
from govsite.core.cli import JsonCommand


class Command(JsonCommand):
    """Restores the database, MEDIA_ROOT and the public tree, then compares the database with the manifest."""

    help = _("从备份文件恢复数据库、上传文件和静态发布目录，并按清单核对各表行数与校验值。"
             "请先把备份时的密钥目录恢复到 GOVSITE_KEY_DIR。")
    # A fresh machine may not pass the checks yet (no migrations, no keys): the restore says what is missing.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("file", help=_("备份文件"))
        parser.add_argument("--yes", action="store_true", help=_("目标数据库已有内容时仍然覆盖"))
        parser.add_argument("--user", help=_("操作人用户名（恢复后的数据库中的用户），记入审计日志"))

    def handle(self, *args, **options) -> None:
        path = Path(options["file"]).resolve()
        try:
            check = restore_backup(path, replace=options["yes"])
        except REFUSALS as error:
            raise CommandError(str(error)) from error
        with self.acting_user(options):
            record_restore(path, check)
        self.emit(options, {"file": str(path), **check.as_dict()},
                  _("已从 %(file)s 恢复。\n%(result)s") % {"file": path, "result": check.text()})
        if not check.ok:
            raise CommandError(_("恢复后的数据库与备份清单不一致"))
