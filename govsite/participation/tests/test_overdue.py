"""The daily check flags surveys whose results are not out a month after the end (I7, 004 §22)."""

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from govsite.audit.models import AuditEntry
from govsite.core.setup import DEFAULT_SCHEDULES
from govsite.jobs.registry import get
from govsite.participation.models import Survey
from govsite.participation.results import RESULTS_OVERDUE, publish_results
from govsite.participation.tests.conftest import make_survey
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
JOB = "participation.flag_overdue_results"


def test_the_job_flags_exactly_the_overdue_survey_once(portal, department, make_user):
    make_user("portal_editor", Role.EDITOR, portal, email="editor@ceshi.gov.cn")
    make_user("jtj_editor", Role.EDITOR, department, email="jtj@ceshi.gov.cn")
    office = make_user("office", Role.PORTAL_OFFICE)
    overdue = make_survey(portal, title="超期未公布的调查", days_open=(-70, -40))
    published = make_survey(portal, title="按时公布的调查", days_open=(-70, -40))
    publish_results(published, office)
    make_survey(portal, title="刚结束的调查", days_open=(-20, -2))
    make_survey(portal, title="正在进行的调查")
    make_survey(portal, title="从未发布的草稿", days_open=(-70, -40), live=False)

    assert get(JOB).func() == {"flagged": [overdue.pk]}
    overdue.refresh_from_db()
    assert overdue.results_overdue_at is not None
    assert [m.to for m in mail.outbox] == [["editor@ceshi.gov.cn"]]  # the unit's editors, not another unit's
    assert "超期未公布的调查" in mail.outbox[0].body and f"{overdue.results_due_on:%Y-%m-%d}" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action=RESULTS_OVERDUE, object_id=str(overdue.pk)).count() == 1
    entry = AuditEntry.objects.filter(action=RESULTS_OVERDUE).get()
    assert entry.site_name == portal.name and entry.object_id == str(overdue.pk)

    assert get(JOB).func() == {"flagged": []}  # flagged once only
    assert len(mail.outbox) == 1


def test_the_flag_stays_after_late_publication(portal, make_user):
    survey = make_survey(portal, days_open=(-70, -40))
    get(JOB).func()
    publish_results(Survey.objects.get(pk=survey.pk), make_user("office", Role.PORTAL_OFFICE))
    survey = Survey.objects.get(pk=survey.pk)
    assert survey.results_overdue() and survey.results_state == "逾期公布"
    assert survey.results_overdue_at is not None and survey.results_published_at > survey.results_overdue_at
    assert timezone.localdate(survey.results_published_at) > survey.results_due_on


def test_the_job_is_registered_and_scheduled_daily():
    assert get(JOB).label == "调查征集结果公布超期检查"
    assert any(task == JOB and cron.split()[2:] == ["*", "*", "*"] for _name, task, cron in DEFAULT_SCHEDULES)
