"""People of the letters' workflow on the test platform: the hotline centre and a unit's handler and leader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from govsite.core.clock import clock_at
from govsite.interaction import handling
from govsite.interaction.rules import Channel, LetterKind
from govsite.review.roles import Role

# A Wednesday in an ordinary week of 2026 (no holiday within two weeks), 10:00 in Beijing.
WEDNESDAY = dt.datetime(2026, 6, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@dataclass
class People:
    hotline: object
    handler: object
    approver: object
    office: object
    other_handler: object


@pytest.fixture
def people(make_user, portal, department) -> People:
    return People(
        hotline=make_user("hotline1", Role.HOTLINE, email="hotline@ceshi.gov.cn"),
        handler=make_user("handler1", Role.LETTER_HANDLER, department, email="handler@ceshi.gov.cn"),
        approver=make_user("leader1", Role.LETTER_APPROVER, department),
        office=make_user("office1", Role.PORTAL_OFFICE, email="office@ceshi.gov.cn"),
        other_handler=make_user("handler2", Role.LETTER_HANDLER, portal),
    )


@pytest.fixture
def write_letter(portal):
    """A letter written to the portal at `at` (a Wednesday by default)."""

    def write(kind=LetterKind.COMPLAINT, at=WEDNESDAY, **fields):
        writer = handling.Writer(fields.pop("name", "张三"), fields.pop("phone", "13812345678"),
                                 fields.pop("id_number", "11010519491231002X"), fields.pop("address", "测试市人民路1号"))
        with clock_at(at):
            letter, password = handling.receive(
                portal, kind=kind, channel=fields.pop("channel", Channel.MAILBOX),
                title=fields.pop("title", "小区门口道路破损"), content=fields.pop("content", "小区门口道路破损严重，雨天积水。"),
                writer=writer, wants_public=fields.pop("wants_public", True),
            )
        letter.password = password
        return letter

    return write
