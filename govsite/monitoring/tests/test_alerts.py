"""Alerts (M5, M7) end to end: a site down twice in a row, a tamper incident, quiet hours, heightened
periods, the officer on duty, and the webhook — a real HTTP server on 127.0.0.1 receiving the JSON."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from govsite.core.clock import clock_at
from govsite.monitoring import alerts
from govsite.monitoring.alert_rules import Level
from govsite.monitoring.models import Alert, DutyShift, HeightenedPeriod, Probe, Rectification
from govsite.monitoring.tasks import _alert_on_failures, _alert_on_near_deadlines
from govsite.publishing.models import TamperIncident
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
BEIJING = dt.timezone(dt.timedelta(hours=8))


def at(hour: int, minute: int = 0, day: int = 3) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour, minute, tzinfo=BEIJING)


@pytest.fixture
def received():
    """A webhook receiver on 127.0.0.1: the JSON bodies it was sent."""
    bodies = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield bodies, f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()
    server.server_close()


@pytest.fixture
def duty(make_user):
    officer = make_user("duty_officer", Role.PORTAL_OFFICE, email="duty@ceshi.gov.cn")
    make_user("office_boss", Role.PORTAL_OFFICE, email="boss@ceshi.gov.cn")
    DutyShift.objects.create(user=officer, start=at(20), end=at(8, day=4))
    return officer


def test_a_site_down_twice_alerts_the_officer_on_duty_and_the_webhook(department, duty, received, settings):
    bodies, url = received
    settings.GOVSITE_ALERT_WEBHOOK = url
    first = Probe.objects.create(record=department, at=at(23), url="u", ok=False, error="无法连接")
    with clock_at(at(23)):
        assert _alert_on_failures([first]) == 0  # once may be a blip
    second = Probe.objects.create(record=department, at=at(23, 30), url="u", ok=False, error="无法连接")
    with clock_at(at(23, 30)):
        assert _alert_on_failures([second]) == 1
        assert _alert_on_failures([second]) == 0  # not again until acknowledged
    alert = Alert.objects.get()
    assert alert.delivered_at == at(23, 30)  # veto-level: quiet hours do not hold it back
    assert mail.outbox[-1].to == ["duty@ceshi.gov.cn"] and "首页无法访问" in mail.outbox[-1].subject
    assert bodies == [{"level": "veto", "kind": "site_down", "message": alert.message, "site": department.name,
                       "raised_at": "2026-06-03T23:30:00+08:00"}]
    assert alert.webhook_result == "HTTP 204"


def test_ordinary_alerts_wait_for_the_morning_unless_the_period_is_heightened(department, duty):
    with clock_at(at(23)):
        held = alerts.raise_alert(department, Level.WARNING, "veto_risk", "栏目不更新指标有风险")
    assert held.delivered_at is None and held.deliver_at == at(7, 30, day=4)
    with clock_at(at(7, 35, day=4)):
        assert alerts.deliver_due() == 1
    assert Alert.objects.get().recipients == ["duty@ceshi.gov.cn"]  # still the night shift until 08:00
    with clock_at(at(9, day=4)):
        day = alerts.raise_alert(department, Level.WARNING, "stale", "栏目长期未更新")
    # nobody on duty: the whole supervising office hears of it, at once in office hours
    assert day.delivered_at == at(9, day=4) and set(day.recipients) == {"boss@ceshi.gov.cn", "duty@ceshi.gov.cn"}

    HeightenedPeriod.objects.create(name="全国两会", start=at(0, day=5), end=at(0, day=15), probe_minutes=5)
    with clock_at(at(23, day=6)):
        urgent = alerts.raise_alert(department, Level.NOTICE, "rectification_due", "整改即将到期")
    assert urgent.delivered_at == at(23, day=6)


def test_a_tamper_incident_is_a_veto_level_alert(portal, duty, django_capture_on_commit_callbacks):
    with clock_at(at(21)), django_capture_on_commit_callbacks(execute=True):
        TamperIncident.objects.create(host="testserver", changed=["index.html"], restored=True)
    alert = Alert.objects.get(kind="tampered")
    assert alert.level == "veto" and "1 个网页文件被篡改（已自动恢复）" in alert.message
    assert alert.record == portal and mail.outbox[-1].to == ["duty@ceshi.gov.cn"]


def test_the_daily_inspection_warns_of_items_due_by_the_next_working_day(department, duty):
    Rectification.objects.create(record=department, kind="stale_column", fingerprint="f", subject="s",
                                 description="栏目未更新", severity="low", responsible_unit="办公室",
                                 found_on=dt.date(2026, 6, 1), due_on=dt.date(2026, 6, 4), last_seen_at=at(9))
    with clock_at(at(10, day=2)):  # Tuesday: due Thursday, two working days away
        _alert_on_near_deadlines(department)
    assert not Alert.objects.exists()
    with clock_at(at(10, day=3)):  # Wednesday: due tomorrow
        _alert_on_near_deadlines(department)
    alert = Alert.objects.get()
    assert alert.level == "notice" and "1 个整改问题将于下一个工作日前到期" in alert.message


def test_the_office_acknowledges_an_alert_and_it_may_be_raised_again(client, department, make_user):
    with clock_at(at(10)):
        alert = alerts.raise_alert(department, Level.VETO, "site_down", "首页无法访问")
    office = make_user("ack_office", Role.PORTAL_OFFICE)
    client.force_login(office)
    listing = client.get(reverse("alerts:index")).content.decode()
    assert "首页无法访问" in listing and "未确认" in listing
    client.post(reverse("alerts:detail", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.acknowledged_by == office and alert.acknowledged_at is not None
    with clock_at(at(11)):
        assert alerts.raise_alert(department, Level.VETO, "site_down", "首页仍无法访问") is not None
    editor = make_user("ack_editor", Role.EDITOR, department)
    client.force_login(editor)
    assert client.get(reverse("alerts:index")).status_code in (302, 403)


def test_a_shift_or_a_period_must_end_after_it_starts(make_user):
    officer = make_user("period_officer", Role.PORTAL_OFFICE)
    for period in (DutyShift(user=officer, start=at(20), end=at(8)),
                   HeightenedPeriod(name="全国两会", start=at(20), end=at(20))):
        with pytest.raises(ValidationError, match="结束时间应晚于开始时间"):
            period.full_clean()
