"""Push between sites end to end with separate reviewers on each side (P9; 001 §13)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from govsite.audit.models import AuditEntry
from govsite.content.models import ArticlePage
from govsite.content.tests.factories import column_of
from govsite.sharing import events
from govsite.sharing.models import PushedItem
from govsite.sharing.push import push

from .conftest import CHECKLIST, act, approve_all

pytestmark = pytest.mark.django_db


def copy_of(item: PushedItem) -> ArticlePage:
    return ArticlePage.objects.get(pk=item.copy_id)


@pytest.fixture
def pushed(client, published, department, side_a):
    """A's editor pushes the published item to B's 工作动态 through the admin."""
    client.force_login(side_a["editor"])
    target = column_of(department, "工作动态")
    response = client.post(reverse("sharing_push", args=[published.pk]), {"targets": [target.pk]})
    assert response.status_code == 302
    return PushedItem.objects.get(origin=published, target=target)


def test_p9_push_arrives_as_draft_awaiting_b_review(pushed, published, portal, side_a, side_b):
    copy = copy_of(pushed)
    assert not copy.live and pushed.status == PushedItem.Status.SUBMITTED
    assert copy.title == published.title and copy.source == portal.name
    assert published.full_url in copy.get_latest_revision_as_object().body
    assert pushed.pushed_by == side_a["editor"]
    task = copy.current_workflow_task.specific
    assert task.get_task_states_user_can_moderate(side_b["first"]).filter(revision__object_id=str(copy.pk)).exists()
    assert not task.get_task_states_user_can_moderate(side_a["first"]).exists()
    assert AuditEntry.objects.filter(action=events.PUSH, object_id=str(copy.pk)).exists()


def test_p9_a_reviewers_cannot_approve_on_b(pushed, side_a):
    copy = copy_of(pushed)
    with pytest.raises(PermissionDenied):
        act(copy, side_a["first"], "approve", comment="", **CHECKLIST)
    assert not copy_of(pushed).live


def test_p9_copy_goes_live_on_b_only_after_b_approves(pushed, side_b):
    copy = act(copy_of(pushed), side_b["first"], "approve", comment="", **CHECKLIST)
    copy = act(copy, side_b["second"], "approve", comment="同意")
    assert not copy.live  # still awaiting B's 终审
    copy = act(copy, side_b["final"], "approve", comment="同意转载")
    assert copy.live
    pushed.refresh_from_db()
    assert pushed.status == PushedItem.Status.PUBLISHED


def test_p9_rejection_by_b_shows_as_returned(pushed, side_b):
    act(copy_of(pushed), side_b["first"], "reject", comment="与本单位职能无关")
    pushed.refresh_from_db()
    assert pushed.status == PushedItem.Status.REJECTED and not copy_of(pushed).live


def test_p9_update_reaches_b_as_new_revision_while_live_copy_stays(pushed, published, portal, side_a, side_b):
    approve_all(copy_of(pushed), side_b)
    page = ArticlePage.objects.get(pk=published.pk)
    page.body = "<p>会议部署防汛和抗旱工作。</p>"
    page.save_revision(user=side_a["editor"])
    page.get_workflow().start(page, side_a["editor"])
    approve_all(page, side_a)  # A publishes the change
    pushed.refresh_from_db()
    copy = copy_of(pushed)
    assert pushed.status == PushedItem.Status.SUBMITTED
    assert "防汛工作" in copy.body and "抗旱" not in copy.body  # B's live copy unchanged
    assert "抗旱" in copy.get_latest_revision_as_object().body
    assert copy.current_workflow_task.specific.level == "first_review"
    copy = approve_all(copy, side_b)
    assert "抗旱" in copy.body and "原文链接" in copy.body and copy.source == portal.name
    assert AuditEntry.objects.filter(action=events.PROPAGATE, object_id=str(copy.pk)).exists()


def test_p9_push_refused_for_own_site_twice_or_by_other_unit(pushed, published, portal, department, side_b):
    with pytest.raises(Exception, match="已推送到栏目"):
        push(published, [column_of(department, "工作动态")], pushed.pushed_by)
    with pytest.raises(Exception, match="不能推送到本网站"):
        push(published, [column_of(portal, "测试要闻")], pushed.pushed_by)
    with pytest.raises(Exception, match="只能推送本单位网站的信息"):
        push(published, [column_of(department, "通知公告")], side_b["editor"])


def test_p9_push_page_lists_only_other_sites_columns(client, published, side_a, department):
    client.force_login(side_a["editor"])
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[published.pk])).content.decode()
    assert reverse("sharing_push", args=[published.pk]) in editor_page  # the 信息推送 button
    page = client.get(reverse("sharing_push", args=[published.pk])).content.decode()
    assert "工作动态" in page and "测试要闻" not in page
    response = client.post(reverse("sharing_push", args=[published.pk]), {})
    assert "请至少选择一个接收栏目" in response.content.decode()


def test_p9_pushes_list_shows_sent_and_received(client, pushed, side_a, side_b, make_user):
    """A's editor sees what A sent, B's reviewer what B received; someone of neither site sees nothing."""
    stranger = make_user("stranger", None)
    stranger.user_permissions.add(*_permissions("wagtailadmin.access_admin"))
    for user in (side_a["editor"], side_b["first"]):
        user.groups.first().permissions.add(*_permissions("sharing.view_pusheditem"))
    stranger.user_permissions.add(*_permissions("sharing.view_pusheditem"))
    for user, sees in ((side_a["editor"], True), (side_b["first"], True), (stranger, False)):
        client.force_login(user)
        html = client.get(reverse("sharing_pushes:index")).content.decode()
        assert ("测试市召开防汛工作会议" in html) is sees


def _permissions(name: str):
    from django.contrib.auth.models import Permission

    app_label, codename = name.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
