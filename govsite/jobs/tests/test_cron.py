"""Cron expressions: validated with a Chinese message, read as Beijing time across day boundaries."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from govsite.jobs.cron import next_run, validate_cron
from govsite.jobs.models import Schedule


@pytest.mark.parametrize("expression", ["0 2 * * *", "*/15 * * * *", "30 8 * * 1-5", "@daily"])
def test_good_expressions_pass(expression):
    validate_cron(expression)


@pytest.mark.parametrize("expression", ["61 * * * *", "* * *", "0 0 30 2 *", "* * * * * *", "每天两点", ""])
def test_bad_expressions_are_refused_in_chinese(expression):
    with pytest.raises(ValidationError) as caught:
        validate_cron(expression)
    assert caught.value.messages[0].startswith("Cron 表达式无效：")


def test_the_schedule_model_refuses_a_bad_expression(db):
    schedule = Schedule(name="坏表达式", task_name="jobs.audit_verify", cron_expression="0 25 * * *")
    with pytest.raises(ValidationError) as caught:
        schedule.full_clean()
    assert "Cron 表达式无效" in caught.value.message_dict["cron_expression"][0]


def test_next_run_is_beijing_time_across_the_day_boundary():
    # 16:30 UTC on 1 January is already 00:30 on 2 January in Shanghai: 01:00 comes in half an hour.
    assert next_run("0 1 * * *", datetime(2025, 1, 1, 16, 30, tzinfo=UTC)) == datetime(2025, 1, 1, 17, 0, tzinfo=UTC)
    # 23:30 Beijing time: the next 23:00 is tomorrow's, though it is still the same UTC day.
    assert next_run("0 23 * * *", datetime(2025, 1, 1, 15, 30, tzinfo=UTC)) == datetime(2025, 1, 2, 15, 0, tzinfo=UTC)
    # Monday 08:00 Beijing is Sunday 00:00 UTC.
    assert next_run("0 8 * * 1", datetime(2025, 1, 5, 23, 0, tzinfo=UTC)) == datetime(2025, 1, 6, 0, 0, tzinfo=UTC)


def test_a_new_schedule_gets_its_next_run(db):
    schedule = Schedule.objects.create(name="每日校验", task_name="jobs.audit_verify", cron_expression="0 2 * * *")
    local = schedule.next_run_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert (local.hour, local.minute) == (2, 0)
