"""`govsite audit`: verify the hash chain (X1) and archive entries past retention (M5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from govsite.audit.archive import ArchiveError, archive_before, default_directory
from govsite.audit.verify import verify_chain
from govsite.core.cli import JsonCommand


def _date(text: str) -> date:
    """A YYYY-MM-DD argument, refused in Chinese when malformed."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(_("日期“%(text)s”格式不正确，应为 YYYY-MM-DD") % {"text": text}) from error


class Command(JsonCommand):
    """`govsite audit verify` and `govsite audit archive --before YYYY-MM-DD`."""

    help = _("审计日志：校验哈希链，归档保存期已满的记录")

    def add_arguments(self, parser) -> None:
        """Two sub-commands, each speaking `--json`."""
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help=_("逐条校验审计日志的哈希与链接"))
        super().add_arguments(verify)
        archive = sub.add_parser("archive", help=_("把早于某日（至少180天前）的记录归档为压缩文件并从数据库删除"))
        super().add_arguments(archive)
        archive.add_argument("--before", required=True, help=_("归档早于该日期的记录，格式 YYYY-MM-DD"))
        archive.add_argument("--dir", help=_("归档目录，默认 %(dir)s") % {"dir": default_directory()})

    def handle(self, *args, **options):
        """Dispatch to the sub-command."""
        getattr(self, f"do_{options['action']}")(options)

    def do_verify(self, options) -> None:
        """Walk the whole chain; a broken entry makes the command fail."""
        result = verify_chain()
        data = {"ok": result.ok, "count": result.count, "first_broken": result.first_broken}
        if result.ok:
            self.emit(options, data, _("审计日志完整：共 %(count)s 条，链路完好") % {"count": result.count})
            return
        shown = {key: "—" if value is None else value for key, value in result.first_broken.items()}
        message = _(
            "审计日志校验失败：第 %(seq)s 条（编号 %(id)s，时间 %(at)s，操作 %(action)s）%(problem_label)s"
        ) % shown
        if options.get("json"):
            self.emit(options, data, message)
        raise CommandError(message)

    def do_archive(self, options) -> None:
        """Archive entries older than --before, all or nothing."""
        directory = Path(options.get("dir") or default_directory())
        try:
            archive = archive_before(_date(options["before"]), directory)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        if archive is None:
            text = _("没有早于 %(date)s 的审计日志需要归档") % {"date": options["before"]}
            self.emit(options, {"archived": 0, "file": None}, text)
            return
        path = directory / archive.file_name
        data = {
            "archived": archive.count,
            "file": str(path),
            "first_seq": archive.first_seq,
            "last_seq": archive.last_seq,
            "last_hash": archive.last_hash,
            "sha256": archive.sha256,
        }
        text = _("已归档 %(count)s 条审计日志（第 %(first)s–%(last)s 条）：%(path)s") % {
            "count": archive.count, "first": archive.first_seq, "last": archive.last_seq, "path": path,
        }
        self.emit(options, data, text)
