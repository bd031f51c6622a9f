"""The daily inspection of one site (M1, M6): its facts judged by the national indicators, the day's record
stored with its evidence, and every problem found turned into a rectification item (M4)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.columns.rules import UpdateCategory
from govsite.registry.models import SiteRecord
from govsite.services.checks import guide_findings
from govsite.textcheck.site_config import config_for_site

from . import indicators, pagechecks, probes, rectification
from .facts import site_facts, visible_columns
from .models import Inspection, LinkCheckRun
from .rectification import Finding
from .rectification_rules import Severity
from .sitecheck import blocked_text

# The kinds of problem one inspection checks: items of these kinds not found again are verified.
KINDS = {"broken_link", "stale_column", "unreachable", "unanswered_letter", "footer", "metadata", "text_error",
         "empty_column", "incomplete_guide"}
PAGE_KINDS = {"footer", "metadata", "text_error"}  # judged on the home page as the public receives it
STALE_SEVERITY = {UpdateCategory.DYNAMICS: Severity.HIGH, UpdateCategory.NOTICES_POLICIES: Severity.MEDIUM,
                  UpdateCategory.OTHER: Severity.LOW}


def platform_settings() -> indicators.IndicatorSettings:
    """The indicator thresholds with the deployment's GOVSITE_INDICATOR_SETTINGS applied."""
    return indicators.with_overrides(getattr(settings, "GOVSITE_INDICATOR_SETTINGS", {}))


def result_json(result: indicators.IndicatorResult) -> dict:
    return {"key": result.key, "name": result.name, "status": result.status, "veto": result.veto,
            "at_risk": result.at_risk, "evidence": result.evidence, "detail": result.detail}


def score_json(record: SiteRecord, day: date, score: indicators.Score) -> dict:
    """The score as `govsite monitor score --json` prints it and the dashboard stores it."""
    return {
        "site": record.site.hostname, "name": record.name, "day": day.isoformat(), "score": score.total,
        "base": score.base, "bonus": score.bonus, "passed": score.passed, "verdict": score.verdict,
        "vetoes": [r.key for r in score.vetoes], "indicators": [result_json(r) for r in score.results],
        "deductions": [asdict(d) for d in score.deductions],
    }


PROBLEM_SEVERITY = {"metadata": Severity.LOW, "text_error": Severity.HIGH, "empty_column": Severity.HIGH}


def _crawl_findings(record: SiteRecord) -> list[Finding]:
    """Each broken link and page problem of the latest check, owned by the column of the page it sits on."""
    check = LinkCheckRun.objects.filter(record=record, finished_at__isnull=False).first()
    if check is None:
        return []
    home = record.site.root_url + "/"
    columns = ColumnPage.objects.in_bulk(
        {item.get("column_id") for item in [*check.broken, *check.page_problems]} - {None})
    found = [Finding("broken_link", item["url"], f"失效链接：{item.get('status') or item.get('reason', '')}",
                     Severity.HIGH if home in item.get("sources", []) else Severity.MEDIUM,
                     column=columns.get(item.get("column_id")),
                     evidence=[f"所在页面：{source}" for source in item.get("sources", [])[:5]])
             for item in check.broken]
    found += [Finding(item["kind"], f"{item['url']}#{item['description']}", item["description"],
                      PROBLEM_SEVERITY[item["kind"]], column=columns.get(item.get("column_id")),
                      evidence=[f"所在页面：{item['url']}"])
              for item in check.page_problems]
    return found


def _stale_findings(facts: indicators.SiteFacts, columns, settings) -> list[Finding]:
    """Columns past their own update period, or else the national window of their category (C4)."""
    found = []
    for state, column in zip(facts.columns, columns, strict=True):
        window = column.update_days or settings.update_days(state.update_category)
        if state.last_update is None or (facts.today - state.last_update).days > window:
            last = state.last_update.isoformat() if state.last_update else "从未更新"
            found.append(Finding("stale_column", state.url or state.title,
                                 f"栏目“{state.title}”超过{int(window)}天未更新（最近更新：{last}）",
                                 STALE_SEVERITY[state.update_category], column=column))
    return found


def fetch_home_page(record: SiteRecord) -> str | None:
    """The home page's HTML as the public receives it (through GOVSITE_MONITOR_ORIGIN); None if unreachable."""
    target = probes.target_for(record.site.root_url + "/", getattr(settings, "GOVSITE_MONITOR_ORIGIN", ""))
    try:
        response = httpx.get(target.url, headers={"Host": target.host}, timeout=probes.FAILURE_SECONDS,
                             follow_redirects=True)
    except httpx.HTTPError:
        return None
    return response.text if response.status_code < 400 else None


def page_findings(record: SiteRecord, page: str) -> list[Finding]:
    """The home page's footer set and metadata (国办发〔2017〕47号) and the text check of what it says."""
    home = record.site.root_url + "/"
    found = [Finding("footer", f"{home}#{line}", line, Severity.MEDIUM) for line in pagechecks.footer_findings(page)]
    found += [Finding("metadata", f"{home}#{line}", line, Severity.LOW)
              for line in pagechecks.meta_findings(page, "site")]
    found += [Finding("text_error", f"{home}#{line}", f"首页{line}", Severity.HIGH)
              for line in blocked_text(page, config_for_site(record))]
    return found


def findings(record: SiteRecord, facts: indicators.SiteFacts, score: indicators.Score, columns) -> list[Finding]:
    """Every problem of the day that a unit must fix, each with its severity and place."""
    found = _crawl_findings(record) + _stale_findings(facts, columns, platform_settings())
    for result in score.results:
        if result.key == "unreachable" and (result.veto or result.at_risk) and result.detail.get("failed"):
            found.append(Finding("unreachable", record.site.root_url + "/", "首页可访问性不达标：" + result.status,
                                 Severity.VETO, evidence=result.evidence[:10]))
        if result.key == "poor_interaction" and (result.veto or result.at_risk):
            found += [Finding("unanswered_letter", line, line, Severity.VETO) for line in result.evidence[:20]]
        if result.key == "services_not_practical":  # every incomplete guide goes to its unit (V1)
            found += guide_findings(record, Severity.VETO if result.veto else Severity.MEDIUM)
    return found


def inspect(record: SiteRecord, today: date | None = None) -> Inspection:
    """Judge `record` as of `today`, store the day's inspection and sync the rectification list.

    When the home page cannot be fetched its page checks are left as they were (the probe reports it).
    """
    today = today or timezone.localdate()
    columns = visible_columns(record)
    facts = site_facts(record, today, columns)
    score = indicators.score(facts, platform_settings())
    data = score_json(record, today, score)
    page = fetch_home_page(record)
    found = findings(record, facts, score, columns)
    kinds = KINDS if page is not None else KINDS - PAGE_KINDS
    if page is not None:
        found += page_findings(record, page)
    with transaction.atomic():
        inspection, _created = Inspection.objects.update_or_create(record=record, day=today, defaults={
            "score": score.total, "passed": score.passed, "vetoes": data["vetoes"],
            "at_risk": [r.key for r in score.results if r.at_risk and not r.veto],
            "results": data["indicators"], "deductions": data["deductions"]})
        rectification.sync(record, kinds, found)
    return inspection
