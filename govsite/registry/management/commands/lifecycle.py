"""`govsite lifecycle`: show a site's lifecycle and take it through opening, offline, outage and migration (S3-S6)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from govsite.core.cli import JsonCommand
from govsite.registry import lifecycle
from govsite.registry.lifecycle_rules import CHECKLIST_LABELS
from govsite.registry.models import SiteRecord

from .sites import find_record, find_user

# Subcommand → (help, extra options as (flag, help, required)).
SUBCOMMANDS: dict[str, tuple[str, tuple[tuple[str, str, bool], ...]]] = {
    "show": ("查看网站的状态、开通（注销）事项和下线记录", ()),
    "checklist": (
        "登记一项开通或注销事项（S3、S5）",
        (
            ("--item", "事项：" + "、".join(f"{key}（{label}）" for key, label in CHECKLIST_LABELS.items()), True),
            ("--date", "办理日期，如 2026-01-05", True),
            ("--note", "文号或备注", False),
        ),
    ),
    "online": ("开通检查完成后上线运行，并在门户网站发布开通公告（S3）", ()),
    "offline": (
        "临时下线：每年不超过1次，每次不超过30天（S4）",
        (("--reason", "下线原因", True), ("--end", "计划恢复时间，如 2026-03-20 或 2026-03-20T08:00", True),
         ("--start", "下线开始时间，默认为当前时间", False)),
    ),
    "back-online": ("结束临时下线，恢复上线（S4）", ()),
    "outage": (
        "报备不可抗力中断，不计入下线次数；超过72小时转为临时下线（S4）",
        (("--cause", "中断原因", True), ("--start", "中断开始时间，默认为当前时间", False)),
    ),
    "outage-end": ("登记不可抗力中断已恢复（S4）", (("--end", "恢复时间，默认为当前时间", False),)),
    "migrate": (
        "开始整合迁移，在首页悬挂迁移公告（S5）",
        (("--to", "迁移后网址", False), ("--destination", "原有内容去向", False), ("--banner", "首页迁移公告文字", False)),
    ),
    "close": ("注销手续办结后完成迁移、永久下线，门户公告保留至少30天（S5）", ()),
    "escalate": ("立即把超过72小时的不可抗力中断转为临时下线（定时任务也会执行）", ()),
}


def parse_moment(value: str | None) -> dt.datetime | None:
    """`2026-03-01` or `2026-03-01T08:00` in local time; None when the option is left out."""
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValidationError(f"时间“{value}”格式不正确，应如 2026-03-01 或 2026-03-01T08:00")
        moment = dt.datetime.combine(day, dt.time())
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _text(state: dict) -> str:
    """The lifecycle as Chinese lines for a person at a terminal."""
    lines = [f"{state['name']}（{state['site']}）：{state['status_label']}"]
    lines += [
        f"  {row['label']}：{row['done_on'] or '未办理'} {row['note']} {row['recorded_by'] or ''}".rstrip()
        for row in state["checklist"]
    ]
    lines += [f"  {d['kind_label']}：{d['start']} 至 {d['ended_at'] or d['planned_end'] or '—'}，{d['reason']}"
              for d in state["downtimes"]]
    if state["home_banner"]:
        lines.append(f"  首页迁移公告：{state['home_banner']}")
    if state["notice_keep_until"]:
        lines.append(f"  门户公告保留至：{state['notice_keep_until']}")
    lines.append(f"  可办理：{'、'.join(state['allowed']) or '无'}")
    return "\n".join(lines)


class Command(JsonCommand):
    help = "网站生命周期：开通、临时下线、不可抗力中断、整合迁移与永久下线（S3-S6）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, (text, options) in SUBCOMMANDS.items():
            p = sub.add_parser(name, help=text)
            super().add_arguments(p)
            if name != "escalate":
                p.add_argument("site", help="网站域名或主机名")
            if name not in ("escalate", "show"):
                p.add_argument("--user", help="操作人用户名，记入开通事项、变更记录和审计日志")
            for flag, option_help, required in options:
                p.add_argument(flag, help=option_help, required=required)

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "escalate":
                done = lifecycle.escalate_outages()
                self.emit(options, [d.record.domain for d in done], f"已转为临时下线：{len(done)} 个网站")
                return
            record = find_record(options["site"])
            message = getattr(self, f"do_{action.replace('-', '_')}")(record, find_user(options.get("user")), options)
        except ValidationError as error:
            raise self.fail(error) from error
        state = lifecycle.describe(SiteRecord.objects.select_related("site", "parent").get(pk=record.pk))
        self.emit(options, state, f"{message}\n{_text(state)}" if message else _text(state))

    def do_show(self, record, user, options) -> str:
        return ""

    def do_checklist(self, record, user, options) -> str:
        day = parse_date(options["date"])
        if day is None:
            raise ValidationError(f"日期“{options['date']}”格式不正确，应如 2026-01-05")
        entry = lifecycle.record_item(record, options["item"], done_on=day, note=options["note"] or "", user=user)
        return f"已登记：{entry.get_item_display()}"

    def do_online(self, record, user, options) -> str:
        lifecycle.go_online(record, user=user)
        return "网站已开通上线，开通公告已在门户网站发布"

    def do_offline(self, record, user, options) -> str:
        lifecycle.take_offline(record, reason=options["reason"], planned_end=parse_moment(options["end"]),
                               start=parse_moment(options["start"]), user=user)
        return "网站已临时下线，公告已在本网站和门户网站发布"

    def do_back_online(self, record, user, options) -> str:
        lifecycle.back_online(record, user=user)
        return "网站已恢复上线"

    def do_outage(self, record, user, options) -> str:
        lifecycle.report_outage(record, cause=options["cause"], start=parse_moment(options["start"]), user=user)
        return "已报备不可抗力中断"

    def do_outage_end(self, record, user, options) -> str:
        lifecycle.end_outage(record, end=parse_moment(options["end"]), user=user)
        return "已登记中断恢复"

    def do_migrate(self, record, user, options) -> str:
        lifecycle.start_migration(record, target_url=options["to"] or "", destination=options["destination"] or "",
                                  banner=options["banner"] or "", user=user)
        return "已开始整合迁移，首页已悬挂迁移公告"

    def do_close(self, record, user, options) -> str:
        record = lifecycle.close_site(record, user=user)
        return f"网站已{record.get_status_display()}，门户公告保留至 {record.notice_keep_until:%Y-%m-%d}"
