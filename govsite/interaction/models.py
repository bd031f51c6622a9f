"""Letters from the public and their handling (I1-I5), the knowledge base (I6) and error reports (I10)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govsite.security.fields import EncryptedTextField

from . import rules
from .rules import CHANNEL_LABELS, KIND_LABELS, PROFILES, WITHHOLD_LABELS, Channel, LetterKind


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(key.value, _(label)) for key, label in labels.items()]


class LetterSettings(models.Model):
    """A site's letter rules: the named deadline profile of one seed (I3)."""

    record = models.OneToOneField(
        "registry.SiteRecord", on_delete=models.CASCADE, related_name="letter_settings", verbose_name=_("网站")
    )
    profile = models.CharField(
        _("办理时限方案"),
        max_length=20,
        choices=[(p.key, f"{p.name}（{p.source}）") for p in PROFILES.values()],
        default=rules.DEFAULT_PROFILE.key,
    )

    class Meta:
        verbose_name = _("信件办理时限")
        verbose_name_plural = _("信件办理时限")

    def __str__(self) -> str:
        return f"{self.record}：{self.get_profile_display()}"

    @property
    def deadline_profile(self) -> rules.DeadlineProfile:
        return PROFILES[self.profile]


class LetterQuerySet(models.QuerySet):
    def open(self):
        """Letters whose reply is still due: the clock runs (I3)."""
        return self.exclude(status__in=[Letter.Status.ANSWERED, Letter.Status.DECLINED])

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def listed(self):
        """Letters the public listing shows: answered, decided public, never a withheld one (I5)."""
        return self.filter(status=Letter.Status.ANSWERED, publicity=Letter.Publicity.PUBLIC)


class Letter(models.Model):
    """A letter from the public: what was asked, by whom (encrypted, X7), and its clock (I3)."""

    audit_site_field = "site"

    class Status(models.TextChoices):
        RECEIVED = "received", _("待分拣")
        DISPATCHED = "dispatched", _("办理中")
        RETURNED = "returned", _("退回待重新转办")
        REVIEWING = "reviewing", _("答复待审核")
        ANSWERED = "answered", _("已答复")
        DECLINED = "declined", _("不予受理")

    class Publicity(models.TextChoices):
        PENDING = "pending", _("待定")
        PUBLIC = "public", _("公开")
        WITHHELD = "withheld", _("不公开")

    site = models.ForeignKey(
        "registry.SiteRecord", on_delete=models.PROTECT, related_name="letters", verbose_name=_("来信网站")
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=_choices(CHANNEL_LABELS), default=Channel.MAILBOX)
    kind = models.CharField(_("类别"), max_length=20, choices=_choices(KIND_LABELS))
    simple = models.BooleanField(_("简单咨询"), default=False, help_text=_("简单常见问题 1 个工作日内答复（I3）"))
    title = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("内容"))
    writer_name = EncryptedTextField(_("姓名"))
    writer_phone = EncryptedTextField(_("联系电话"))
    writer_id_number = EncryptedTextField(_("身份证号码"), blank=True)
    writer_address = EncryptedTextField(_("联系地址"), blank=True)
    writer_email = EncryptedTextField(_("电子邮箱"), blank=True)
    wants_public = models.BooleanField(_("同意公开"), default=True)
    query_code = models.CharField(_("查询码"), max_length=16, unique=True)
    password_digest = models.CharField(max_length=64, editable=False)

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    unit = models.ForeignKey(
        "registry.SiteRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters_handled",
        verbose_name=_("承办单位"),
    )
    received_at = models.DateTimeField(_("来信时间"), default=timezone.now, db_index=True)
    received_on = models.DateField(_("受理日期"))
    due_on = models.DateField(_("答复期限"), db_index=True)
    due_uncertain_years = models.JSONField(_("未录入节假日的年份"), default=list, blank=True)
    extended = models.BooleanField(_("已延期"), default=False)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("办理用时（工作日）"), null=True, blank=True)
    on_time = models.BooleanField(_("按期答复"), null=True, blank=True)
    publicity = models.CharField(
        _("公开"), max_length=10, choices=Publicity.choices, default=Publicity.PENDING
    )
    withhold_reason = models.CharField(_("不公开理由"), max_length=20, blank=True, choices=_choices(WITHHOLD_LABELS))
    decline_reason = models.TextField(_("不予受理理由"), blank=True)
    check_summary = models.CharField(_("内容检查提示"), max_length=300, blank=True)
    reminded_on = models.DateField(_("到期提醒日期"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("超期督办时间"), null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        ordering = ["-received_at", "-pk"]
        permissions = [
            ("dispatch_letter", _("可以分拣、转办信件并审批延期（热线中心）")),
            ("handle_letter", _("可以办理转办到本单位的信件")),
            ("approve_reply", _("可以审核本单位的答复")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        """The letter's public number: the year it came in and its sequence."""
        return f"{timezone.localtime(self.received_at).year}-{self.pk:06d}" if self.pk else ""

    @property
    def letter_kind(self) -> LetterKind:
        return LetterKind(self.kind)

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.ANSWERED, self.Status.DECLINED)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def due_warning(self) -> str:
        """The visible warning of a due date counted over a year the calendar lacks (never silent)."""
        if not self.due_uncertain_years:
            return ""
        years = "、".join(str(y) for y in self.due_uncertain_years)
        return _("%(years)s年的节假日安排尚未录入工作日历，答复期限按周一至周五推算，录入后自动重算") % {
            "years": years
        }

    def approved_reply(self):
        return self.replies.filter(status=Reply.Status.APPROVED).order_by("-decided_at").first()


class WorkOrder(models.Model):
    """A letter dispatched to a unit (I2); a return or a reassignment closes it and keeps it as history."""

    class Status(models.TextChoices):
        OPEN = "open", _("办理中")
        RETURNED = "returned", _("已退回")
        REASSIGNED = "reassigned", _("已改派")
        ANSWERED = "answered", _("已答复")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="orders", verbose_name=_("来信"))
    unit = models.ForeignKey(
        "registry.SiteRecord", on_delete=models.PROTECT, related_name="work_orders", verbose_name=_("承办单位")
    )
    instruction = models.TextField(_("转办意见"), blank=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("转办人")
    )
    dispatched_at = models.DateTimeField(_("转办时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN)
    return_reason = models.TextField(_("退回理由"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工单")
        verbose_name_plural = _("工单")
        ordering = ["dispatched_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter"], condition=models.Q(status="open"), name="one_open_order_per_letter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter.number} → {self.unit}"


class Reply(models.Model):
    """A unit's reply; it goes out only once the unit's leader approves it (I4)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("已退回")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="replies", verbose_name=_("来信"))
    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="replies", verbose_name=_("工单"))
    body = models.TextField(_("答复内容"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("办理人")
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("审核人"),
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    rejection_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter.number}：{self.get_status_display()}"


class Extension(models.Model):
    """One request to extend a letter's clock, with its reason and the hotline centre's decision (I3)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("来信"))
    days = models.PositiveSmallIntegerField(_("延期工作日"))
    reason = models.TextField(_("延期理由"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("申请人")
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)
    old_due = models.DateField(_("原答复期限"), null=True, blank=True)
    new_due = models.DateField(_("延长后期限"), null=True, blank=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter.number}：{self.days} {_('个工作日')}"


class KnowledgeEntry(models.Model):
    """A reviewed answer kept as 答复口径 for similar questions (I6, 003 §28)."""

    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("答复口径"))
    kind = models.CharField(_("类别"), max_length=20, choices=_choices(KIND_LABELS), default=LetterKind.CONSULTATION)
    unit = models.ForeignKey(
        "registry.SiteRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("答复单位"),
    )
    source_letter = models.OneToOneField(
        Letter, null=True, blank=True, on_delete=models.SET_NULL, related_name="knowledge_entry",
        verbose_name=_("来源信件"),
    )
    active = models.BooleanField(_("有效"), default=True, help_text=_("政策变化后答复口径失效的，取消勾选"))
    reviewed_at = models.DateTimeField(_("最近核对时间"), default=timezone.now)
    created_at = models.DateTimeField(_("入库时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("知识库条目")
        verbose_name_plural = _("知识库")
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return self.question


class ErrorReport(models.Model):
    """A "我为政府网站找错" report: to the unit responsible for the page, due in 1 working day (I10)."""

    audit_site_field = "site"

    class Problem(models.TextChoices):
        TYPO = "typo", _("错别字、表述错误")
        BROKEN_LINK = "broken_link", _("链接无法打开或错误")
        OUTDATED = "outdated", _("内容过期或不准确")
        UNAVAILABLE = "unavailable", _("页面无法访问或显示异常")
        SERVICE = "service", _("办事服务无法使用")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        NEW = "new", _("待处理")
        FIXED = "fixed", _("已整改")
        NOT_A_PROBLEM = "not_a_problem", _("经核实无问题")

    site = models.ForeignKey(
        "registry.SiteRecord", on_delete=models.PROTECT, related_name="error_reports", verbose_name=_("网站")
    )
    url = models.CharField(_("问题页面地址"), max_length=500)
    column = models.ForeignKey(
        "columns.ColumnPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("所在栏目"),
    )
    responsible_unit = models.CharField(_("责任单位"), max_length=100, blank=True)
    problem = models.CharField(_("问题类型"), max_length=20, choices=Problem.choices)
    description = models.TextField(_("问题描述"))
    contact = EncryptedTextField(_("联系方式"), blank=True)
    reference = models.CharField(_("受理编号"), max_length=16, unique=True)
    reported_at = models.DateTimeField(_("报告时间"), default=timezone.now)
    due_on = models.DateField(_("处理期限"), db_index=True)
    due_uncertain_years = models.JSONField(default=list, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    handling_note = models.TextField(_("处理说明"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("处理人"),
    )
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("超期督办时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("网站纠错")
        verbose_name_plural = _("网站纠错")
        ordering = ["-reported_at", "-pk"]
        permissions = [("handle_errorreport", _("可以处理本网站的纠错意见"))]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_problem_display()}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.NEW and self.due_on < timezone.localdate()
