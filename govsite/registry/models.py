"""The registry record of every site (S2), its lifecycle (S3-S5) and the history of its changes (S6)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Site

from govsite.columns.rules import UpdateCategory

from . import rules
from .lifecycle_rules import CHECKLIST_LABELS, STATUS_LABELS, SiteStatus
from .rules import SITE_TYPE_LABELS, SiteType

# Fields whose every change is recorded and shown as the site's history (S6).
HISTORY_FIELDS = (
    "name",
    "short_name",
    "site_type",
    "parent",
    "sponsor",
    "organizer",
    "person_in_charge",
    "person_phone",
    "person_email",
    "contact_phone",
    "contact_email",
    "contact_address",
    "site_id_code",
    "icp_number",
    "psb_number",
    "domain",
    "chinese_domain",
    "domain_exception_reason",
    "superior_name",
    "superior_url",
    "party_mark_url",
    "update_days_dynamics",
    "update_days_notices",
    "update_days_other",
)
# Lifecycle fields, changed only through `lifecycle.py` and recorded in the same history (S6).
LIFECYCLE_FIELDS = ("status", "home_banner", "migration_target", "content_destination")


class SiteRecord(models.Model):
    """A site of the platform: the Wagtail site it serves plus its official registration."""

    site = models.OneToOneField(
        Site, on_delete=models.PROTECT, related_name="record", verbose_name=_("Wagtail 站点")
    )
    name = models.CharField(_("网站名称"), max_length=100, unique=True)
    short_name = models.CharField(
        _("单位简称"), max_length=30, blank=True, help_text=_("用于核对域名的拼音首字母，如“发改委”")
    )
    site_type = models.CharField(
        _("网站类型"), max_length=20, choices=[(t.value, _(label)) for t, label in SITE_TYPE_LABELS.items()]
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级门户网站"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=100)
    organizer = models.CharField(_("承办单位"), max_length=100)
    person_in_charge = models.CharField(_("网站负责人"), max_length=50)
    person_phone = models.CharField(_("负责人电话"), max_length=30)
    person_email = models.EmailField(_("负责人电子邮箱"))
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    site_id_code = models.CharField(_("网站标识码"), max_length=10, unique=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=40)
    psb_number = models.CharField(_("公安机关备案号"), max_length=40)
    domain = models.CharField(_("英文域名"), max_length=253, unique=True)
    chinese_domain = models.CharField(_("中文域名"), max_length=100, blank=True)
    domain_exception_reason = models.CharField(
        _("域名例外原因"),
        max_length=200,
        blank=True,
        help_text=_("部门网站域名不是单位名称拼音首字母时必须填写，并记入变更记录"),
    )
    superior_name = models.CharField(
        _("上级门户名称"), max_length=100, blank=True, help_text=_("无上级站点时首页链接的上级门户，如省政府门户网站")
    )
    superior_url = models.URLField(_("上级门户网址"), blank=True)
    party_mark_url = models.URLField(
        _("党政机关网站标识链接"), blank=True, help_text=_("党政机关网站标识的核验地址，显示在页脚")
    )
    update_days_dynamics = models.PositiveSmallIntegerField(_("动态类栏目更新周期（天）"), default=14)
    update_days_notices = models.PositiveSmallIntegerField(_("通知公告、政策文件类栏目更新周期（天）"), default=183)
    update_days_other = models.PositiveSmallIntegerField(_("其他栏目更新周期（天）"), default=365)
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("附件与图片集合")
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    status = models.CharField(
        _("网站状态"),
        max_length=10,
        choices=[(s.value, _(label)) for s, label in STATUS_LABELS.items()],
        default=SiteStatus.RUNNING.value,
        db_index=True,
    )
    home_banner = models.CharField(
        _("首页迁移公告"), max_length=300, blank=True, help_text=_("整合迁移期间在首页显著位置悬挂（S5，003 §13）")
    )
    migration_target = models.URLField(_("迁移后网址"), blank=True)
    content_destination = models.CharField(_("原有内容去向"), max_length=200, blank=True)
    closing_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("门户迁移（下线）公告"),
    )
    notice_keep_until = models.DateField(_("门户公告保留至"), null=True, blank=True)

    class Meta:
        verbose_name = _("网站")
        verbose_name_plural = _("网站登记")
        ordering = ["site_type", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, changed_by=None, **kwargs) -> None:
        """Save, and record every changed registry field with who changed it (S6)."""
        changed_by = changed_by or getattr(self, "_changed_by", None)
        with transaction.atomic():
            old = SiteRecord.objects.filter(pk=self.pk).first() if self.pk else None
            super().save(*args, **kwargs)
            if old is not None:
                SiteRecordChange.record_differences(old, self, changed_by)


    @property
    def is_portal(self) -> bool:
        return self.site_type in (SiteType.PORTAL, SiteType.DISTRICT_PORTAL)

    def clean(self) -> None:
        """Refuse values that break a registry rule (S2), with the rule named in Chinese."""
        errors = {field: msg for field, msg in self.rule_violations() if msg}
        if errors:
            raise ValidationError(errors)

    def rule_violations(self):
        """Yield (field, message or None) for each registry rule."""
        yield "site_id_code", rules.check_site_id_code(self.site_id_code)
        yield "icp_number", rules.check_icp_number(self.icp_number)
        yield "psb_number", rules.check_psb_number(self.psb_number)
        if self.chinese_domain:
            yield "chinese_domain", rules.check_chinese_domain(self.chinese_domain)
        if self.site_type in (SiteType.DEPARTMENT, SiteType.SPECIAL) and not self.parent_id:
            yield "parent", "部门网站和专项网站须指定上级门户网站"
        if self.parent_id and self.parent_id == self.pk:
            yield "parent", "上级门户网站不能是本网站"
        parent_domain = self.parent.domain if self.parent_id else ""
        yield "domain", rules.check_domain(
            self.domain,
            SiteType(self.site_type),
            unit_names=(self.short_name, self.unit_name_without_region()),
            parent_domain=parent_domain,
            exception_reason=self.domain_exception_reason,
        )

    def unit_name_without_region(self) -> str:
        """The unit's name with the city prefix and the word 网站 removed: 弥勒市教育局网站 → 教育局."""
        name = self.sponsor or self.name
        if self.parent_id:
            region = self.parent.sponsor.removesuffix("人民政府")
            name = name.removeprefix(region)
        return name.removesuffix("网站")

    def update_days_for(self, category: str) -> int:
        """This site's update window for a column category (C4, per-site profile)."""
        return {
            UpdateCategory.DYNAMICS: self.update_days_dynamics,
            UpdateCategory.NOTICES_POLICIES: self.update_days_notices,
        }.get(category, self.update_days_other)

    @property
    def psb_code(self) -> str:
        """The 14 digits of the 公安机关备案号, for the filing lookup link."""
        return "".join(ch for ch in self.psb_number if ch.isdigit())

    @property
    def superior(self) -> tuple[str, str]:
        """(name, url) of the superior portal the home page links to (C7)."""
        if self.parent_id:
            return self.parent.name, self.parent.site.root_url + "/"
        return self.superior_name, self.superior_url

    def as_dict(self) -> dict:
        """The record as plain data, for `govsite sites list --json` and exports."""
        data = {name: _display_plain(self, name) for name in HISTORY_FIELDS}
        data.update(
            id=self.pk,
            site_type_label=self.get_site_type_display(),
            parent=self.parent.domain if self.parent_id else None,
            hostname=self.site.hostname,
            port=self.site.port,
            root_url=self.site.root_url,
            status=self.status,
            status_label=self.get_status_display(),
            created_at=self.created_at.isoformat() if self.created_at else None,
        )
        return data


class SiteRecordChange(models.Model):
    """One changed field of a site's registration: who, when, old and new value (S6)."""

    record = models.ForeignKey(
        SiteRecord, on_delete=models.CASCADE, related_name="changes", verbose_name=_("网站")
    )
    changed_at = models.DateTimeField(_("变更时间"), auto_now_add=True, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("变更人"),
    )
    field = models.CharField(_("字段"), max_length=50)
    field_label = models.CharField(_("变更项目"), max_length=50)
    old_value = models.TextField(_("原值"), blank=True)
    new_value = models.TextField(_("新值"), blank=True)

    class Meta:
        verbose_name = _("网站备案变更")
        verbose_name_plural = _("网站备案变更记录")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.record}：{self.field_label}"

    @classmethod
    def record_differences(cls, old: SiteRecord, new: SiteRecord, user) -> list[SiteRecordChange]:
        """Write one row per field that differs between two versions of a record."""
        rows = []
        for name in HISTORY_FIELDS + LIFECYCLE_FIELDS:
            field = SiteRecord._meta.get_field(name)
            before, after = field.value_from_object(old), field.value_from_object(new)
            if before != after:
                rows.append(
                    cls(
                        record=new,
                        changed_by=user,
                        field=name,
                        field_label=str(field.verbose_name),
                        old_value=_display(field, old),
                        new_value=_display(field, new),
                    )
                )
        return cls.objects.bulk_create(rows)


class SiteChecklistItem(models.Model):
    """One step of opening (S3) or cancelling (S5) a site: when it was done, its number, who recorded it."""

    record = models.ForeignKey(
        SiteRecord, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("网站")
    )
    item = models.CharField(
        _("事项"), max_length=30, choices=[(i.value, _(label)) for i, label in CHECKLIST_LABELS.items()]
    )
    done_on = models.DateField(_("办理日期"))
    note = models.CharField(_("文号或备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now=True)

    class Meta:
        verbose_name = _("开通与注销事项")
        verbose_name_plural = _("开通与注销事项")
        constraints = [models.UniqueConstraint(fields=["record", "item"], name="registry_checklist_once")]

    def __str__(self) -> str:
        return f"{self.record}：{self.get_item_display()}"


class SiteDowntime(models.Model):
    """A temporary offline (counted, once a year, at most 30 days) or a force-majeure outage (not counted) (S4)."""

    class Kind(models.TextChoices):
        OFFLINE = "offline", _("临时下线")
        OUTAGE = "outage", _("不可抗力中断")

    record = models.ForeignKey(
        SiteRecord, on_delete=models.CASCADE, related_name="downtimes", verbose_name=_("网站")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("原因"), max_length=300)
    start = models.DateTimeField(_("开始时间"))
    planned_end = models.DateTimeField(_("计划恢复时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("实际恢复时间"), null=True, blank=True)
    outage = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalated_to",
        verbose_name=_("由此中断转为临时下线"),
    )
    site_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("本网站公告"),
    )
    portal_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("门户网站公告"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("报备人"),
    )
    created_at = models.DateTimeField(_("报备时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("下线与中断")
        verbose_name_plural = _("下线与中断记录")
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return f"{self.record}：{self.get_kind_display()}（{self.start:%Y-%m-%d}）"

    def as_dict(self) -> dict:
        """The downtime as plain data, for `govsite lifecycle show --json`."""
        return {
            "kind": self.kind,
            "kind_label": self.get_kind_display(),
            "reason": self.reason,
            "start": self.start.isoformat(),
            "planned_end": self.planned_end.isoformat() if self.planned_end else None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "from_outage": self.outage_id is not None,
        }


def _display(field: models.Field, record: SiteRecord) -> str:
    """A field's value as a person reads it (a choice's label, a related record's name)."""
    if field.choices:
        return str(getattr(record, f"get_{field.name}_display")())
    if field.is_relation:
        related = getattr(record, field.name)
        return str(related) if related else ""
    value = field.value_from_object(record)
    return "" if value is None else str(value)


def _display_plain(record: SiteRecord, name: str):
    """A field's raw value, JSON-ready (numbers stay numbers)."""
    value = SiteRecord._meta.get_field(name).value_from_object(record)
    return value if isinstance(value, int | str) or value is None else str(value)
