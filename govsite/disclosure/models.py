"""Government information disclosure (P1, I9, R2): each unit's disclosure office, the catalogue's
entries with their index numbers, applications for information and their clocks, annual reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govsite.security.fields import EncryptedTextField

from . import rules
from .rules import APPLICANT_LABELS, CHANNEL_LABELS, LEVEL_LABELS, OUTCOME_ROWS, ApplicantType, Outcome


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(key.value, _(label)) for key, label in labels.items()]


OUTCOME_CHOICES = [(o.value, _(o.full_label)) for o in OUTCOME_ROWS]


class DisclosureOffice(models.Model):
    """A unit's 政府信息公开工作机构: its code for index numbers, its level, and where to reach it."""

    record = models.OneToOneField(
        "registry.SiteRecord", on_delete=models.CASCADE, related_name="disclosure_office", verbose_name=_("网站")
    )
    agency_name = models.CharField(_("行政机关名称"), max_length=100)
    unit_code = models.CharField(_("统一社会信用代码"), max_length=18, help_text=_("索引号的前缀（P1）"))
    level = models.CharField(_("机关类型"), max_length=12, choices=_choices(LEVEL_LABELS),
                             default=rules.GovernmentLevel.DEPARTMENT)
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100)
    address = models.CharField(_("办公地址"), max_length=200)
    office_hours = models.CharField(_("办公时间"), max_length=100, default="工作日 9:00-12:00，14:30-17:30")
    phone = models.CharField(_("联系电话"), max_length=30)
    fax = models.CharField(_("传真"), max_length=30, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)

    class Meta:
        verbose_name = _("信息公开工作机构")
        verbose_name_plural = _("信息公开工作机构")

    def __str__(self) -> str:
        return self.agency_name

    def clean(self) -> None:
        error = rules.unit_code_error(self.unit_code)
        if error:
            raise ValidationError({"unit_code": _(error)})
        self.unit_code = self.unit_code.strip().upper()

    @property
    def government_level(self) -> rules.GovernmentLevel:
        return rules.GovernmentLevel(self.level)


def office_of(record) -> DisclosureOffice | None:
    """The site's registered disclosure office, if any."""
    return DisclosureOffice.objects.filter(record=record).first()


def agency_name(record) -> str:
    """The agency a site speaks for in disclosure: its office's agency, else the site's sponsor."""
    office = office_of(record)
    return office.agency_name if office else record.sponsor


class IndexSequence(models.Model):
    """The last sequence number given out per unit and year: numbers only ever go up (P1)."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "year"], name="one_sequence_per_site_year")]

    def __str__(self) -> str:
        return f"{self.record_id}/{self.year}: {self.last}"

    @classmethod
    def next_number(cls, record, year: int) -> str:
        """A new index number; the row lock makes concurrent publications take different numbers.

        The prefix is the unit's 统一社会信用代码, or its 网站标识码 until the office is registered.
        """
        office = office_of(record)
        with transaction.atomic():
            cls.objects.get_or_create(record=record, year=year)
            sequence = cls.objects.select_for_update().get(record=record, year=year)
            sequence.last += 1
            sequence.save(update_fields=["last"])
        return rules.index_number(office.unit_code if office else record.site_id_code, year, sequence.last)


class CatalogueEntry(models.Model):
    """A page of the disclosure catalogue with its filing metadata and its Art. 26 deadline (P1)."""

    audit_site_field = "record"

    class Method(models.TextChoices):
        PROACTIVE = "proactive", _("主动公开")
        ON_REQUEST = "on_request", _("依申请公开")

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        INVALID = "invalid", _("失效")
        REPEALED = "repealed", _("废止")

    class DocumentKind(models.TextChoices):
        NONE = "", _("非规章或规范性文件")
        RULES = "rules", _("规章")
        NORMATIVE = "normative", _("行政规范性文件")

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="catalogue_entry",
                                verbose_name=_("页面"))
    record = models.ForeignKey("registry.SiteRecord", on_delete=models.PROTECT, related_name="catalogue_entries",
                               verbose_name=_("网站"))
    index_number = models.CharField(_("索引号"), max_length=40, unique=True)
    publisher = models.CharField(_("发布机构"), max_length=100)
    formed_on = models.DateField(_("生成日期"), help_text=_("信息形成或变更的日期，20个工作日内须公开（第二十六条）"))
    due_on = models.DateField(_("公开期限"))
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    method = models.CharField(_("公开方式"), max_length=12, choices=Method.choices, default=Method.PROACTIVE)
    category = models.CharField(_("目录分类"), max_length=50, blank=True)
    topic = models.CharField(_("主题分类"), max_length=50, blank=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    document_kind = models.CharField(_("文件类型"), max_length=10, choices=DocumentKind.choices, blank=True,
                                     default=DocumentKind.NONE)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("信息公开目录条目")
        verbose_name_plural = _("信息公开目录")
        ordering = ["-formed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.index_number} {self.page.title}"

    @property
    @admin.display(boolean=True, description=_("超期公开"))
    def published_late(self) -> bool:
        """Published after its Art. 26 deadline."""
        return self.published_on is not None and self.published_on > self.due_on

    @property
    def is_overdue(self) -> bool:
        """Not yet published and past its Art. 26 deadline."""
        return self.published_on is None and self.due_on < timezone.localdate()


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[InformationRequest.Status.ANSWERED, InformationRequest.Status.WITHDRAWN])

    def running(self):
        """Requests whose reply clock runs (received, not waiting for a correction)."""
        return self.filter(status__in=[InformationRequest.Status.PROCESSING, InformationRequest.Status.CONSULTING,
                                       InformationRequest.Status.SIGNING])


class InformationRequest(models.Model):
    """An application for government information (I9) and its statutory clock (Art. 30-33)."""

    audit_site_field = "record"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待确认收到")
        CORRECTION = "correction", _("待申请人补正")
        PROCESSING = "processing", _("办理中")
        CONSULTING = "consulting", _("征求第三方意见")
        SIGNING = "signing", _("答复待签发")
        ANSWERED = "answered", _("已答复")
        WITHDRAWN = "withdrawn", _("申请人撤回")

    class Delivery(models.TextChoices):
        EMAIL = "email", _("电子邮件")
        POST = "post", _("邮寄")
        PICKUP = "pickup", _("当面领取")
        ONLINE = "online", _("网上查看")

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.PROTECT, related_name="information_requests",
                               verbose_name=_("受理机关"))
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=_choices(APPLICANT_LABELS))
    name = EncryptedTextField(_("姓名或名称"))
    id_number = EncryptedTextField(_("身份证件号码或统一社会信用代码"), blank=True)
    legal_representative = EncryptedTextField(_("法定代表人或负责人"), blank=True)
    contact_person = EncryptedTextField(_("联系人"), blank=True)
    phone = EncryptedTextField(_("联系电话"))
    email = EncryptedTextField(_("电子邮箱"), blank=True)
    address = EncryptedTextField(_("通信地址"), blank=True)
    description = models.TextField(_("所需政府信息的名称、文号或便于查询的其他特征性描述"))
    purpose = models.TextField(_("所需信息的用途"), blank=True)
    delivery = models.CharField(_("获取信息的方式"), max_length=10, choices=Delivery.choices,
                                default=Delivery.ONLINE)
    channel = models.CharField(_("申请方式"), max_length=15, choices=_choices(CHANNEL_LABELS),
                               default=rules.Channel.ONLINE)
    query_code = models.CharField(_("查询码"), max_length=16, unique=True)
    password_digest = models.CharField(max_length=64, editable=False)

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED,
                              db_index=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True,
                                   help_text=_("按第三十一条确定；答复期限自此计算"))
    correction_requested_on = models.DateField(_("补正通知日期"), null=True, blank=True)
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_deadline = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正申请日期"), null=True, blank=True)
    correction_notice_due = models.DateField(_("补正告知期限"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_uncertain_years = models.JSONField(default=list, blank=True)
    paused_days = models.PositiveSmallIntegerField(_("征求意见不计入的工作日"), default=0)
    extension_days = models.PositiveSmallIntegerField(_("延长的工作日"), default=0)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    reply_text = models.TextField(_("答复书正文"), blank=True)
    reply_document = models.FileField(_("答复书"), upload_to="disclosure/replies/%Y/", blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    on_time = models.BooleanField(_("按期答复"), null=True, blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("承办人"))
    reminded_on = models.DateField(_("到期提醒日期"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("超期督办时间"), null=True, blank=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            ("handle_informationrequest", _("可以办理本单位的政府信息公开申请")),
            ("approve_informationrequest", _("可以批准延期和签发答复书（信息公开工作机构负责人）")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description[:30]}"

    @property
    def number(self) -> str:
        """The application's number: the year it was submitted and its sequence."""
        return f"YSQ{timezone.localtime(self.submitted_at).year}-{self.pk:06d}" if self.pk else ""

    @property
    def applicant(self) -> ApplicantType:
        return ApplicantType(self.applicant_type)

    @property
    def result(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.ANSWERED, self.Status.WITHDRAWN)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class Consultation(models.Model):
    """Opinions asked of a third party or another agency (Art. 32); its days do not count (Art. 33)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="consultations")
    party = models.CharField(_("征求意见对象"), max_length=100)
    sent_on = models.DateField(_("发出征求意见日期"))
    answered_on = models.DateField(_("收到意见日期"), null=True, blank=True)
    opinion = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.party} {self.sent_on}"


class RequestExtension(models.Model):
    """One extension of the reply clock: approved by the office's head, the applicant told (Art. 33)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待批准")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("延长的工作日"))
    reason = models.TextField(_("延期理由"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("申请人"))
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("批准人"))
    decided_at = models.DateTimeField(_("批准时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("延期")
        verbose_name_plural = _("延期")
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request.number} +{self.days}"


class ReplyTemplate(models.Model):
    """The editable wording of the 答复书 for one outcome group; `{占位符}` are filled in (I9)."""

    record = models.ForeignKey("registry.SiteRecord", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("网站"), help_text=_("留空为全平台默认模板"))
    outcome_group = models.CharField(_("办理结果类别"), max_length=20,
                                     choices=[(g.value, _(g.label)) for g in rules.OutcomeGroup])
    body = models.TextField(_("模板正文"), help_text=_(
        "可用占位符：{机关名称}、{申请编号}、{申请人}、{收到日期}、{申请内容}、{办理结果}、{答复正文}、{答复日期}"))

    class Meta:
        verbose_name = _("答复书模板")
        verbose_name_plural = _("答复书模板")
        constraints = [models.UniqueConstraint(fields=["record", "outcome_group"], name="one_template_per_group")]

    def __str__(self) -> str:
        return f"{self.record or _('全平台')}：{self.get_outcome_group_display()}"

    def clean(self) -> None:
        """A template may only use the placeholders the platform fills in."""
        from .replies import unknown_placeholders

        unknown = unknown_placeholders(self.body or "")
        if unknown:
            raise ValidationError({"body": _("模板中有无法填写的占位符：%(names)s") % {
                "names": "、".join(f"{{{n}}}" for n in unknown)}})


class AnnualReport(models.Model):
    """A unit's annual disclosure report (R2) in the official format, from draft to publication."""

    audit_site_field = "record"

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.PROTECT, related_name="disclosure_reports",
                               verbose_name=_("网站"))
    year = models.PositiveSmallIntegerField(_("年度"))
    part_one = models.TextField(_("一、总体情况"), blank=True)
    part_two = models.JSONField(_("二、主动公开政府信息情况"), default=dict, blank=True)
    part_three = models.JSONField(_("三、收到和处理政府信息公开申请情况"), default=dict, blank=True)
    part_three_edited = models.BooleanField(_("第三部分已手工调整"), default=False)
    part_four = models.JSONField(_("四、行政复议、行政诉讼情况"), default=dict, blank=True)
    part_five = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    part_six = models.TextField(_("六、其他需要报告的事项"), blank=True)
    due_on = models.DateField(_("发布期限"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("发布页面"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "record__name"]
        constraints = [models.UniqueConstraint(fields=["record", "year"], name="one_report_per_site_year")]
        permissions = [("publish_annualreport", _("可以发布年度报告（信息公开负责人）"))]

    def __str__(self) -> str:
        return f"{self.record}{self.year}年政府信息公开工作年度报告"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.DRAFT and self.due_on < timezone.localdate()
