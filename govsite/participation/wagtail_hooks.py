"""Participation in the admin: one menu for surveys, interviews and proposals, log labels, dashboard panel."""

from __future__ import annotations

from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import access
from .admin_forms import SurveyForm, UnitSiteForm
from .admin_views import (
    InterviewEditView,
    ModerationView,
    PublishResultsView,
    PublishTranscriptView,
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedIndexView,
    ScopedUsageView,
    SubmissionExportView,
    SurveyEditView,
    answer_question,
    moderate_question,
)
from .models import Interview, InterviewQuestion, Proposal, Survey
from .results import ACTION_LABELS


@hooks.register("register_log_actions")
def register_participation_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, _(label), _(label))


class ResultsColumn(Column):
    """The results state of a survey; overdue ones stand out in the list (I7)."""

    cell_template_name = "participation/admin/results_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.results_overdue()
        return context


class ScopedViewSet(ModelViewSet):
    """A unit's editors see and change only their own sites' items (the portal office: all)."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False  # a copy would show another unit's item
    add_to_admin_menu = False


class SurveyViewSet(ScopedViewSet):
    model = Survey
    icon = "form"
    menu_label = _("征集调查")
    menu_name = "participation_surveys"
    edit_view_class = SurveyEditView
    list_display = [
        "title", "record", "kind", "starts_on", "ends_on", "results_due_on",
        ResultsColumn("results_state", label=_("结果公布")), "live",
    ]
    list_filter = ["kind", "live", "record"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("record"),
                    FieldPanel("kind"),
                    FieldPanel("title"),
                    FieldPanel("organizer"),
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                    FieldPanel("live"),
                ],
                heading=_("基本信息"),
            ),
            FieldPanel("intro"),
            FieldPanel("draft"),
            InlinePanel("attachments", label=_("附件")),
            InlinePanel("questions", label=_("调查问题"), help_text=_("网上调查的问题；收到提交后不能再修改")),
            MultiFieldPanel(
                [FieldPanel("results_summary"), FieldPanel("adoption"), FieldPanel("adopted_count")],
                heading=_("结果与采纳情况"),
                help_text=_("填写后点击页面上方的“公布结果”才在网站上公开，公布日期随之显示"),
            ),
        ],
        base_form_class=SurveyForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish-results/<int:pk>/", PublishResultsView.as_view(), name="publish_results"),
            re_path(r"^export/(?P<pk>\d+)/(?P<fmt>xlsx|csv)/$", SubmissionExportView.as_view(), name="export"),
        ]


class InterviewViewSet(ScopedViewSet):
    model = Interview
    icon = "comment"
    menu_label = _("在线访谈")
    menu_name = "participation_interviews"
    edit_view_class = InterviewEditView
    list_display = [
        "title", "record", "starts_at", "ends_at", Column("status_label", label=_("状态")),
        Column("pending_questions", label=_("待审核提问")), "live",
    ]
    list_filter = ["live", "record"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("record"),
                    FieldPanel("title"),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    FieldPanel("live"),
                ],
                heading=_("基本信息"),
            ),
            FieldPanel("intro"),
            InlinePanel("guests", label=_("访谈嘉宾"), min_num=1),
            FieldPanel("transcript"),
            InlinePanel("images", label=_("访谈图片")),
        ],
        base_form_class=UnitSiteForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish-transcript/<int:pk>/", PublishTranscriptView.as_view(), name="publish_transcript"),
            path("moderate/<int:pk>/", ModerationView.as_view(), name="moderate"),
            re_path(r"^moderate/question/(?P<pk>\d+)/(?P<decision>approve|reject)/$", moderate_question,
                    name="moderate_question"),
            path("moderate/question/<int:pk>/answer/", answer_question, name="answer_question"),
        ]


class ProposalViewSet(ScopedViewSet):
    model = Proposal
    icon = "doc-full"
    menu_label = _("建议提案办理")
    menu_name = "participation_proposals"
    list_display = ["number", "title", "kind", "session", "lead_unit", "category", "reply_date", "published"]
    list_filter = ["kind", "category", "published", "record"]
    search_fields = ["title", "proposers", "lead_unit"]
    edit_handler = ObjectList(
        [
            FieldPanel("record"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]),
            FieldPanel("session"),
            FieldPanel("title"),
            FieldPanel("proposers"),
            FieldRowPanel([FieldPanel("lead_unit"), FieldPanel("co_units")]),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("category"), FieldPanel("reply_date")]), FieldPanel("reply"),
                 FieldPanel("published")],
                heading=_("办理结果"),
            ),
        ],
        base_form_class=UnitSiteForm,
    )


class ParticipationGroup(ViewSetGroup):
    menu_label = _("征集调查与访谈")
    menu_name = "participation"
    menu_icon = "group"
    menu_order = 130
    items = (
        SurveyViewSet("participation_surveys"),
        InterviewViewSet("participation_interviews"),
        ProposalViewSet("participation_proposals"),
    )


@hooks.register("register_admin_viewset")
def register_participation():
    return ParticipationGroup()


class ResultsDuePanel(Component):
    """Closed surveys still owing their results, overdue ones first, for the office and the unit (I7)."""

    name = "participation_results_due"
    order = 60
    template_name = "participation/admin/results_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        surveys = access.scoped(Survey.objects.awaiting_results(), self.user).select_related("record")
        pending = access.scoped(Interview.objects.all(), self.user).filter(
            questions__status=InterviewQuestion.Status.PENDING).distinct().count()
        return {"surveys": list(surveys.order_by("results_due_on", "pk")), "pending_interviews": pending}


@hooks.register("construct_homepage_panels")
def add_results_panel(request, panels):
    if request.user.has_perm("participation.change_survey"):
        panels.append(ResultsDuePanel(request.user))
