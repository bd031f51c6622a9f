"""Admin views of the registry: opening a site from a template, editing with history, its lifecycle (S2-S6)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, HeaderButton
from wagtail.log_actions import log

from govsite.core.admin_pages import AdminPage

from . import lifecycle
from . import lifecycle_rules as rules
from .lifecycle_rules import CHECKLIST_LABELS, SiteStatus, Transition
from .models import HISTORY_FIELDS, SiteDowntime, SiteRecord
from .opening import open_site, template_choices

LIFECYCLE_PERMISSION = "registry.change_siterecord"

EDIT_FIELDS = [f for f in HISTORY_FIELDS if f != "parent"] + ["parent"]


class SiteRecordForm(WagtailAdminModelForm):
    class Meta:
        model = SiteRecord
        fields = EDIT_FIELDS


class SiteOpeningForm(SiteRecordForm):
    """The registry fields plus where the site is served and which column template it uses."""

    template = forms.ChoiceField(label=_("栏目模板"), choices=template_choices)
    city = forms.CharField(label=_("地区简称"), max_length=20, help_text=_("栏目名中的地区，如“弥勒”"))
    hostname = forms.CharField(label=_("服务主机名"), max_length=255, help_text=_("一般与英文域名相同"))
    port = forms.IntegerField(label=_("端口"), initial=80, min_value=1, max_value=65535)
    planning = forms.BooleanField(
        label=_("以筹建状态开设"),
        required=False,
        help_text=_("勾选后须登记全部开通事项方可上线运行（S3，003 §11）"),
    )


class SiteRecordCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        fields = {name: data[name] for name in EDIT_FIELDS if name in data}
        try:
            record = open_site(
                fields,
                hostname=data["hostname"],
                port=data["port"],
                template=data["template"],
                city=data["city"],
                user=self.request.user,
                status=SiteStatus.PLANNING if data.get("planning") else SiteStatus.RUNNING,
            )
        except ValidationError as error:
            self.form.add_error(None, error)
            raise
        log(record, "wagtail.create", user=self.request.user)
        return record

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError:
            return self.form_invalid(form)


class SiteRecordEditView(generic.EditView):
    def save_instance(self):
        self.form.instance._changed_by = self.request.user
        return super().save_instance()

    @property
    def header_buttons(self):
        """One button per lifecycle step open to the site now, for those who may act (S3-S5)."""
        if not self.request.user.has_perm(LIFECYCLE_PERMISSION):
            return []
        return [
            HeaderButton(
                LIFECYCLE_VIEWS[name].title,
                url=reverse(f"site_records:lifecycle_{name}", args=[self.object.pk]),
                icon_name="globe",
            )
            for name in lifecycle_actions(self.object)
        ]

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            HeaderButton(
                _("备案变更记录"),
                url=reverse("site_records:changes", args=[self.object.pk]),
                icon_name="history",
            ),
        ]


class SiteRecordChangesView(AdminPage, TemplateView):
    """Every recorded change of a site's registration: who, when, old and new (S6)."""

    template_name = "registry/site_changes.html"
    header_icon = "history"

    def dispatch(self, request, pk):
        if not request.user.has_perm("registry.view_siterecord") and not request.user.has_perm(
            "registry.change_siterecord"
        ):
            raise PermissionDenied
        self.record = get_object_or_404(SiteRecord, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("%(name)s：备案变更记录") % {"name": self.record.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        context["changes"] = self.record.changes.select_related("changed_by")
        return context


# The view offering each transition; both ways out of 迁移中 are one "close" step.
TRANSITION_VIEWS = {
    Transition.ONLINE: "online",
    Transition.OFFLINE: "offline",
    Transition.BACK_ONLINE: "back_online",
    Transition.MIGRATE: "migrate",
    Transition.FINISH_MIGRATION: "close",
    Transition.CLOSE: "close",
}


def lifecycle_actions(record: SiteRecord) -> list[str]:
    """The lifecycle views open to the site in its current state, in the order they are offered."""
    actions = ["checklist"] if rules.items_for(record.status) else []
    for transition in rules.allowed_transitions(record.status):
        if TRANSITION_VIEWS[transition] not in actions:
            actions.append(TRANSITION_VIEWS[transition])
    if record.status == SiteStatus.RUNNING:
        actions.append("outage_end" if lifecycle.open_outage(record) else "outage")
    return actions


class ChecklistForm(forms.Form):
    item = forms.ChoiceField(label=_("事项"))
    done_on = forms.DateField(label=_("办理日期"), widget=AdminDateInput)
    note = forms.CharField(label=_("文号或备注"), max_length=200, required=False,
                           help_text=_("留空时，域名、ICP备案、公安备案和标识码取网站登记中的号码"))

    def __init__(self, *args, record: SiteRecord, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.value, _(CHECKLIST_LABELS[i])) for i in rules.items_for(record.status)]


class OfflineForm(forms.Form):
    reason = forms.CharField(label=_("下线原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    start = forms.DateTimeField(label=_("下线开始时间"), required=False, widget=AdminDateTimeInput,
                                help_text=_("留空为当前时间"))
    planned_end = forms.DateTimeField(label=_("计划恢复时间"), widget=AdminDateTimeInput,
                                      help_text=_("每年不超过1次，每次不超过30天（S4）"))


class OutageForm(forms.Form):
    cause = forms.CharField(label=_("中断原因"), max_length=300, help_text=_("如断电、断网、被责令紧急关停"))
    start = forms.DateTimeField(label=_("中断开始时间"), required=False, widget=AdminDateTimeInput,
                                help_text=_("留空为当前时间；超过72小时将转为临时下线（S4）"))


class OutageEndForm(forms.Form):
    end = forms.DateTimeField(label=_("恢复时间"), required=False, widget=AdminDateTimeInput,
                              help_text=_("留空为当前时间"))


class MigrationForm(forms.Form):
    target_url = forms.URLField(label=_("迁移后网址"), required=False,
                                help_text=_("填写后，完成迁移时原网址的每个页面自动跳转到新网址下的同一路径"))
    destination = forms.CharField(label=_("原有内容去向"), max_length=200, required=False)
    banner = forms.CharField(label=_("首页迁移公告"), max_length=300, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}), help_text=_("留空则按迁移信息自动生成"))


class LifecycleView(AdminPage, FormView):
    """One lifecycle step of a site as a small form; only holders of `registry.change_siterecord` may act."""

    template_name = "registry/lifecycle_form.html"
    header_icon = "globe"
    form_class = forms.Form
    title = ""
    description = ""

    def dispatch(self, request, pk):
        if not request.user.has_perm(LIFECYCLE_PERMISSION):
            raise PermissionDenied
        self.record = get_object_or_404(SiteRecord.objects.select_related("site", "parent"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"{self.record.name}：{self.title}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(record=self.record, state=lifecycle.describe(self.record), description=self.description,
                       submit_label=self.title)
        return context

    def form_valid(self, form):
        try:
            message = self.perform(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("site_records:edit", args=[self.record.pk])

    def perform(self, data: dict) -> str:
        """Carry out the step; return the Chinese message shown on success."""
        raise NotImplementedError


class ChecklistView(LifecycleView):
    title = _("开通与注销事项")
    description = _("开通须办结全部六项方可上线（S3，003 §11）；永久下线须注销各项备案（S5，003 §13）。")
    form_class = ChecklistForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "record": self.record}

    def get_success_url(self) -> str:
        return reverse("site_records:lifecycle_checklist", args=[self.record.pk])

    def perform(self, data: dict) -> str:
        lifecycle.record_item(self.record, data["item"], done_on=data["done_on"], note=data["note"],
                              user=self.request.user)
        return _("已登记：%(item)s") % {"item": _(CHECKLIST_LABELS[data["item"]])}


class OnlineView(LifecycleView):
    title = _("开通上线")
    description = _("六项开通事项齐全后上线运行，并在门户网站发布开通公告（S3，003 §11）。")

    def perform(self, data: dict) -> str:
        lifecycle.go_online(self.record, user=self.request.user)
        return _("网站已开通上线，开通公告已在门户网站发布")


class OfflineView(LifecycleView):
    title = _("临时下线")
    description = _("每年不超过1次，每次不超过30天；将在本网站和门户网站发布公告（S4，001 §7，003 §14）。")
    form_class = OfflineForm

    def perform(self, data: dict) -> str:
        lifecycle.take_offline(self.record, reason=data["reason"], start=data["start"],
                               planned_end=data["planned_end"], user=self.request.user)
        return _("网站已临时下线，公告已发布")


class BackOnlineView(LifecycleView):
    title = _("恢复上线")
    description = _("结束临时下线，网站恢复访问。")

    def perform(self, data: dict) -> str:
        lifecycle.back_online(self.record, user=self.request.user)
        return _("网站已恢复上线")


class OutageView(LifecycleView):
    title = _("报备不可抗力中断")
    description = _("断电、断网或被责令紧急关停时报备，不计入当年下线次数；超过72小时转为临时下线（S4，001 §8）。")
    form_class = OutageForm

    def perform(self, data: dict) -> str:
        outage = lifecycle.report_outage(self.record, cause=data["cause"], start=data["start"], user=self.request.user)
        if SiteDowntime.objects.filter(outage=outage).exists():
            return _("中断已超过72小时，已转为临时下线并发布公告")
        return _("已报备不可抗力中断")


class OutageEndView(LifecycleView):
    title = _("中断恢复")
    description = _("网站已恢复访问，结束不可抗力中断报备。")
    form_class = OutageEndForm

    def perform(self, data: dict) -> str:
        lifecycle.end_outage(self.record, end=data["end"], user=self.request.user)
        return _("已登记中断恢复")


class MigrationView(LifecycleView):
    title = _("整合迁移")
    description = _("在首页显著位置悬挂迁移公告，随后注销各项备案并完成迁移（S5，003 §13）。")
    form_class = MigrationForm

    def perform(self, data: dict) -> str:
        lifecycle.start_migration(self.record, target_url=data["target_url"], destination=data["destination"],
                                  banner=data["banner"], user=self.request.user)
        return _("已开始整合迁移，首页已悬挂迁移公告")


class CloseView(LifecycleView):
    title = _("完成迁移并下线")
    description = _("各项备案注销后完成迁移：原网址跳转到新网址，门户网站发布公告并保留至少30天（S5，003 §13）。")

    def perform(self, data: dict) -> str:
        record = lifecycle.close_site(self.record, user=self.request.user)
        return _("网站已%(status)s，门户公告保留至 %(date)s") % {
            "status": record.get_status_display(), "date": f"{record.notice_keep_until:%Y-%m-%d}"}


LIFECYCLE_VIEWS: dict[str, type[LifecycleView]] = {
    "checklist": ChecklistView,
    "online": OnlineView,
    "offline": OfflineView,
    "back_online": BackOnlineView,
    "outage": OutageView,
    "outage_end": OutageEndView,
    "migrate": MigrationView,
    "close": CloseView,
}
