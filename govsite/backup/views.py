"""The read-only list of backups for the system administrator (X6): file, size, contents, verification."""

from __future__ import annotations

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.jobs.views import local_time

from .models import BackupRecord

permission_policy = ModelPermissionPolicy(BackupRecord)


def outcome(record: BackupRecord) -> str:
    """成功, the error's first line, or 已轮换删除 once the file is gone."""
    if record.error:
        return _("失败：%(error)s") % {"error": record.error.splitlines()[0]}
    return _("已轮换删除") if record.removed_at else _("成功")


class BackupRecordIndexView(generic.IndexView):
    """Newest backups first."""

    model = BackupRecord
    permission_policy = permission_policy
    permission_required = "view"
    any_permission_required = None
    default_ordering = "-started_at"
    paginate_by = 50
    index_url_name = "backup_records:index"
    index_results_url_name = "backup_records:index_results"
    page_title = _("备份记录")
    header_icon = "download"
    columns = [
        Column("file_name", label=_("文件名")),
        Column("size", label=_("大小"), accessor=lambda r: filesizeformat(r.size)),
        Column("started_at", label=_("开始时间"), accessor=lambda r: local_time(r.started_at)),
        Column("finished_at", label=_("结束时间"), accessor=lambda r: local_time(r.finished_at)),
        Column("engine", label=_("数据库")),
        Column("tables", label=_("数据表数")),
        Column("rows", label=_("数据行数")),
        Column("files", label=_("文件数")),
        Column("outcome", label=_("结果"), accessor=outcome),
        Column("verification", label=_("恢复校验"), accessor="get_verification_display"),
        Column("verification_details", label=_("校验说明")),
    ]
