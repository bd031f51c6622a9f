"""Cron expressions of schedules, read in the platform's time zone (settings.TIME_ZONE, Asia/Shanghai)."""

from __future__ import annotations

from datetime import datetime

from croniter import CroniterBadDateError, CroniterError, croniter
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FORMAT_HINT = _("格式为“分 时 日 月 周”五段（按北京时间），例如“0 2 * * *”表示每天 2:00，“*/15 * * * *”表示每 15 分钟")


def next_run(expression: str, after: datetime) -> datetime:
    """The first time strictly after `after` the expression matches, reading it as local wall-clock time."""
    local = after.astimezone(timezone.get_default_timezone())
    return croniter(expression, local).get_next(datetime)


def validate_cron(expression: str) -> None:
    """Five fields (or an alias such as @daily) that croniter accepts and that will ever come due."""
    fields = expression.split()
    if not (len(fields) == 5 or (len(fields) == 1 and fields[0].startswith("@"))):
        reason = _("应为五段")
    else:
        try:
            next_run(expression, timezone.now())
            return
        except CroniterBadDateError:
            reason = _("永远不会到期，例如 2 月 30 日")
        except (CroniterError, ValueError):
            reason = _("取值超出范围或写法不正确")
    raise ValidationError(
        _("Cron 表达式无效：“%(expression)s”%(reason)s。%(hint)s"),
        code="invalid_cron",
        params={"expression": expression, "reason": reason, "hint": FORMAT_HINT},
    )
