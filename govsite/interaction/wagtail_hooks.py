"""Letters, error reports, the knowledge base and deadline profiles in the admin, and what is due on the
dashboard of each role."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.review.roles import Role

from . import access
from .admin_views import (
    ErrorReportHandleView,
    ErrorReportIndexView,
    LetterHandleView,
    LetterIndexView,
    due_soon,
    letter_policy,
    report_policy,
)
from .models import ErrorReport, Extension, KnowledgeEntry, Letter, LetterSettings

LOG_ACTIONS = {
    "govsite.letter.receive": _("收到来信"),
    "govsite.letter.sort": _("分拣来信"),
    "govsite.letter.dispatch": _("转办来信"),
    "govsite.letter.reassign": _("改派来信"),
    "govsite.letter.return": _("退回工单"),
    "govsite.letter.reply_submit": _("提交答复"),
    "govsite.letter.reply_approve": _("审核通过答复"),
    "govsite.letter.reply_reject": _("退回答复修改"),
    "govsite.letter.extension_request": _("申请延期"),
    "govsite.letter.extension_decide": _("审批延期"),
    "govsite.letter.clock": _("答复期限变更"),
    "govsite.letter.publicity": _("信件公开决定"),
    "govsite.letter.decline": _("不予受理"),
    "govsite.letter.remind": _("到期提醒"),
    "govsite.letter.escalate": _("超期督办"),
    "govsite.errorreport.receive": _("收到网站纠错"),
    "govsite.errorreport.handle": _("处理网站纠错"),
    "govsite.errorreport.escalate": _("网站纠错超期督办"),
    "govsite.errorreport.clock": _("网站纠错期限重算"),
}


@hooks.register("register_log_actions")
def register_letter_actions(actions):
    for code, label in LOG_ACTIONS.items():
        actions.register_action(code, label, label)


class PolicyMenuItem(MenuItem):
    """Shown only to those who may open the list behind it."""

    def __init__(self, *args, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy

    def is_shown(self, request) -> bool:
        return self.policy.user_has_permission(request.user, "view")


class LetterViewSet(ViewSet):
    """来信办理: letters are written by the public, never added or edited in the admin."""

    name = "letters"
    icon = "mail"
    menu_label = _("来信办理")

    def get_menu_item(self, order=None):
        return PolicyMenuItem(self.menu_label, reverse("letters:index"), name=self.name, icon_name=self.icon,
                              order=order or 100, policy=letter_policy)

    def get_urlpatterns(self):
        return [
            path("", LetterIndexView.as_view(), name="index"),
            path("results/", LetterIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", LetterHandleView.as_view(), name="handle"),
        ]


class ErrorReportViewSet(ViewSet):
    name = "error_reports"
    icon = "warning"
    menu_label = _("网站纠错")

    def get_menu_item(self, order=None):
        return PolicyMenuItem(self.menu_label, reverse("error_reports:index"), name=self.name,
                              icon_name=self.icon, order=order or 200, policy=report_policy)

    def get_urlpatterns(self):
        return [
            path("", ErrorReportIndexView.as_view(), name="index"),
            path("results/", ErrorReportIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", ErrorReportHandleView.as_view(), name="handle"),
        ]


class KnowledgeEntryViewSet(ModelViewSet):
    """知识库: kept current by the hotline centre (I6); answers that policy changes outdate are retired."""

    model = KnowledgeEntry
    icon = "help"
    menu_label = _("知识库")
    form_fields = ["question", "answer", "kind", "unit", "active", "reviewed_at"]
    list_display = ["question", "kind", "unit", "active", "reviewed_at"]
    list_filter = ["kind", "active"]
    search_fields = ["question", "answer"]


class LetterSettingsViewSet(ModelViewSet):
    """Each site's deadline profile (I3), chosen by the portal office."""

    model = LetterSettings
    icon = "time"
    menu_label = _("办理时限方案")
    form_fields = ["record", "profile"]
    list_display = ["record", "profile"]


class InteractionGroup(ViewSetGroup):
    menu_label = _("政民互动")
    menu_name = "interaction"
    menu_icon = "mail"
    menu_order = 110
    items = (LetterViewSet, ErrorReportViewSet, KnowledgeEntryViewSet, LetterSettingsViewSet)


@hooks.register("register_admin_viewset")
def register_interaction():
    return InteractionGroup()


class QueuePanel(Component):
    """A dashboard panel of one person's queues (label, count, link): letters here; disclosure and monitoring
    show theirs the same way under their own heading."""

    order = 40
    template_name = "interaction/admin/dashboard_panel.html"

    def __init__(self, rows: list[tuple[str, int, str]], name: str = "letters-due", heading: str = _("政民互动待办")):
        self.rows, self.name, self.heading = rows, name, heading

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows, "heading": self.heading, "name": self.name}


def _index(**query) -> str:
    return reverse("letters:index") + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def clock_scope(user) -> QuerySet[Letter]:
    """The letters whose clock this person answers for: every one for the hotline and the office, else
    those now with the person's units (a letter a unit returned is no longer its to answer)."""
    if access.is_hotline(user) or access.supervises(user):
        return Letter.objects.all()
    return Letter.objects.filter(unit__in=access.units_where(user, Role.LETTER_HANDLER, Role.LETTER_APPROVER))


def dashboard_rows(user) -> list[tuple[str, int, str]]:
    """(label, count, link) of each queue of this user that is not empty."""
    today = timezone.localdate()
    letters = clock_scope(user)
    rows: list[tuple[str, int, str]] = []
    if access.is_hotline(user):
        rows += [
            (_("待分拣转办的来信"), letters.filter(status=Letter.Status.RECEIVED).count(), _index(status="received")),
            (_("单位退回待重新转办"), letters.filter(status=Letter.Status.RETURNED).count(), _index(status="returned")),
            (_("待审批的延期申请"), Extension.objects.filter(
                status=Extension.Status.PENDING, letter__in=letters.open()).count(), _index(status="dispatched")),
        ]
    handled = access.units_where(user, Role.LETTER_HANDLER)
    if handled:
        mine = letters.filter(unit__in=handled, status=Letter.Status.DISPATCHED)
        rows.append((_("本单位办理中的来信"), mine.count(), _index(status="dispatched")))
    approved = access.units_where(user, Role.LETTER_APPROVER)
    if approved:
        waiting = letters.filter(unit__in=approved, status=Letter.Status.REVIEWING).count()
        rows.append((_("待审核的答复"), waiting, _index(status="reviewing")))
    rows += [
        (_("即将到期的来信"), due_soon(letters, today).count(), _index(due_soon="true")),
        (_("已超期未答复"), letters.overdue(today).count(), _index(overdue="true")),
    ]
    reports = access.error_reports_for(user).filter(status=ErrorReport.Status.NEW)
    rows += [
        (_("待处理的网站纠错"), reports.count(), reverse("error_reports:index") + "?status=new"),
        (_("超期未处理的网站纠错"), reports.filter(due_on__lt=today).count(),
         reverse("error_reports:index") + "?status=new"),
    ]
    return [row for row in rows if row[1]]


@hooks.register("construct_homepage_panels")
def add_letters_panel(request, panels):
    rows = dashboard_rows(request.user)
    if rows:
        panels.append(QueuePanel(rows))
