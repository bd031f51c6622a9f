"""Two sites with their own editors and reviewers (P9): the portal pushes, the department receives."""

import pytest

from govsite.content.models import ArticlePage
from govsite.content.tests.factories import column_of
from govsite.review.forms import CONFIDENTIALITY_CHECKLIST
from govsite.review.roles import Role

CHECKLIST = {name: True for name, _label in CONFIDENTIALITY_CHECKLIST}
REVIEWERS = {"first": Role.FIRST_REVIEW, "second": Role.SECOND_REVIEW, "final": Role.FINAL_REVIEW}


def staff(make_user, record, prefix: str) -> dict:
    people = {name: make_user(f"{prefix}_{name}", role, record) for name, role in REVIEWERS.items()}
    people["editor"] = make_user(f"{prefix}_editor", Role.EDITOR, record)
    return people


@pytest.fixture
def side_a(portal, make_user):
    return staff(make_user, portal, "a")


@pytest.fixture
def side_b(department, make_user):
    return staff(make_user, department, "b")


@pytest.fixture
def published(portal, side_a, side_b):
    """An item of the portal, written by A's editor and published through A's own review."""
    page = ArticlePage(title="测试市召开防汛工作会议", body="<p>会议部署防汛工作。</p>", live=False)
    column_of(portal, "测试要闻").add_child(instance=page)
    page.save_revision(user=side_a["editor"])
    page.get_workflow().start(page, side_a["editor"])
    return approve_all(page, side_a)


def act(page, user, action: str, **data):
    page = ArticlePage.objects.get(pk=page.pk)
    page.current_workflow_task.specific.on_action(page.current_workflow_task_state, user, action, **data)
    return ArticlePage.objects.get(pk=page.pk)


def approve_all(page, people: dict):
    """The three levels of the page's site approve, each by its own reviewer."""
    page = act(page, people["first"], "approve", comment="", **CHECKLIST)
    page = act(page, people["second"], "approve", comment="同意")
    return act(page, people["final"], "approve", comment="同意发布")
