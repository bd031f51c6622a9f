"""Records of one site in the reported year and around it, and the people who fill, publish and oversee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from govsite.analytics.models import SiteVisitDay
from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage, InterpretationPage, TopicPage
from govsite.content.tests.factories import publish
from govsite.incidents.models import Drill
from govsite.interaction.models import Letter
from govsite.monitoring.models import Inspection, Rectification
from govsite.participation.models import Interview, InterviewQuestion, Submission, Survey
from govsite.reports import annual_form as form
from govsite.review.roles import Role

YEAR = timezone.localdate().year - 1
BEIJING = dt.timezone(dt.timedelta(hours=8))


def at(year: int, month: int = 6, day: int = 15) -> dt.datetime:
    return dt.datetime(year, month, day, 10, tzinfo=BEIJING)


def column(record, column_type: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(record.site.root_page).filter(column_type=column_type).order_by("path")[0]


def article(parent, title: str, year: int, **extra) -> ArticlePage:
    return publish(parent, ArticlePage(title=title, published_at=at(year), body="<p>正文。</p>", **extra))


def letter(record, number: int, received: dt.date, **fields) -> Letter:
    return Letter.objects.create(
        site=record, kind="consultation", title=f"咨询{number}", content="内容", writer_name="张三",
        writer_phone="13812345678", query_code=f"Q{number:07d}", password_digest="x", received_on=received,
        received_at=at(received.year, received.month, received.day), due_on=received + dt.timedelta(days=20),
        **fields)


def answered(record, number: int, received: dt.date, days: int, public: bool) -> Letter:
    return letter(record, number, received, status=Letter.Status.ANSWERED, working_days=days,
                  answered_at=at(received.year, received.month, received.day + 1),
                  publicity=Letter.Publicity.PUBLIC if public else Letter.Publicity.WITHHELD)


def survey(record, year: int, opinions: int, results: bool) -> Survey:
    item = Survey(record=record, title=f"{year}年调查", live=True, starts_on=dt.date(year, 5, 1),
                  ends_on=dt.date(year, 5, 20), published_at=at(year, 5, 1))
    item.save()
    for n in range(opinions):
        Submission.objects.create(survey=item, opinion=f"意见{n}")
    if results:
        Survey.objects.filter(pk=item.pk).update(results_published_at=at(year, 6, 1))
    return item


def interview(record, year: int, asked: int, answers: int) -> Interview:
    item = Interview(record=record, title=f"{year}年访谈", live=True, starts_at=at(year, 7, 1),
                     ends_at=at(year, 7, 1) + dt.timedelta(hours=2))
    item.save()
    for n in range(asked):
        InterviewQuestion.objects.create(interview=item, text=f"问题{n}", status="approved",
                                         answer="答复" if n < answers else "",
                                         answered_at=at(year, 7, 1) if n < answers else None)
    return item


def problem(record, number: int, found: dt.date, status: str) -> Rectification:
    return Rectification.objects.create(
        record=record, kind="broken_link", fingerprint=f"f{number}", subject=f"/p{number}/", description="链接失效",
        severity="low", responsible_unit="办公室", found_on=found, due_on=found + dt.timedelta(days=5),
        last_seen_at=at(found.year, found.month, found.day), status=status)


@pytest.fixture
def year_of_records(portal):
    """The portal's year: what counts falls in YEAR, one of each kind falls in the year before."""
    dynamics, overview, responses = (column(portal, t) for t in ("工作动态", "概况信息", "回应关切"))
    for n in range(3):
        article(dynamics, f"动态{n}", YEAR)
    article(dynamics, "去年动态", YEAR - 1)
    article(overview, "概况", YEAR)
    article(responses, "回应", YEAR)
    publish(column(portal, "政策解读"), InterpretationPage(title="文字解读", form="text", published_at=at(YEAR)))
    publish(column(portal, "政策解读"), InterpretationPage(title="图表解读", form="chart", published_at=at(YEAR)))
    topic = publish(column(portal, "专题专栏"), TopicPage(title="专题", published_at=at(YEAR)))
    article(topic, "专题文章", YEAR)
    for n, (received, days, public) in enumerate([(dt.date(YEAR, 3, 2), 4, True), (dt.date(YEAR, 4, 1), 6, False),
                                                  (dt.date(YEAR - 1, 12, 30), 2, True)]):
        answered(portal, n, received, days, public)
    letter(portal, 9, dt.date(YEAR, 12, 30))
    survey(portal, YEAR, opinions=3, results=True)
    survey(portal, YEAR - 1, opinions=2, results=True)
    interview(portal, YEAR, asked=4, answers=3)
    for day in (dt.date(YEAR, 1, 5), dt.date(YEAR, 8, 5), dt.date(YEAR - 1, 8, 5)):
        Inspection.objects.create(record=portal, day=day, score=90, passed=True)
    problem(portal, 1, dt.date(YEAR, 2, 1), "verified")
    problem(portal, 2, dt.date(YEAR, 3, 1), "open")
    problem(portal, 3, dt.date(YEAR - 1, 3, 1), "fixed")
    Drill.objects.create(held_on=dt.date(YEAR, 9, 1), title="首页篡改应急演练", kind="tabletop", units="电子政务中心",
                         people=5, process="演练过程")
    SiteVisitDay.objects.create(record=portal, day=dt.date(YEAR, 1, 1), views=100, visitors=40)
    SiteVisitDay.objects.create(record=portal, day=dt.date(YEAR, 12, 31), views=50, visitors=10)
    SiteVisitDay.objects.create(record=portal, day=dt.date(YEAR - 1, 12, 31), views=7, visitors=7)
    return portal


def hand_values() -> dict:
    """Every typed cell filled as a unit would."""
    values = {}
    for key in form.HAND_KEYS:
        kind = form.FIELDS[key].kind
        values[key] = {form.Kind.NUMBER: 2, form.Kind.YES_NO: True, form.Kind.DATE: f"{YEAR + 1}-01-10"}.get(kind, "无")
    return values


@dataclass
class People:
    editor: object
    principal: object
    office: object
    other_editor: object


def grant(user, *codenames: str):
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="reports", codename__in=codenames))
    return user


@pytest.fixture
def people(make_user, portal, department) -> People:
    view, change, publish_ = "view_websitereport", "change_websitereport", "publish_websitereport"
    return People(
        editor=grant(make_user("bb_editor", Role.EDITOR, portal), view, change),
        principal=grant(make_user("bb_principal", Role.PRINCIPAL, portal), view, publish_),
        office=grant(make_user("bb_office", Role.PORTAL_OFFICE), view),
        other_editor=grant(make_user("bb_other", Role.EDITOR, department), view, change),
    )
