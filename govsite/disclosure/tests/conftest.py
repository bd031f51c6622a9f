"""People of the disclosure office on the test platform, and an application filed at a given moment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from govsite.core.clock import clock_at
from govsite.disclosure import requests
from govsite.disclosure.rules import ApplicantType, Channel
from govsite.review.roles import Role

BEIJING = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING)


@dataclass
class Office:
    handler: object
    head: object
    other_handler: object
    portal_office: object


@pytest.fixture
def office(make_user, portal, department) -> Office:
    return Office(
        handler=make_user("ysq_handler", Role.DISCLOSURE_HANDLER, department, email="ysq@ceshi.gov.cn"),
        head=make_user("ysq_head", Role.DISCLOSURE_HEAD, department, email="head@ceshi.gov.cn"),
        other_handler=make_user("ysq_other", Role.DISCLOSURE_HANDLER, portal),
        portal_office=make_user("ysq_office", Role.PORTAL_OFFICE, email="office@ceshi.gov.cn"),
    )


@pytest.fixture
def apply(department):
    """An application to the department, submitted on `day` (online unless a channel is given)."""

    def submit(day: dt.date, applicant=ApplicantType.NATURAL_PERSON, channel=Channel.ONLINE, **fields):
        with clock_at(at(day)):
            req, password = requests.submit(
                department, applicant=requests.Applicant(applicant, fields.pop("name", "李四"),
                                                         fields.pop("phone", "13912345678"),
                                                         email=fields.pop("email", "lisi@example.com")),
                description=fields.pop("description", "2026年本市中小学校舍维修项目的立项批复文件"),
                channel=channel, received_on=fields.pop("received_on", None),
            )
        req.password = password
        return req

    return submit
