"""Deployment settings of formguard checked at start-up (`govsite check`), with Chinese messages."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from .addresses import parse_networks
from .rates import parse_rate
from .refusal import Refused


@register()
def check_formguard_settings(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Every rate of GOVSITE_RATE_LIMITS parses; every trusted proxy is an address or a network."""
    problems: list[CheckMessage] = []
    for scope, text in settings.GOVSITE_RATE_LIMITS.items():
        if text is None:
            continue
        try:
            parse_rate(text)
        except Refused as refusal:
            problems.append(Error(f"GOVSITE_RATE_LIMITS[“{scope}”]：{refusal.message}", id="formguard.E001"))
    try:
        parse_networks(settings.GOVSITE_TRUSTED_PROXIES)
    except Refused as refusal:
        problems.append(Error(f"GOVSITE_TRUSTED_PROXIES：{refusal.message}", id="formguard.E002"))
    return problems
