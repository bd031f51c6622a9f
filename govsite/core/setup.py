"""Preparing a freshly migrated platform: no Wagtail sample page, the platform's role groups."""

from __future__ import annotations

from wagtail.models import Page, Site


def remove_wagtail_welcome() -> None:
    """Wagtail's installation page and its `localhost` site belong to no registered site."""
    Site.objects.filter(record__isnull=True, root_page__content_type__model="page").delete()
    for page in Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page"):
        page.delete()


# The platform's standing schedules: (name, job, cron). Operators may change or disable them in the admin.
DEFAULT_SCHEDULES = (
    ("网页防篡改检查（每分钟）", "publishing.tamper_check", "* * * * *"),
    ("突发事件首发超时督办（每5分钟）", "review.escalate_emergencies", "*/5 * * * *"),
    ("审计日志完整性校验（每天）", "jobs.audit_verify", "30 2 * * *"),
    ("不可抗力中断超时转临时下线（每小时）", "registry.escalate_outages", "5 * * * *"),
    ("来信与纠错到期提醒、超期督办（每小时）", "interaction.deadlines", "10 * * * *"),
    ("调查征集结果公布超期检查（每天）", "participation.flag_overdue_results", "20 1 * * *"),
    ("依申请公开到期提醒、超期督办，主动公开超期提醒（每小时）", "disclosure.deadlines", "15 * * * *"),
    ("网站首页可用性探测（每30分钟，重要时期按设定间隔）", "monitoring.probe", "*/5 * * * *"),
    ("发送静默时段后的告警（每5分钟）", "monitoring.deliver_alerts", "*/5 * * * *"),
    ("全部网站链接检查（每天）", "monitoring.linkcheck", "30 2 * * *"),
    ("网站日常检查（每天）", "monitoring.inspect", "40 6 * * *"),
    ("上月政府网站自查报告（每月1日）", "monitoring.monthly_report", "0 8 1 * *"),
    ("上季度政府网站抽查（每季度首日）", "monitoring.quarterly_sampling", "30 8 1 1,4,7,10 *"),
    ("每日全量备份并恢复校验", "backup.daily", "0 3 * * *"),
    ("应急演练、安全培训年度提醒，安全事件超时督办（每天）", "incidents.yearly_reminders", "0 9 * * *"),
    ("按计划采集到期的采集源（每5分钟检查）", "collector.run_due", "*/5 * * * *"),
    ("访问统计汇总（每天）", "analytics.rollup", "15 0 * * *"),
    ("网站年度工作报表公开期限提醒（每天）", "reports.deadline_reminders", "10 9 * * *"),
)


def ensure_default_schedules() -> None:
    """Create the standing schedules once; later edits by operators are kept."""
    from govsite.jobs.models import Schedule

    for name, task_name, cron in DEFAULT_SCHEDULES:
        if not Schedule.objects.filter(task_name=task_name).exists():
            Schedule.objects.create(name=name, task_name=task_name, cron_expression=cron)


def prepare_platform(**_kwargs) -> None:
    """Run after every `migrate`; safe to repeat."""
    from govsite.registry.models import SiteRecord
    from govsite.review.groups import ensure_platform_groups, ensure_unit_groups
    from govsite.workdays.seeding import seed_from_package

    if Page.get_first_root_node() is None:  # a flushed test database has no page tree
        return
    remove_wagtail_welcome()
    ensure_platform_groups()
    for record in SiteRecord.objects.all():  # an upgrade brings new roles and grants to every site
        ensure_unit_groups(record)
    ensure_default_schedules()
    seed_from_package()
