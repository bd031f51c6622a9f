"""Surveys and solicitations (I7), online interviews (I8), NPC suggestions and CPPCC proposals (I11)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from govsite.content.models import Attachment
from govsite.security.fields import EncryptedTextField

from . import rules
from .rules import (
    CATEGORY_LABELS,
    INTERVIEW_STATUS_LABELS,
    PROPOSAL_KIND_LABELS,
    QUESTION_TYPE_LABELS,
    SURVEY_KIND_LABELS,
    UNIT_JOINER,
    WINDOW_LABELS,
    InterviewStatus,
    QuestionType,
    SurveyKind,
    Window,
)


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(key.value, _(label)) for key, label in labels.items()]


def _site_field(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "registry.SiteRecord", on_delete=models.PROTECT, related_name=related_name, verbose_name=_("网站")
    )


class SurveyQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def awaiting_results(self, today=None):
        """Closed, published surveys whose results are not out yet (I7)."""
        return self.live().filter(ends_on__lt=today or timezone.localdate(), results_published_at__isnull=True)

    def results_overdue(self, today=None):
        """Past the one-month limit of 004 §22 with no results published."""
        return self.awaiting_results(today).filter(results_due_on__lt=today or timezone.localdate())


class Survey(ClusterableModel):
    """An online survey (questions, counted results) or a solicitation of opinions on a draft (I7)."""

    audit_site_field = "record"

    record = _site_field("surveys")
    kind = models.CharField(
        _("类型"), max_length=20, choices=_choices(SURVEY_KIND_LABELS), default=SurveyKind.SURVEY.value
    )
    title = models.CharField(_("标题"), max_length=200)
    organizer = models.CharField(
        _("征集单位"), max_length=100, blank=True, help_text=_("留空为本网站的主办单位")
    )
    intro = RichTextField(_("说明"), blank=True, help_text=_("目的、范围和参与方式"))
    draft = RichTextField(_("征求意见稿"), blank=True, help_text=_("意见征集的文稿正文；也可作为附件上传"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), help_text=_("当天仍可提交；结果须在结束后1个月内公布（I7）"))
    results_due_on = models.DateField(_("结果公布期限"), editable=False, db_index=True)
    live = models.BooleanField(_("在网站上发布"), default=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    results_summary = RichTextField(
        _("调查结果与意见汇总"), blank=True, help_text=_("网上调查的结果分析，或意见征集收到意见的汇总情况")
    )
    adoption = RichTextField(
        _("采纳情况"), blank=True, help_text=_("哪些意见建议被采纳，未采纳的说明理由（003 §27）")
    )
    adopted_count = models.PositiveIntegerField(_("采纳意见条数"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("结果公布时间"), null=True, blank=True, editable=False)
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, verbose_name=_("结果公布人"),
    )
    results_overdue_at = models.DateTimeField(_("超期督办时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("征集调查")
        verbose_name_plural = _("征集调查")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期")})

    def save(self, *args, **kwargs) -> None:
        self.results_due_on = rules.results_due(self.ends_on)
        if self.live and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_solicitation(self) -> bool:
        return self.kind == SurveyKind.SOLICITATION

    @property
    def unit_name(self) -> str:
        return self.organizer or self.record.sponsor

    def window(self, today=None) -> Window:
        return rules.window(self.starts_on, self.ends_on, today or timezone.localdate())

    @property
    def window_label(self) -> str:
        return _(WINDOW_LABELS[self.window()])

    def refusal(self, today=None) -> str | None:
        return rules.window_refusal(self.starts_on, self.ends_on, today or timezone.localdate())

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    def results_overdue(self, today=None) -> bool:
        published = timezone.localdate(self.results_published_at) if self.results_published_at else None
        return rules.results_overdue(self.ends_on, published, today or timezone.localdate())

    @property
    def results_state(self) -> str:
        """What the admin list and the dashboard say about the results (I7)."""
        if self.results_published:
            return _("逾期公布") if self.results_overdue() else _("已公布")
        if self.window() is not Window.CLOSED:
            return _("征集中") if self.window() is Window.OPEN else _("未开始")
        return _("已超期未公布") if self.results_overdue() else _("待公布")

    def results_refusal(self, today=None) -> str | None:
        """Why results cannot be published yet, or None."""
        if not self.live:
            return _("征集调查尚未在网站上发布，不能公布结果")
        if self.window(today) is not Window.CLOSED:
            return _("征集调查结束后才能公布结果（结束日期 %(d)s）") % {"d": f"{self.ends_on:%Y-%m-%d}"}
        if self.is_solicitation and not (self.results_summary.strip() and self.adoption.strip()):
            return _("意见征集须先填写“调查结果与意见汇总”和“采纳情况”（003 §27）")
        return None

    def has_submissions(self) -> bool:
        return self.pk is not None and self.submissions.exists()

    def question_results(self) -> list[dict]:
        """Each question with its respondents and, for choice questions, every option's count and share."""
        questions = list(self.questions.prefetch_related("options"))
        respondents = dict(
            Answer.objects.filter(question__survey=self).values("question")
            .annotate(n=Count("submission", distinct=True)).values_list("question", "n")
        )
        counts: dict[int, int] = dict(
            Answer.objects.filter(question__survey=self, option__isnull=False).values("option")
            .annotate(n=Count("submission", distinct=True)).values_list("option", "n")
        )
        results = []
        for question in questions:
            total = respondents.get(question.pk, 0)
            options = [(o.pk, o.label) for o in question.options.all()]
            results.append({
                "question": question,
                "respondents": total,
                "options": rules.tally(options, counts, total) if question.is_choice else [],
            })
        return results


class Question(Orderable):
    """One question of an online survey; choice questions list their options one a line."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("问题"), max_length=300)
    type = models.CharField(
        _("题型"), max_length=10, choices=_choices(QUESTION_TYPE_LABELS), default=QuestionType.SINGLE.value
    )
    required = models.BooleanField(_("必答"), default=True)
    options_text = models.TextField(_("选项"), blank=True, help_text=_("单选、多选题每行一个选项，至少两个"))

    panels = [FieldPanel("text"), FieldRowPanel([FieldPanel("type"), FieldPanel("required")]),
              FieldPanel("options_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("调查问题")
        verbose_name_plural = _("调查问题")

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.type in (QuestionType.SINGLE, QuestionType.MULTIPLE)

    def clean(self) -> None:
        if self.is_choice and len(rules.split_options(self.options_text)) < 2:
            raise ValidationError({"options_text": _("单选、多选题至少需要两个选项，每行一个")})

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.sync_options()

    def sync_options(self) -> None:
        """The option rows follow the text: kept by label (their ids stay stable), new ones added, others removed."""
        labels = rules.split_options(self.options_text) if self.is_choice else []
        existing = {option.label: option for option in self.options.all()}
        for position, label in enumerate(labels):
            option = existing.pop(label, None) or Option(question=self, label=label)
            if option.sort_order != position or option.pk is None:
                option.sort_order = position
                option.save()
        if existing:
            Option.objects.filter(pk__in=[o.pk for o in existing.values()]).delete()


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("选项"), max_length=200)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("选项")
        verbose_name_plural = _("选项")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label


class SurveyAttachment(Attachment):
    """A file of a solicitation (the draft, its explanation), stored in the site's collection."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="attachments")


class Submission(models.Model):
    """One person's answers or opinion; anonymous unless they leave a contact (kept encrypted, X7)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("征集调查"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    opinion = models.TextField(_("意见建议"), blank=True)
    contact_name = EncryptedTextField(_("联系人"), blank=True)
    contact_phone = EncryptedTextField(_("联系电话"), blank=True)

    class Meta:
        verbose_name = _("提交")
        verbose_name_plural = _("提交")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.survey}：{timezone.localtime(self.submitted_at):%Y-%m-%d %H:%M}"

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_phone)


class Answer(models.Model):
    """One chosen option (one row per option) or one written answer of a submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")

    def __str__(self) -> str:
        return self.option.label if self.option_id else self.text[:40]


class InterviewQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class Interview(ClusterableModel):
    """An online interview on a policy or hot topic: guests, time, questions and the transcript (I8)."""

    audit_site_field = "record"

    record = _site_field("interviews")
    title = models.CharField(_("访谈主题"), max_length=200)
    intro = RichTextField(_("访谈简介"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    live = models.BooleanField(_("在网站上发布"), default=False, help_text=_("发布后即为预告，开始征集网民提问"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    transcript = RichTextField(_("文字实录"), blank=True, help_text=_("填写后点击“公布访谈实录”才在网站上公开"))
    transcript_published_at = models.DateTimeField(_("实录公布时间"), null=True, blank=True, editable=False)
    transcript_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, verbose_name=_("实录公布人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("结束时间须晚于开始时间")})

    def save(self, *args, **kwargs) -> None:
        if self.live and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def status(self, now=None) -> InterviewStatus:
        return rules.interview_status(self.starts_at, self.ends_at, now or timezone.now())

    @property
    def status_label(self) -> str:
        return _(INTERVIEW_STATUS_LABELS[self.status()])

    def refusal(self, now=None) -> str | None:
        return rules.question_refusal(self.status(now))

    @property
    def transcript_published(self) -> bool:
        return self.transcript_published_at is not None

    def transcript_refusal(self, now=None) -> str | None:
        """Why the transcript cannot be published yet, or None."""
        if self.status(now) is InterviewStatus.ANNOUNCED:
            return _("访谈开始后才能公布实录")
        if not self.transcript.strip():
            return _("请先填写文字实录")
        return None

    def guest_names(self) -> str:
        return "、".join(guest.name for guest in self.guests.all())

    def pending_questions(self) -> int:
        """Questions from the public waiting for moderation."""
        return self.questions.filter(status=InterviewQuestion.Status.PENDING).count()


class Guest(Orderable):
    interview = ParentalKey(Interview, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100, blank=True)
    unit = models.CharField(_("单位"), max_length=100, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("title"), FieldPanel("unit")])]

    class Meta(Orderable.Meta):
        verbose_name = _("访谈嘉宾")
        verbose_name_plural = _("访谈嘉宾")

    def __str__(self) -> str:
        return " ".join(part for part in (self.unit, self.title, self.name) if part)


class InterviewImage(Orderable):
    interview = ParentalKey(Interview, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("图片")
    )
    caption = models.CharField(_("图片说明"), max_length=200)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class InterviewQuestionQuerySet(models.QuerySet):
    def shown(self):
        """What the public sees: approved questions only; a rejected or pending one never (I8)."""
        return self.filter(status=InterviewQuestion.Status.APPROVED)


class InterviewQuestion(models.Model):
    """A question from the public, moderated by staff and answered by a guest (I8)."""

    audit_site_field = "interview__record"

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已采用")
        REJECTED = "rejected", _("不予采用")

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="questions", verbose_name=_("在线访谈")
    )
    nickname = models.CharField(_("网名"), max_length=30, blank=True)
    text = models.TextField(_("提问内容"))
    submitted_at = models.DateTimeField(_("提问时间"), default=timezone.now)
    status = models.CharField(_("审核状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("审核人"),
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.CharField(_("答复嘉宾"), max_length=50, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = InterviewQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("网民提问")
        verbose_name_plural = _("网民提问")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


def _unit_token(unit: str) -> Q:
    """Rows whose co-handling units (joined by 、) include exactly `unit`."""
    j = UNIT_JOINER
    return (Q(co_units=unit) | Q(co_units__startswith=unit + j) | Q(co_units__endswith=j + unit)
            | Q(co_units__contains=j + unit + j))


class ProposalQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def handled_by(self, unit: str):
        """Handled by `unit` as lead or as co-handler."""
        return self.filter(Q(lead_unit=unit) | _unit_token(unit))


class Proposal(models.Model):
    """An NPC deputy's suggestion or a CPPCC proposal with its handling result (I11, 004 §28)."""

    audit_site_field = "record"

    record = _site_field("proposals")
    kind = models.CharField(_("类别"), max_length=10, choices=_choices(PROPOSAL_KIND_LABELS))
    session = models.CharField(
        _("届次会议"), max_length=100, help_text=_("如：弥勒市第十届人民代表大会第三次会议")
    )
    number = models.PositiveIntegerField(_("建议号/提案号"))
    title = models.CharField(_("标题"), max_length=200)
    proposers = models.CharField(_("提出人"), max_length=200, help_text=_("领衔代表或提案委员，多人以顿号分隔"))
    lead_unit = models.CharField(_("主办单位"), max_length=100)
    co_units = models.CharField(_("协办单位"), max_length=500, blank=True, help_text=_("多个单位以顿号分隔"))
    category = models.CharField(_("办理结果分类"), max_length=1, choices=_choices(CATEGORY_LABELS), blank=True)
    reply_date = models.DateField(_("答复日期"), null=True, blank=True)
    reply = RichTextField(_("办理结果（答复内容）"), blank=True)
    published = models.BooleanField(_("公开"), default=False, help_text=_("公开办理结果（I11）"))
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "session", "number"],
                name="one_number_per_session_and_kind",
                violation_error_message=_("同一届次会议的建议号或提案号不能重复，该编号已登记（I11）"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}第{self.number}号：{self.title}"

    def save(self, *args, **kwargs) -> None:
        if self.published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.co_units = rules.join_units([u for u in rules.split_units(self.co_units) if u != self.lead_unit])
        if self.published:
            missing = {
                field: _("公开办理结果须填写此项")
                for field in ("category", "reply_date", "reply")
                if not str(getattr(self, field) or "").strip()
            }
            if missing:
                raise ValidationError(missing)

    def co_unit_list(self) -> list[str]:
        return rules.split_units(self.co_units)
