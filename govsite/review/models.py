"""Role groups, each site's review policy, the review task and the record of every review decision."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Revision, TaskState

from .emergency_rules import EVENT_LEVEL_LABELS, EventLevel, countdown_text, first_release_due
from .roles import Role


class RoleGroup(models.Model):
    """A permission group bound to one role, and for unit roles to one site (scope)."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("用户组")
    )
    role = models.CharField(_("角色"), max_length=20, choices=[(r.value, r.label) for r in Role])
    record = models.ForeignKey(
        "registry.SiteRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_groups",
        verbose_name=_("所属网站"),
    )

    class Meta:
        verbose_name = _("角色用户组")
        verbose_name_plural = _("角色用户组")
        constraints = [
            models.UniqueConstraint(fields=["role", "record"], name="one_group_per_role_and_site"),
        ]

    def __str__(self) -> str:
        return self.group.name


class ReviewPolicy(models.Model):
    """A site's review rules (P3): how many levels, principal approval, editor-reviewer exception."""

    record = models.OneToOneField(
        "registry.SiteRecord", on_delete=models.CASCADE, related_name="review_policy", verbose_name=_("网站")
    )
    levels = models.PositiveSmallIntegerField(
        _("审核级数"), default=3, choices=[(1, _("一级（终审）")), (2, _("二级（初审、终审）")), (3, _("三级（初审、复审、终审）"))]
    )
    principal_for_major = models.BooleanField(
        _("重大或敏感信息须主要负责人审批"), default=True, help_text=_("004 §28")
    )
    allow_editor_reviewer = models.BooleanField(
        _("允许同一人兼任编辑与审核"), default=False, help_text=_("人员不足的单位经批准可例外，须记录理由（P4）")
    )
    exception_reason = models.CharField(_("例外理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("审核策略")
        verbose_name_plural = _("审核策略")

    def __str__(self) -> str:
        return f"{self.record}：{self.get_levels_display()}"

    def clean(self) -> None:
        if self.allow_editor_reviewer and not self.exception_reason.strip():
            raise ValidationError({"exception_reason": _("允许编审兼任须填写例外理由（P4）")})

    def level_roles(self) -> tuple[Role, ...]:
        """The review roles an item passes, first to last."""
        return {
            1: (Role.FINAL_REVIEW,),
            2: (Role.FIRST_REVIEW, Role.FINAL_REVIEW),
        }.get(self.levels, (Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW))


class ReviewTask(AbstractGroupApprovalTask):
    """One review level: nobody approves what they submitted or wrote, nor two levels of one item (P3, P4)."""

    level = models.CharField(_("审核级别"), max_length=20, choices=[(r.value, r.label) for r in Role])

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "level"]

    class Meta:
        verbose_name = _("审核环节")
        verbose_name_plural = _("审核环节")

    def start(self, workflow_state, user=None):
        """The principal's level applies only to items marked major or sensitive; others skip it."""
        task_state = super().start(workflow_state, user=user)
        if self.level == Role.PRINCIPAL and not getattr(workflow_state.content_object.specific, "is_major", False):
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.save(update_fields=["status"])
        return task_state

    def conflict_of(self, obj, user, workflow_state=None) -> str | None:
        """Why `user` may not decide this level of `obj`, or None."""
        workflow_state = workflow_state or obj.current_workflow_state
        if workflow_state is None:
            return None
        if workflow_state.requested_by_id == user.pk:
            return _("不能审核自己提交的信息（P4）")
        if Revision.objects.for_instance(obj).filter(user=user).exists():
            return _("不能审核自己撰写或修改过的信息（P4）")
        approved_other = TaskState.objects.filter(
            workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, finished_by=user
        ).exclude(task=self)
        if approved_other.exists():
            return _("同一信息的不同审核级别须由不同人员审核（P3）")
        return None

    def get_actions(self, obj, user):
        if not self._user_in_groups(user) or self.conflict_of(obj, user):
            return []
        return [("reject", _("退回修改"), True), ("approve", _("审核通过"), True)]

    def get_form_for_action(self, action):
        from .forms import ApprovalForm, ConfidentialityApprovalForm, RejectionForm

        if action == "reject":
            return RejectionForm
        return ConfidentialityApprovalForm if self.level == Role.FIRST_REVIEW else ApprovalForm

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        conflict = None if not self._user_in_groups(user) else self.conflict_of(obj, user, task_state.workflow_state)
        if conflict or not self._user_in_groups(user):
            raise PermissionDenied(conflict or _("您不是该审核环节的审核人员"))
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():  # the edit view passes its own data, unvalidated by the modal form
            raise PermissionDenied("；".join(e for errors in form.errors.values() for e in errors))
        checklist = {k: v for k, v in form.cleaned_data.items() if k.startswith("confirm_")}
        if action_name == "approve":
            checklist.update(self._content_check_gate(task_state))
        ReviewRecord.objects.create(
            task_state=task_state,
            level=self.level,
            reviewer=user,
            action=action_name,
            comment=kwargs.get("comment", ""),
            checklist=checklist,
            object_id=str(obj.pk),
            object_title=str(obj),
        )
        super().on_action(task_state, user, action_name, comment=self._history_comment(form.cleaned_data))

    @staticmethod
    def _history_comment(cleaned: dict) -> str:
        """The reviewer's comment plus the confirmed checklist, so the item's history shows both (P5)."""
        from .forms import CONFIDENTIALITY_CHECKLIST

        confirmed = [str(label) for name, label in CONFIDENTIALITY_CHECKLIST if cleaned.get(name)]
        parts = [cleaned.get("comment", "").strip()]
        if confirmed:
            parts.append("【保密审查已确认】" + "；".join(confirmed))
        return "\n".join(p for p in parts if p)

    def _content_check_gate(self, task_state) -> dict:
        """Blocking findings stop every approval (P6) until fixed, or until 终审 lets this text through."""
        from .contentcheck import blocking_summary, check_item

        revision = task_state.workflow_state.content_object.get_latest_revision()
        findings = check_item(revision.as_object())
        if not any(f.blocking for f in findings):
            return {}
        override = ContentCheckOverride.objects.filter(revision=revision).first()
        if override:
            return {"content_check_override": override.reason}
        raise PermissionDenied(
            _("内容检查发现须修改的问题（P6）：%(list)s。请退回修改，或由终审人员填写理由放行。")
            % {"list": blocking_summary(findings)}
        )

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self._user_in_groups(user):
            return TaskState.objects.none()
        authored = Revision.objects.filter(
            base_content_type=OuterRef("workflow_state__base_content_type"),
            object_id=OuterRef("workflow_state__object_id"),
            user=user,
        )
        approved_other = TaskState.objects.filter(
            workflow_state=OuterRef("workflow_state"), status=TaskState.STATUS_APPROVED, finished_by=user
        ).exclude(task=self)
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(workflow_state__requested_by=user)
            .exclude(Exists(authored))
            .exclude(Exists(approved_other))
        )

    @classmethod
    def get_description(cls):
        return _("本单位指定级别的审核人员审核；提交人、撰写人不得审核，同一人不得审核两级")


class ReviewRecord(models.Model):
    """A review decision with its confidentiality checklist (P5, P7): the item's 审核记录."""

    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("审核级别"), max_length=20, choices=[(r.value, r.label) for r in Role])
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("审核人")
    )
    action = models.CharField(_("审核结果"), max_length=10, choices=[("approve", _("通过")), ("reject", _("退回"))])
    comment = models.TextField(_("审核意见"), blank=True)
    checklist = models.JSONField(_("保密审查清单"), default=dict, blank=True)
    object_id = models.CharField(max_length=255, db_index=True)
    object_title = models.CharField(_("信息标题"), max_length=255)
    decided_at = models.DateTimeField(_("审核时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.object_title}：{self.get_level_display()}{self.get_action_display()}"


class EmergencyEvent(models.Model):
    """An emergency or public-opinion event whose first release runs against the clock (P11)."""

    record = models.ForeignKey(
        "registry.SiteRecord", on_delete=models.CASCADE, related_name="emergency_events", verbose_name=_("网站")
    )
    title = models.CharField(_("事件名称"), max_length=200)
    level = models.CharField(
        _("事件级别"), max_length=20, choices=[(level.value, label) for level, label in EVENT_LEVEL_LABELS.items()]
    )
    description = models.TextField(_("事件概况"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("登记人")
    )
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    first_release_due = models.DateTimeField(_("首发时限"), editable=False)
    released_at = models.DateTimeField(_("首次发布时间"), null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(_("超时督办时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("突发事件与舆情")
        verbose_name_plural = _("突发事件与舆情")
        ordering = ["first_release_due"]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_level_display()}）"

    def save(self, *args, **kwargs) -> None:
        self.first_release_due = first_release_due(EventLevel(self.level), self.registered_at)
        super().save(*args, **kwargs)

    @property
    def countdown(self) -> str:
        if self.released_at:
            return _("已于 %(t)s 首发") % {"t": timezone.localtime(self.released_at).strftime("%Y-%m-%d %H:%M")}
        return countdown_text(self.first_release_due, timezone.now())

    @property
    def is_overdue(self) -> bool:
        return self.released_at is None and timezone.now() > self.first_release_due


class ContentCheckOverride(models.Model):
    """终审 lets one revision with blocking content-check findings through, with a reason (P6)."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="+", verbose_name=_("版本"))
    reason = models.TextField(_("放行理由"))
    findings = models.TextField(_("放行的问题"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("终审人员")
    )
    decided_at = models.DateTimeField(_("放行时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("内容检查放行")
        verbose_name_plural = _("内容检查放行")

    def __str__(self) -> str:
        return f"{self.revision}：{self.reason[:30]}"
