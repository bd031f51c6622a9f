"""The security records an 等保 level-3 review asks to see (X8, X9; 000 3.4, 6.2; 004 §24): incidents with
their timeline and post-incident report, emergency drills, security training, go-live assessments."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from govsite.core.clock import now

from . import golive_rules, incident_rules
from .golive_rules import Decision, Result
from .incident_rules import Category, Level, Status

DOCUMENT_HELP = _("PDF 或 DOCX 文件")


def check_not_future(day, field: str) -> None:
    """A record of something held cannot be dated after today."""
    if day and day > timezone.localdate(now()):
        raise ValidationError({field: _("日期不能晚于今天")})


class Incident(ClusterableModel):
    """One security incident from discovery to closing (X8, 000 6.2.4): what, when, how it was handled, to
    whom it was reported, and the analysis report without which it cannot be closed."""

    audit_site_field = "record"

    title = models.CharField(_("事件名称"), max_length=200)
    level = models.CharField(_("事件级别"), max_length=20, choices=[(v.value, _(v.label)) for v in Level])
    category = models.CharField(_("事件类别"), max_length=20, choices=[(v.value, _(v.label)) for v in Category])
    record = models.ForeignKey("registry.SiteRecord", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="security_incidents", verbose_name=_("涉及网站"))
    occurred_at = models.DateTimeField(_("发生时间"), null=True, blank=True, help_text=_("不清楚时可不填"))
    discovered_at = models.DateTimeField(_("发现时间"), db_index=True)
    contained_at = models.DateTimeField(_("控制时间"), null=True, blank=True)
    recovered_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)
    description = models.TextField(_("事件经过"))
    evidence = models.TextField(_("取证留存"), blank=True, help_text=_("遭受攻击的，及时取证留存（日志、截图、样本）"))
    measures = models.TextField(_("处置措施"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=[(v.value, _(v.label)) for v in Status],
                              default=Status.FOUND, db_index=True)
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)
    reported_by = models.CharField(_("报告人"), max_length=50, blank=True)
    reported_to = models.CharField(_("报告对象"), max_length=200, blank=True,
                                   help_text=_("如：分管领导、市委网信办、公安机关"))
    summary = models.TextField(_("事后总结报告"), blank=True,
                               help_text=_("事件原因、处置经过、损失影响、整改措施和教训"))
    summary_document = models.FileField(_("总结报告文件"), upload_to="incidents/reports/%Y/", blank=True,
                                        help_text=DOCUMENT_HELP)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("安全事件")
        verbose_name_plural = _("安全事件")
        ordering = ["-discovered_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_summary(self) -> bool:
        return bool(self.summary.strip() or self.summary_document)

    def _present(self) -> set[str]:
        """The fields a stage may need that are filled in."""
        present = {name for name in ("recovered_at", "reported_at") if getattr(self, name)}
        present |= {"reported_to"} if self.reported_to.strip() else set()
        return present | ({"summary"} if self.has_summary else set())

    def clean(self) -> None:
        times = {name: getattr(self, name) for name in incident_rules.TIME_NAMES}
        problems = incident_rules.time_problems(times, now())
        if self.status in incident_rules.STATUS_LABELS:  # an unknown value is refused by the field itself
            problems = {**incident_rules.stage_problems(Status(self.status), self._present()), **problems}
        if problems:
            raise ValidationError(problems)

    def limits(self) -> incident_rules.Limits:
        """This incident's reporting limits, in local time, from the settings (X8)."""
        return incident_rules.limits(
            Level(self.level), timezone.localtime(self.discovered_at),
            timezone.localtime(self.recovered_at) if self.recovered_at else None,
            settings.GOVSITE_INCIDENT_REPORT_HOURS, settings.GOVSITE_INCIDENT_SUMMARY_DAYS,
        )

    def overdue(self) -> list[str]:
        """What this incident is late with now; nothing once it is closed."""
        if self.status == Status.CLOSED:
            return []
        reported = timezone.localtime(self.reported_at) if self.reported_at else None
        return incident_rules.overdue(self.limits(), reported, self.has_summary, timezone.localtime(now()))


class IncidentEvent(Orderable):
    """One step of an incident's handling: when, what was done, by whom (000 6.2.4 处置全程及时汇报)."""

    incident = ParentalKey(Incident, on_delete=models.CASCADE, related_name="events", verbose_name=_("安全事件"))
    at = models.DateTimeField(_("时间"))
    action = models.TextField(_("处置情况"))
    actor = models.CharField(_("处置人"), max_length=100, help_text=_("人员或单位，如：值班员张某、维护公司"))

    class Meta(Orderable.Meta):
        verbose_name = _("处置过程")
        verbose_name_plural = _("处置过程")

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.action[:30]}"

    def clean(self) -> None:
        if self.at and self.at > now():
            raise ValidationError({"at": _("时间不能晚于当前时间")})


class Drill(models.Model):
    """An emergency drill (X8: at least one a year, 004 §24; 000 6.2.1), with what it found and changed."""

    class Kind(models.TextChoices):
        TABLETOP = "tabletop", _("桌面推演")
        LIVE = "live", _("实战演练")
        RED_BLUE = "red_blue", _("攻防演练")

    held_on = models.DateField(_("演练日期"), db_index=True)
    title = models.CharField(_("演练科目"), max_length=200, help_text=_("如：门户网站首页被篡改应急处置演练"))
    plan = models.CharField(_("依据预案"), max_length=200, blank=True)
    kind = models.CharField(_("演练形式"), max_length=10, choices=Kind.choices)
    units = models.TextField(_("参演单位"))
    people = models.PositiveIntegerField(_("参演人数"))
    process = models.TextField(_("演练过程"))
    problems = models.TextField(_("发现的问题"), blank=True)
    improvements = models.TextField(_("改进措施"), blank=True)
    report = models.TextField(_("演练总结"), blank=True)
    report_document = models.FileField(_("演练报告文件"), upload_to="incidents/drills/%Y/", blank=True,
                                       help_text=DOCUMENT_HELP)

    class Meta:
        verbose_name = _("应急演练")
        verbose_name_plural = _("应急演练")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    def clean(self) -> None:
        check_not_future(self.held_on, "held_on")
        if self.people is not None and self.people < 1:
            raise ValidationError({"people": _("参演人数至少为1人")})


class Training(models.Model):
    """Security training of the staff (000 3.4: at least once a year; 000 6.2.1 教育、培训和技能考核)."""

    class Kind(models.TextChoices):
        AWARENESS = "awareness", _("安全教育")
        TECHNICAL = "technical", _("技术培训")
        ASSESSMENT = "assessment", _("技能考核")

    held_on = models.DateField(_("培训日期"), db_index=True)
    topic = models.CharField(_("培训主题"), max_length=200)
    kind = models.CharField(_("培训类型"), max_length=12, choices=Kind.choices)
    trainer = models.CharField(_("授课人"), max_length=100)
    attendee_count = models.PositiveIntegerField(_("参训人数"))
    attendees = models.TextField(_("参训单位或人员"))
    hours = models.DecimalField(_("学时（小时）"), max_digits=4, decimal_places=1)
    materials = models.TextField(_("培训材料"), blank=True)
    materials_document = models.FileField(_("培训材料文件"), upload_to="incidents/training/%Y/", blank=True,
                                          help_text=DOCUMENT_HELP)

    class Meta:
        verbose_name = _("安全培训")
        verbose_name_plural = _("安全培训")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"

    def clean(self) -> None:
        check_not_future(self.held_on, "held_on")
        if self.attendee_count is not None and self.attendee_count < 1:
            raise ValidationError({"attendee_count": _("参训人数至少为1人")})
        if self.hours is not None and not 0 < self.hours <= 24:
            raise ValidationError({"hours": _("学时应大于0且不超过24小时")})


class GoLiveReview(models.Model):
    """The security assessment of a new column or function before it goes live (X9, 002 4(3)); `checks`
    holds each check's result and note by code."""

    class Kind(models.TextChoices):
        COLUMN = "column", _("新栏目")
        FUNCTION = "function", _("新功能")

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="golive_reviews",
                               verbose_name=_("网站"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    subject = models.CharField(_("上线内容"), max_length=200, help_text=_("栏目或功能的名称"))
    checks = models.JSONField(_("检查结果"), default=dict, blank=True)
    reviewer = models.CharField(_("评估人"), max_length=100, help_text=_("人员或评估机构"))
    reviewed_on = models.DateField(_("评估日期"))
    decision = models.CharField(_("评估结论"), max_length=10, default=Decision.PENDING,
                                choices=[(v.value, _(v.label)) for v in Decision])
    remarks = models.TextField(_("评估意见"), blank=True)

    audit_site_field = "record"

    class Meta:
        verbose_name = _("上线安全评估")
        verbose_name_plural = _("上线安全评估")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.record}·{self.subject}"

    def results(self) -> dict[str, tuple[Result, str]]:
        """Each check's (result, note); unanswered checks are pending."""
        stored = self.checks or {}
        return {
            code: (Result(stored.get(code, {}).get("result", Result.PENDING)), stored.get(code, {}).get("note", ""))
            for code, _label in golive_rules.CHECKS
        }

    @property
    def failed_count(self) -> int:
        return sum(1 for result, _note in self.results().values() if result is Result.FAILED)

    def clean(self) -> None:
        check_not_future(self.reviewed_on, "reviewed_on")
        problems = golive_rules.decision_problems(Decision(self.decision), self.results())
        if problems:
            raise ValidationError({"decision": problems})
