"""Emergency fast track (P11): deadlines, the one-approval workflow, countdown, escalation."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from govsite.audit.models import AuditEntry
from govsite.content.models import ArticlePage
from govsite.content.tests.factories import column_of
from govsite.review.emergency_rules import EventLevel, countdown_text, first_release_due
from govsite.review.models import EmergencyEvent
from govsite.review.roles import Role

T0 = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)


def test_deadlines_follow_p11():
    assert first_release_due(EventLevel.ESPECIALLY_MAJOR, T0) == T0 + dt.timedelta(hours=1)
    for level in (EventLevel.MAJOR, EventLevel.LARGER, EventLevel.ORDINARY, EventLevel.PUBLIC_OPINION):
        assert first_release_due(level, T0) == T0 + dt.timedelta(hours=48)


def test_countdown_text():
    due = T0 + dt.timedelta(hours=1)
    assert countdown_text(due, T0 + dt.timedelta(minutes=55)) == "剩余 0小时05分"
    assert countdown_text(due, T0 + dt.timedelta(hours=3, minutes=10)) == "已超时 2小时10分"


@pytest.mark.django_db
def test_emergency_item_takes_the_one_approval_workflow_and_stops_the_clock(portal, make_user):
    editor = make_user("editor", Role.EDITOR, portal)
    leader = make_user("leader", Role.FINAL_REVIEW, portal)
    event = EmergencyEvent.objects.create(record=portal, title="暴雨洪涝灾害", level=EventLevel.ESPECIALLY_MAJOR,
                                          registered_by=editor)
    assert event.first_release_due - event.registered_at == dt.timedelta(hours=1)
    page = ArticlePage(title="关于暴雨洪涝灾害的情况通报", body="<p>通报。</p>", emergency_event=event, live=False)
    column_of(portal, "测试要闻").add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    page = ArticlePage.objects.get(pk=page.pk)
    task = page.current_workflow_task.specific
    assert task.name.endswith("值班领导审核")
    task.on_action(page.current_workflow_task_state, leader, "approve", comment="同意立即发布")
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    event.refresh_from_db()
    assert event.released_at is not None and not event.is_overdue


@pytest.mark.django_db
def test_missed_deadline_is_escalated_once(portal, make_user):
    office = make_user("office", Role.PORTAL_OFFICE, email="office@ceshi.gov.cn")
    event = EmergencyEvent.objects.create(record=portal, title="网络舆情：停水", level=EventLevel.PUBLIC_OPINION,
                                          registered_at=timezone.now() - dt.timedelta(hours=49))
    assert event.is_overdue and event.countdown.startswith("已超时")
    out = StringIO()
    call_command("emergency", "escalate", "--json", stdout=out)
    assert [e["title"] for e in json.loads(out.getvalue())] == ["网络舆情：停水"]
    assert mail.outbox and mail.outbox[0].to == [office.email] and "超时" in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action="govsite.emergency.escalate").count() == 1
    call_command("emergency", "escalate", "--json", stdout=StringIO())
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_editor_registers_an_event_and_sees_the_countdown(client, portal, department, make_user):
    editor = make_user("editor", Role.EDITOR, portal)
    client.force_login(editor)
    form = client.get(reverse("emergency_events:add")).content.decode()
    assert portal.name in form and department.name not in form  # only the editor's own site
    response = client.post(reverse("emergency_events:add"), {
        "record": portal.pk, "title": "森林火情", "level": "especially_major", "description": "东山镇"})
    assert response.status_code == 302
    assert EmergencyEvent.objects.get(title="森林火情").registered_by == editor
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "突发事件首发倒计时" in dashboard and "森林火情" in dashboard and "剩余 0小时5" in dashboard
