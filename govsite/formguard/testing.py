"""For other apps' tests and the load benchmark: POST data that passes a guarded form's checks honestly.

The challenge is issued, solved with its own answer and back-dated past the minimum fill time; it still
goes through captcha.verify, once.
"""

from __future__ import annotations

import time

from django.conf import settings

from .captcha import issue_challenge
from .forms import CAPTCHA_FIELD, HONEYPOT_FIELD


def solved_captcha(prefix: str = "") -> dict[str, str]:
    """captcha_token, captcha_answer and an empty website for one submission (with the form's prefix)."""
    challenge = issue_challenge(issued_at=time.time() - settings.GOVSITE_FORM_MIN_FILL_SECONDS - 1)
    name = f"{prefix}-" if prefix else ""
    return {
        f"{name}{CAPTCHA_FIELD}_token": challenge.token,
        f"{name}{CAPTCHA_FIELD}_answer": challenge.answer,
        f"{name}{HONEYPOT_FIELD}": "",
    }
