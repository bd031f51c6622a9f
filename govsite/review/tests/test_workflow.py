"""Three-level review with distinct people (P3), no self-approval (P4), the 初审 checklist (P5, P7)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from govsite.content.models import ArticlePage
from govsite.content.tests.factories import column_of
from govsite.review.forms import CONFIDENTIALITY_CHECKLIST
from govsite.review.models import ReviewRecord
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db

CHECKLIST = {name: True for name, _label in CONFIDENTIALITY_CHECKLIST}


@pytest.fixture
def people(portal, make_user):
    roles = {
        "editor": Role.EDITOR, "first": Role.FIRST_REVIEW, "second": Role.SECOND_REVIEW,
        "final": Role.FINAL_REVIEW, "principal": Role.PRINCIPAL,
    }
    return {name: make_user(name, role, portal) for name, role in roles.items()}


def submit(portal, editor, *, major=False) -> ArticlePage:
    """An editor writes an item and submits it for review, as the admin does."""
    page = ArticlePage(title="测试市召开防汛工作会议", body="<p>会议部署防汛工作。</p>", is_major=major,
                       live=False)
    column_of(portal, "测试要闻").add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return ArticlePage.objects.get(pk=page.pk)


def act(page, user, action, **data):
    page = ArticlePage.objects.get(pk=page.pk)
    page.current_workflow_task.specific.on_action(page.current_workflow_task_state, user, action, **data)
    return ArticlePage.objects.get(pk=page.pk)


def current_level(page) -> str:
    return ArticlePage.objects.get(pk=page.pk).current_workflow_task.specific.level


def test_three_levels_by_three_people_publish_the_item(portal, people):
    page = submit(portal, people["editor"])
    assert current_level(page) == Role.FIRST_REVIEW and not page.live
    page = act(page, people["first"], "approve", comment="", **CHECKLIST)
    assert current_level(page) == Role.SECOND_REVIEW
    page = act(page, people["second"], "approve", comment="同意")
    assert current_level(page) == Role.FINAL_REVIEW
    page = act(page, people["final"], "approve", comment="同意发布")
    assert page.live  # published by the completed workflow; nobody holds a publish permission
    assert not people["final"].has_perm("wagtailcore.publish_page")
    first_state = page.workflow_states.get().task_states.order_by("started_at").first()
    assert "【保密审查已确认】不含国家秘密和工作秘密" in first_state.comment  # shown in the item's history
    records = list(ReviewRecord.objects.filter(object_id=str(page.pk)))
    assert [r.level for r in records] == [Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW]
    assert records[0].checklist == CHECKLIST


def test_principal_approval_only_for_major_items(portal, people):
    page = submit(portal, people["editor"], major=True)
    page = act(page, people["first"], "approve", comment="", **CHECKLIST)
    page = act(page, people["second"], "approve", comment="")
    page = act(page, people["final"], "approve", comment="")
    assert not page.live and current_level(page) == Role.PRINCIPAL
    page = act(page, people["principal"], "approve", comment="同意")
    assert page.live


def test_first_review_needs_every_checklist_item(portal, people):
    page = submit(portal, people["editor"])
    partial = dict(CHECKLIST, confirm_no_privacy=False)
    with pytest.raises(PermissionDenied, match="保密审查须逐项确认"):
        act(page, people["first"], "approve", comment="", **partial)
    assert current_level(page) == Role.FIRST_REVIEW


def test_rejection_needs_a_reason_the_editor_sees(portal, people):
    page = submit(portal, people["editor"])
    with pytest.raises(PermissionDenied, match="退回须填写理由"):
        act(page, people["first"], "reject", comment="  ")
    page = act(page, people["first"], "reject", comment="标题中会议名称有误，请核对")
    state = page.workflow_states.get()
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "标题中会议名称有误，请核对"


def test_nobody_approves_what_they_submitted_or_wrote(portal, people, make_user):
    writer_reviewer = make_user("both", Role.FIRST_REVIEW, portal)
    page = submit(portal, people["editor"])
    page.save_revision(user=writer_reviewer)  # a reviewer who edited the item
    page = ArticlePage.objects.get(pk=page.pk)
    task = page.current_workflow_task.specific
    assert task.get_actions(page, writer_reviewer) == []
    with pytest.raises(PermissionDenied, match="不能审核自己撰写或修改过的信息"):
        act(page, writer_reviewer, "approve", comment="", **CHECKLIST)
    assert task.get_actions(page, people["first"])  # an uninvolved reviewer may


def test_nobody_approves_two_levels_of_one_item(portal, people):
    people["first"].groups.add(people["second"].groups.get())
    page = submit(portal, people["editor"])
    page = act(page, people["first"], "approve", comment="", **CHECKLIST)
    assert current_level(page) == Role.SECOND_REVIEW
    assert page.current_workflow_task.specific.get_actions(page, people["first"]) == []
    with pytest.raises(PermissionDenied, match="不同人员审核"):
        act(page, people["first"], "approve", comment="")


def test_awaiting_review_excludes_conflicted_items(portal, people):
    page = submit(portal, people["editor"])
    task = page.current_workflow_task.specific
    assert task.get_task_states_user_can_moderate(people["first"]).count() == 1
    page.save_revision(user=people["first"])
    assert task.get_task_states_user_can_moderate(people["first"]).count() == 0


def test_a_non_member_cannot_act(portal, people):
    page = submit(portal, people["editor"])
    with pytest.raises(PermissionDenied):
        act(page, people["second"], "approve", comment="", **CHECKLIST)


def test_checklist_modal_over_http(client, portal, people):
    page = submit(portal, people["editor"])
    state = page.current_workflow_task_state
    client.force_login(people["first"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    form = client.get(url).json()["html"]
    for _name, label in CONFIDENTIALITY_CHECKLIST:
        assert str(label) in form
    client.post(url, {"comment": "", **{k: "on" for k in CHECKLIST}})
    assert current_level(page) == Role.SECOND_REVIEW


def test_edit_during_review_sends_it_back_for_reapproval(portal, people):
    page = submit(portal, people["editor"])
    page = act(page, people["first"], "approve", comment="", **CHECKLIST)
    page.title = "测试市召开防汛工作会议（更正）"
    page.save_revision(user=people["editor"])  # edited while at 复审
    page = act(page, people["second"], "approve", comment="")
    assert current_level(page) == Role.FIRST_REVIEW  # 初审 approved an older text: approve again
    assert not page.live


def test_review_record_exports_as_xlsx_and_docx(client, portal, people):
    import io

    from docx import Document
    from openpyxl import load_workbook

    page = submit(portal, people["editor"])
    page = act(page, people["first"], "approve", comment="文字无误", **CHECKLIST)
    page = act(page, people["second"], "reject", comment="请补充会议时间")
    client.force_login(people["editor"])
    xlsx = client.get(reverse("review_record_export", args=[page.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1] == ("审核时间", "审核级别", "审核人", "审核结果", "审核意见", "保密审查")
    assert [r[1:5] for r in rows[2:]] == [("初审", "first", "通过", "文字无误"), ("复审", "second", "退回", "请补充会议时间")]
    assert "不含个人隐私信息：是" in rows[2][5]
    docx = client.get(reverse("review_record_export", args=[page.pk, "docx"]))
    table = Document(io.BytesIO(docx.content)).tables[0]
    assert [c.text for c in table.rows[2].cells][1:4] == ["复审", "second", "退回"]
