"""`govsite monitor score` and `run` on the test platform: the indicators from the platform's own records."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from govsite.content.tests.factories import article, column_of
from govsite.monitoring.facts import site_facts
from govsite.monitoring.models import BonusAward, Inspection, Probe, Rectification, SeriousProblem

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("monitor", *args, stdout=out)
    return out.getvalue()


def probes(record, failed: int, total: int = 140) -> None:
    """A week of probes, 20 a day, `failed` of them failed."""
    now = timezone.now()
    Probe.objects.bulk_create(Probe(record=record, at=now - dt.timedelta(hours=1.2 * n), url="http://x/",
                                    ok=n >= failed, seconds=0.2) for n in range(total))


def test_score_prints_every_indicator_with_its_evidence(department):
    article(column_of(department, "工作动态"), "今日动态", days_ago=1)
    probes(department, failed=7)  # 5% of 140: the veto
    data = json.loads(run("score", "--site", "jtj.localhost", "--json"))
    assert data["site"] == "jtj.localhost" and data["day"] == timezone.localdate().isoformat()
    by_key = {r["key"]: r for r in data["indicators"]}
    assert by_key["unreachable"]["veto"] and data["passed"] is False and "unreachable" in data["vetoes"]
    assert by_key["home_not_updated"]["status"] == "通过"
    assert {"security", "unreachable", "home_not_updated", "columns_not_updated", "poor_interaction",
            "services_not_practical"} == set(by_key)
    assert not Inspection.objects.exists()  # score is read-only


def test_run_stores_the_days_inspection_and_the_rectification_items(department, settings):
    settings.GOVSITE_MONITOR_ORIGIN = "http://127.0.0.1:9"  # nothing listens: the probe fails
    article(column_of(department, "工作动态"), "今日动态", days_ago=1)
    article(column_of(department, "通知公告"), "去年的通知", days_ago=300)  # past the 6-month window
    probes(department, failed=0)
    rows = json.loads(run("run", "--site", "jtj.localhost", "--no-links", "--json"))
    assert rows[0]["probe_ok"] is False and rows[0]["probe_error"] == "无法连接"
    inspection = Inspection.objects.get(record=department)
    assert inspection.day == timezone.localdate() and inspection.score == rows[0]["score"]
    [stale] = Rectification.objects.filter(record=department, kind="stale_column")
    assert "栏目“通知公告”超过183天未更新" in stale.description and stale.severity == "medium"
    run("run", "--site", "jtj.localhost", "--no-links")  # the same day again: one inspection, the same items
    assert Inspection.objects.filter(record=department).count() == 1
    assert Rectification.objects.filter(record=department, kind="stale_column").count() == 1


def test_an_unknown_site_is_refused_in_chinese(db):
    with pytest.raises(CommandError, match="找不到网站“nowhere.localhost”"):
        run("score", "--site", "nowhere.localhost")


def test_a_recorded_serious_problem_fails_the_site_and_bonus_counts_for_portals_only(portal, department):
    SeriousProblem.objects.create(record=department, category="secret_leak", found_on=timezone.localdate(),
                                  description="通知附件中含涉密文件")
    data = json.loads(run("score", "--site", "jtj.localhost", "--json"))
    security = next(r for r in data["indicators"] if r["key"] == "security")
    assert security["veto"] and "泄露国家秘密：通知附件中含涉密文件" in security["evidence"][0]

    award = BonusAward(record=department, year=timezone.localdate().year, points=5, reason="无障碍改造")
    with pytest.raises(ValidationError, match="只有门户网站可以加分"):
        award.full_clean()
    BonusAward.objects.create(record=portal, year=timezone.localdate().year, points=5, reason="无障碍改造")
    assert site_facts(portal).bonus_points == 5.0  # the pure rules count it only above 80 points
    assert site_facts(department).bonus_points == 0
