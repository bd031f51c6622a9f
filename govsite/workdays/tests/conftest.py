"""Fixtures of the working-day calendar tests."""

import pytest


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Rows rolled back after a test send no signal, so every test starts from a rebuilt calendar."""
    from govsite.workdays.service import invalidate

    invalidate()


@pytest.fixture
def changes():
    """The `years` of every `calendar_changed` sent during the test."""
    from govsite.workdays.signals import calendar_changed

    sent: list[tuple[int, ...]] = []

    def receive(sender, years, **kwargs):
        sent.append(years)

    calendar_changed.connect(receive, dispatch_uid="workdays-tests")
    yield sent
    calendar_changed.disconnect(dispatch_uid="workdays-tests")
