"""Public addresses of the participation app (served by the public app and, in development, the back office).

Included at `hudong/` next to the letters app, so every path starts with its own prefix.
"""

from django.urls import path

from . import views
from .rules import ProposalKind

app_name = "participation"
urlpatterns = [
    path("zhengji/", views.surveys, name="surveys"),
    path("zhengji/<int:pk>/", views.survey, name="survey"),
    path("zhengji/<int:pk>/done/", views.survey_done, name="survey_done"),
    path("fangtan/", views.interviews, name="interviews"),
    path("fangtan/<int:pk>/", views.interview, name="interview"),
    path("fangtan/<int:pk>/asked/", views.interview_asked, name="interview_asked"),
    path("jianyi/", views.proposals, {"kind": ProposalKind.NPC}, name="npc_suggestions"),
    path("jianyi/<int:pk>/", views.proposal, {"kind": ProposalKind.NPC}, name="npc_suggestion"),
    path("tian/", views.proposals, {"kind": ProposalKind.CPPCC}, name="cppcc_proposals"),
    path("tian/<int:pk>/", views.proposal, {"kind": ProposalKind.CPPCC}, name="cppcc_proposal"),
]
