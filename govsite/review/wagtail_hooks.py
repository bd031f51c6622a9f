"""Review in the admin: log labels, the review-record download on every page, site review policies."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from .emergency import open_events_for
from .models import EmergencyEvent, ReviewPolicy, RoleGroup
from .views import export_review_record, override_content_check
from .workflow import ensure_review_workflow


@hooks.register("register_log_actions")
def register_review_actions(actions):
    @actions.register_action("govsite.user.offboard")
    class Offboard(LogFormatter):
        label = _("离岗处理：停用账号并撤销全部权限")

    @actions.register_action("govsite.review.override")
    class Override(LogFormatter):
        label = _("终审放行内容检查问题")

    @actions.register_action("govsite.review.export")
    class Export(LogFormatter):
        label = _("导出审核记录")


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("review/record/<int:page_id>/<str:fmt>/", export_review_record, name="review_record_export"),
        path("review/override/<int:page_id>/", override_content_check, name="review_content_override"),
    ]


@hooks.register("register_page_header_buttons")
def review_record_buttons(page, user, view_name, next_url=None):
    for fmt, label in (("xlsx", _("审核记录（Excel）")), ("docx", _("审核记录（Word）"))):
        yield Button(label, reverse("review_record_export", args=[page.pk, fmt]), priority=90)
    yield Button(_("内容检查放行（终审）"), reverse("review_content_override", args=[page.pk]), priority=95)


class RebuildsWorkflow:
    """The site's workflow follows its review policy as soon as the policy is saved."""

    def save_instance(self):
        policy = super().save_instance()
        ensure_review_workflow(policy.record)
        return policy


class PolicyEditView(RebuildsWorkflow, generic.EditView):
    pass


class PolicyCreateView(RebuildsWorkflow, generic.CreateView):
    pass


class ReviewPolicyViewSet(ModelViewSet):
    model = ReviewPolicy
    icon = "tasks"
    menu_label = _("审核策略")
    menu_order = 170
    add_to_admin_menu = True
    form_fields = ["record", "levels", "principal_for_major", "allow_editor_reviewer", "exception_reason"]
    list_display = ["record", "levels", "principal_for_major", "allow_editor_reviewer"]
    edit_view_class = PolicyEditView
    add_view_class = PolicyCreateView


@hooks.register("register_admin_viewset")
def register_review_policies():
    return ReviewPolicyViewSet("review_policies")


class EmergencyEventForm(WagtailAdminModelForm):
    """Registration form: a unit registers events only for its own sites."""

    class Meta:
        model = EmergencyEvent
        fields = ["record", "title", "level", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.has_perm("columns.change_column_structure"):
            sites = RoleGroup.objects.filter(group__user=user, record__isnull=False).values_list("record", flat=True)
            self.fields["record"].queryset = self.fields["record"].queryset.filter(pk__in=sites)


class EmergencyCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.registered_by = self.request.user
        return super().save_instance()


class EmergencyEventViewSet(ModelViewSet):
    model = EmergencyEvent
    icon = "warning"
    menu_label = _("突发事件与舆情")
    menu_order = 120
    add_to_admin_menu = True
    form_class = EmergencyEventForm
    add_view_class = EmergencyCreateView
    list_display = ["title", "record", "level", "registered_at", "first_release_due", "countdown"]
    list_filter = ["level", "record"]

    def get_form_class(self, for_update=False):
        return EmergencyEventForm


@hooks.register("register_admin_viewset")
def register_emergency_events():
    return EmergencyEventViewSet("emergency_events")


class EmergencyCountdownPanel(Component):
    """The countdown of every open event, on the dashboard of editors and the office (P11)."""

    name = "emergency_countdown"
    order = 50
    template_name = "review/emergency_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"events": list(open_events_for(self.user))}


@hooks.register("construct_homepage_panels")
def add_emergency_panel(request, panels):
    if request.user.has_perm("review.view_emergencyevent") or request.user.is_superuser:
        panels.append(EmergencyCountdownPanel(request.user))


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def report_content_check(request, page):
    """After a save the editor sees at once what the content check found (P6)."""
    from django.contrib import messages

    from .contentcheck import check_item

    revision = page.get_latest_revision_as_object()
    findings = check_item(revision) if hasattr(revision, "body") else []
    blocking = [f for f in findings if f.blocking]
    if blocking:
        messages.warning(request, _("内容检查发现 %(n)d 处须修改的问题，审核时将被拦截：%(first)s") % {
            "n": len(blocking), "first": blocking[0].describe()})
