"""The services app's entries in the audit log (X1)."""

from django.utils.translation import gettext_lazy as _

STATISTICS_IMPORT = "govsite.services.statistics_import"

ACTION_LABELS = {STATISTICS_IMPORT: _("导入办事服务统计")}
