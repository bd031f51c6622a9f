"""Home-page availability probes (M1, M5): every site's home page fetched as a visitor would, at least
20 times a day; a probe that fails or takes 15 seconds or more counts as a failure (国办秘函〔2019〕19号).

Probes run concurrently with one async client. `GOVSITE_MONITOR_ORIGIN` (e.g. http://127.0.0.1:8080)
sends every probe to the public server that answers for all sites, with the site's own host name in the
Host header; without it each site's own address is used.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from .indicators import DEFAULT_SETTINGS

# 国办秘函〔2019〕19号: a probe of 15 s or more counts as failed (one setting serves probes and indicators).
FAILURE_SECONDS = float(DEFAULT_SETTINGS.probe_timeout_seconds.value)


@dataclass(frozen=True)
class Target:
    """What one probe fetches: the address connected to, and the host name the site answers to."""

    url: str
    host: str


@dataclass(frozen=True)
class Outcome:
    """One probe: when, whether it counts as available, the HTTP status and the time it took."""

    target: Target
    at: datetime
    ok: bool
    status: int | None
    seconds: float | None
    error: str = ""


def target_for(site_url: str, origin: str = "") -> Target:
    """The probe of a site whose public address is `site_url`, through `origin` when one is configured."""
    parts = urlsplit(site_url)
    if not origin:
        return Target(site_url, parts.netloc)
    return Target(origin.rstrip("/") + (parts.path or "/"), parts.hostname or parts.netloc)


def _error_text(error: Exception) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "超时（15秒内未响应）"
    if isinstance(error, httpx.ConnectError):
        return "无法连接"
    return f"访问出错：{type(error).__name__}"


async def _probe(client: httpx.AsyncClient, target: Target, now) -> Outcome:
    began, at = time.perf_counter(), now()
    try:
        response = await client.get(target.url, headers={"Host": target.host})
    except httpx.HTTPError as error:
        return Outcome(target, at, False, None, None, _error_text(error))
    seconds = time.perf_counter() - began
    ok = response.status_code < 400 and seconds < min(FAILURE_SECONDS, client.timeout.read or FAILURE_SECONDS)
    error = "" if ok else (f"HTTP {response.status_code}" if response.status_code >= 400 else "响应时间超过15秒")
    return Outcome(target, at, ok, response.status_code, round(seconds, 3), error)


async def _probe_all(targets: list[Target], now, timeout: float) -> list[Outcome]:
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=True, verify=True,
                                 headers={"User-Agent": "govsite-monitor/1.0"}) as client:
        return list(await asyncio.gather(*(_probe(client, t, now) for t in targets)))


def probe(targets: list[Target], now, timeout: float = FAILURE_SECONDS) -> list[Outcome]:
    """Probe every target at once; `now()` stamps each probe (the real clock, or a test's)."""
    return asyncio.run(_probe_all(targets, now, timeout))
