"""What monitoring records of each site: availability probes (M1, M5), kept for at least six months, and
the rectification list of what it found (M4)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govsite.registry.lifecycle_rules import SiteStatus

from .alert_rules import Level
from .rectification_rules import Severity, Status

MONITORED = (SiteStatus.RUNNING, SiteStatus.OFFLINE, SiteStatus.MIGRATING)  # sites the public can reach


class Probe(models.Model):
    """One fetch of a site's home page; failed or ≥15 s counts against availability (国办秘函〔2019〕19号)."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="probes",
                               verbose_name=_("网站"))
    at = models.DateTimeField(_("探测时间"), db_index=True)
    url = models.CharField(_("探测地址"), max_length=300)
    ok = models.BooleanField(_("可访问"))
    status = models.PositiveSmallIntegerField(_("HTTP 状态码"), null=True, blank=True)
    seconds = models.FloatField(_("响应时间（秒）"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("首页可用性探测")
        verbose_name_plural = _("首页可用性探测")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["record", "at"], name="probe_site_time")]

    def __str__(self) -> str:
        return f"{self.record} {self.at:%Y-%m-%d %H:%M} {'正常' if self.ok else self.error}"


class Rectification(models.Model):
    """One problem found by monitoring, assigned to the unit and the column's owner, with its deadline (M4).

    The unit marks it fixed; the next check verifies it or reopens it. Items are never deleted: the
    整改清单 is the record of what was found and when it was fixed.
    """

    audit_site_field = "record"

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="rectifications",
                               verbose_name=_("网站"))
    kind = models.CharField(_("问题类型"), max_length=40)
    fingerprint = models.CharField(max_length=40, db_index=True, editable=False)
    subject = models.CharField(_("问题位置"), max_length=500, help_text=_("页面、链接或栏目的地址"))
    description = models.CharField(_("问题描述"), max_length=500)
    evidence = models.JSONField(_("证据"), default=list, blank=True)
    severity = models.CharField(_("严重程度"), max_length=10, choices=[(s.value, _(s.label)) for s in Severity])
    column = models.ForeignKey("columns.ColumnPage", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("所在栏目"))
    responsible_unit = models.CharField(_("责任单位"), max_length=100)
    responsible_person = models.CharField(_("责任人"), max_length=50, blank=True)
    found_on = models.DateField(_("发现日期"))
    due_on = models.DateField(_("整改期限"), db_index=True)
    last_seen_at = models.DateTimeField(_("最近一次发现"))
    status = models.CharField(_("状态"), max_length=10, choices=[(s.value, _(s.label)) for s in Status],
                              default=Status.OPEN, db_index=True)
    fixed_at = models.DateTimeField(_("标记整改时间"), null=True, blank=True)
    fixed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("整改人"))
    fix_note = models.CharField(_("整改说明"), max_length=500, blank=True)
    verified_at = models.DateTimeField(_("复查通过时间"), null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("复发次数"), default=0)

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改清单")
        ordering = ["status", "due_on", "pk"]
        permissions = [("fix_rectification", _("可以标记本单位的问题已整改"))]

    def __str__(self) -> str:
        return f"{self.record} {self.description}"

    @property
    def is_overdue(self) -> bool:
        return self.status == Status.OPEN and self.due_on < timezone.localdate()


class LinkCheckRun(models.Model):
    """One run of the link checker over a published site, with every broken link and where it sits (M1)."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="link_checks",
                               verbose_name=_("网站"))
    started_at = models.DateTimeField(_("开始时间"), db_index=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    start_url = models.CharField(_("起始地址"), max_length=300)
    pages = models.PositiveIntegerField(_("页面数"), default=0)
    links = models.PositiveIntegerField(_("链接数"), default=0)
    broken = models.JSONField(_("失效链接"), default=list, blank=True)
    home_broken = models.PositiveIntegerField(_("首页失效链接数"), default=0)
    page_problems = models.JSONField(_("页面问题"), default=list, blank=True,
                                     help_text=_("元数据缺失、内容检查拦截项、空白栏目，按页面记录"))

    class Meta:
        verbose_name = _("链接检查")
        verbose_name_plural = _("链接检查")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.record} {self.started_at:%Y-%m-%d %H:%M}"


class Inspection(models.Model):
    """A site's check of one day against the national indicators: pass or fail, score and evidence (M1, M6)."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="inspections",
                               verbose_name=_("网站"))
    day = models.DateField(_("检查日期"), db_index=True)
    score = models.FloatField(_("得分"))
    passed = models.BooleanField(_("合格"))
    vetoes = models.JSONField(_("单项否决"), default=list, blank=True)
    at_risk = models.JSONField(_("预警指标"), default=list, blank=True)
    results = models.JSONField(_("指标结果"), default=list, blank=True)
    deductions = models.JSONField(_("扣分项"), default=list, blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now=True)

    class Meta:
        verbose_name = _("日常检查")
        verbose_name_plural = _("日常检查")
        ordering = ["-day", "record__name"]
        constraints = [models.UniqueConstraint(fields=["record", "day"], name="one_inspection_per_site_day")]

    def __str__(self) -> str:
        return f"{self.record} {self.day}：{self.score}"

    def _names(self, keys: list[str]) -> list[str]:
        names = {result["key"]: result["name"] for result in self.results}
        return [names.get(key, key) for key in keys]

    @property
    def veto_names(self) -> list[str]:
        """The single-veto indicators failed that day, by their Chinese names."""
        return self._names(self.vetoes)

    @property
    def risk_names(self) -> list[str]:
        """The indicators at risk that day, by their Chinese names."""
        return self._names(self.at_risk)


def check_period(start, end) -> None:
    """A shift or a heightened period ends after it starts."""
    if start and end and end <= start:
        raise ValidationError({"end": _("结束时间应晚于开始时间")})


class DutyShift(models.Model):
    """One shift of the 24-hour watch (M7): alerts raised during it go to its officer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duty_shifts",
                             verbose_name=_("值班人员"))
    start = models.DateTimeField(_("开始时间"), db_index=True)
    end = models.DateTimeField(_("结束时间"))
    phone = models.CharField(_("值班电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班表")
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.user} {timezone.localtime(self.start):%m-%d %H:%M}—{timezone.localtime(self.end):%m-%d %H:%M}"

    def clean(self) -> None:
        check_period(self.start, self.end)


class HeightenedPeriod(models.Model):
    """A major meeting or holiday declared by the office (M7): probes run more often, alerts go out at once."""

    name = models.CharField(_("名称"), max_length=100, help_text=_("如：全国两会、春节假期"))
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    probe_minutes = models.PositiveSmallIntegerField(_("探测间隔（分钟）"), default=5)

    class Meta:
        verbose_name = _("重要时期")
        verbose_name_plural = _("重要时期（加强监测）")
        ordering = ["-start"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_period(self.start, self.end)


class Alert(models.Model):
    """An alert raised by monitoring: what, how urgent, when it goes out and to whom it went (M5, M7)."""

    record = models.ForeignKey("registry.SiteRecord", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="alerts", verbose_name=_("网站"))
    level = models.CharField(_("级别"), max_length=10, choices=[(v.value, _(v.label)) for v in Level])
    kind = models.CharField(_("类型"), max_length=40)
    message = models.CharField(_("内容"), max_length=500)
    raised_at = models.DateTimeField(_("产生时间"), db_index=True)
    deliver_at = models.DateTimeField(_("发送时间"), db_index=True)
    delivered_at = models.DateTimeField(_("已发送"), null=True, blank=True)
    recipients = models.JSONField(_("接收人"), default=list, blank=True)
    webhook_result = models.CharField(_("Webhook 结果"), max_length=200, blank=True)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("确认人"))

    class Meta:
        verbose_name = _("告警")
        verbose_name_plural = _("告警")
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"[{self.get_level_display()}] {self.message}"


class MonitoringReport(models.Model):
    """A daily inspection record, a monthly self-check (M2) or a quarterly sampling inspection (M3): its
    table as computed when it was made, exportable and publishable on the portal."""

    class Kind(models.TextChoices):
        DAILY = "daily", _("日常检查记录")
        MONTHLY = "monthly", _("月度自查报告")
        QUARTERLY = "quarterly", _("季度抽查通报")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    seed = models.BigIntegerField(_("抽样种子"), null=True, blank=True)
    summary = models.TextField(_("概述"), blank=True)
    header = models.JSONField(_("表头"), default=list)
    rows = models.JSONField(_("表格"), default=list)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("生成人"))
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("发布页面"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("监测报告")
        verbose_name_plural = _("监测报告")
        ordering = ["-period_end", "-created_at"]
        permissions = [("publish_monitoringreport", _("可以在门户网站发布监测报告"))]

    def __str__(self) -> str:
        return self.title


class SeriousProblem(models.Model):
    """A serious problem the office recorded on a site (国办秘函〔2019〕19号 安全、泄密事故等严重问题): any one
    in the past year fails the site's check."""

    class Category(models.TextChoices):
        WRONG_STATEMENT = "wrong_statement", _("严重表述错误")
        SECRET_LEAK = "secret_leak", _("泄露国家秘密")
        HARMFUL = "harmful", _("发布或链接反动、暴力、色情等内容")
        HACKED = "hacked", _("被挂马或篡改未及时处置")
        FALSIFIED = "falsified", _("弄虚作假（如伪造发稿日期）")
        BAD_OPINION = "bad_opinion", _("引发严重负面舆情")

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="serious_problems",
                               verbose_name=_("网站"))
    category = models.CharField(_("问题类别"), max_length=20, choices=Category.choices)
    found_on = models.DateField(_("发现日期"))
    description = models.TextField(_("情况说明"))
    handling = models.TextField(_("处置情况"), blank=True)

    class Meta:
        verbose_name = _("严重问题记录")
        verbose_name_plural = _("严重问题记录")
        ordering = ["-found_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.record} {self.found_on} {self.get_category_display()}"


class BonusAward(models.Model):
    """Bonus points the office awards a portal for innovation and good practice (up to 30 a year)."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="bonus_awards",
                               verbose_name=_("门户网站"))
    year = models.PositiveSmallIntegerField(_("年度"))
    points = models.DecimalField(_("加分"), max_digits=4, decimal_places=1)
    reason = models.CharField(_("加分理由"), max_length=300)

    class Meta:
        verbose_name = _("加分")
        verbose_name_plural = _("加分")
        ordering = ["-year", "record__name"]

    def __str__(self) -> str:
        return f"{self.record} {self.year} +{self.points}"

    def clean(self) -> None:
        if self.record_id and not self.record.is_portal:
            raise ValidationError({"record": _("只有门户网站可以加分")})
        if self.points is not None and not 0 < self.points <= 30:
            raise ValidationError({"points": _("加分应大于0且不超过30分")})
