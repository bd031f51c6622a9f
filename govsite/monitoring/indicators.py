"""The check indicators of 国办秘函〔2019〕19号 as rules over plain facts (M1, M6); no Django import.

Six single-veto indicators each end in one of three states: passed, at risk (close enough to the
threshold that the office is warned before a veto) or veto. The deduction part starts at 100 points.
Every threshold is a `Threshold` whose source says whether the document gives it or the platform chose
a default the office may change; the UI shows the latter as such.

Dates are Beijing dates and probe times Beijing local times: the caller converts.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from govsite.columns.rules import DEFAULT_UPDATE_DAYS, UpdateCategory

DOC = "国办秘函〔2019〕19号"
DOC_LOW = "国办秘函〔2019〕19号（据监测厂商说明，原文待核实，可信度低）"
SELF_CHECK = "国办秘函〔2019〕19号扣分项（据自查报告）"
C4 = "C4（001 §12）"
DEFAULT_SOURCE = "默认值（标准原文未给出，可在设置中修改）"

# V1 (003 §24; 004 §16): the elements a service guide must carry.
KEY_GUIDE_ELEMENTS: tuple[str, ...] = (
    "办理依据",
    "受理条件",
    "申请材料",
    "办理地点",
    "办理机构",
    "收费标准",
    "办理时间",
    "咨询电话",
    "办理流程",
    "办理时限",
)


@dataclass(frozen=True)
class Threshold:
    """A setting's value and where it comes from, so the UI can flag values the standard does not give."""

    value: float
    source: str = DEFAULT_SOURCE

    @property
    def is_default(self) -> bool:
        """True when the platform chose the value because the standard gives none."""
        return self.source == DEFAULT_SOURCE


@dataclass(frozen=True)
class IndicatorSettings:
    """Every threshold of the indicators and the score; change one per site with `dataclasses.replace`."""

    # 站点无法访问
    probes_per_day: Threshold = Threshold(20, DOC)
    probe_days: Threshold = Threshold(7, DOC)
    probe_timeout_seconds: Threshold = Threshold(15, DOC)
    unreachable_veto_percent: Threshold = Threshold(5, DOC)
    unreachable_warn_percent: Threshold = Threshold(3)
    # 首页不更新
    home_days: Threshold = Threshold(14, DOC)
    home_warn_days: Threshold = Threshold(10)
    # 栏目不更新: the C4 windows, and the counts that veto
    dynamics_days: Threshold = Threshold(DEFAULT_UPDATE_DAYS[UpdateCategory.DYNAMICS], C4)
    notices_days: Threshold = Threshold(DEFAULT_UPDATE_DAYS[UpdateCategory.NOTICES_POLICIES], C4)
    other_days: Threshold = Threshold(DEFAULT_UPDATE_DAYS[UpdateCategory.OTHER], C4)
    key_columns_veto: Threshold = Threshold(5, DOC)
    overdue_columns_veto: Threshold = Threshold(10, DOC)
    empty_columns_veto: Threshold = Threshold(5, DOC)
    count_warn_margin: Threshold = Threshold(1)
    # 互动回应差
    letter_lookback_months: Threshold = Threshold(12, DOC)
    letter_reply_months: Threshold = Threshold(3, DOC)
    letter_warn_months: Threshold = Threshold(2)
    # 服务不实用
    incomplete_guides_veto_percent: Threshold = Threshold(20)
    incomplete_guides_warn_percent: Threshold = Threshold(10)
    # Deductions
    policy_column_points: Threshold = Threshold(5, SELF_CHECK)
    policy_column_cap: Threshold = Threshold(20)
    service_stats_months: Threshold = Threshold(3, SELF_CHECK)
    service_stats_points: Threshold = Threshold(2, SELF_CHECK)
    replies_months: Threshold = Threshold(2, SELF_CHECK)
    replies_points: Threshold = Threshold(3, SELF_CHECK)
    broken_link_points: Threshold = Threshold(0.1, DOC_LOW)
    broken_link_cap: Threshold = Threshold(10)
    home_broken_link_points: Threshold = Threshold(1)
    home_broken_link_cap: Threshold = Threshold(10)
    error_unresolved_points: Threshold = Threshold(3, DOC_LOW)
    error_late_points: Threshold = Threshold(2, DOC_LOW)
    error_late_months: Threshold = Threshold(1, DOC_LOW)
    error_grace_days: Threshold = Threshold(1)
    error_reports_cap: Threshold = Threshold(15)
    # Score bands
    pass_score: Threshold = Threshold(60, DOC)
    bonus_entry_score: Threshold = Threshold(80, DOC)
    bonus_cap: Threshold = Threshold(30, DOC)

    def update_days(self, category: UpdateCategory) -> int:
        """The C4 window of a column's category, in days."""
        windows = {
            UpdateCategory.DYNAMICS: self.dynamics_days,
            UpdateCategory.NOTICES_POLICIES: self.notices_days,
            UpdateCategory.OTHER: self.other_days,
        }
        return int(windows[category].value)


DEFAULT_SETTINGS = IndicatorSettings()
OVERRIDE_SOURCE = "本平台设置"

# What each setting is, as the settings page shows it.
SETTING_LABELS: dict[str, str] = {
    "probes_per_day": "每日探测次数下限", "probe_days": "可访问性监测天数", "probe_timeout_seconds": "探测超时（秒）",
    "unreachable_veto_percent": "不可访问比例否决线（%）", "unreachable_warn_percent": "不可访问比例预警线（%）",
    "home_days": "首页不更新否决天数", "home_warn_days": "首页不更新预警天数",
    "dynamics_days": "动态类栏目更新周期（天）", "notices_days": "通知公告、政策文件类栏目更新周期（天）",
    "other_days": "其他栏目更新周期（天）", "key_columns_veto": "动态与政策类栏目不更新否决数",
    "overdue_columns_veto": "应更新未更新栏目否决数", "empty_columns_veto": "空白栏目否决数",
    "count_warn_margin": "栏目计数预警余量", "letter_lookback_months": "留言回溯月数",
    "letter_reply_months": "留言未答复否决月数", "letter_warn_months": "留言未答复预警月数",
    "incomplete_guides_veto_percent": "办事指南要素缺失否决比例（%）",
    "incomplete_guides_warn_percent": "办事指南要素缺失预警比例（%）",
    "policy_column_points": "政策类一级栏目未更新每个扣分", "policy_column_cap": "政策类栏目扣分上限",
    "service_stats_months": "办事统计未更新月数", "service_stats_points": "办事统计未更新扣分",
    "replies_months": "答复未更新月数", "replies_points": "答复未更新扣分",
    "broken_link_points": "其他页面失效链接每个扣分", "broken_link_cap": "其他页面失效链接扣分上限",
    "home_broken_link_points": "首页失效链接每个扣分", "home_broken_link_cap": "首页失效链接扣分上限",
    "error_unresolved_points": "找错未处理每件扣分", "error_late_points": "找错超期处理每件扣分",
    "error_late_months": "找错超期月数", "error_grace_days": "找错处理宽限天数", "error_reports_cap": "找错扣分上限",
    "pass_score": "合格分数线", "bonus_entry_score": "进入加分的分数线", "bonus_cap": "加分上限",
}


def with_overrides(overrides: dict[str, float], base: IndicatorSettings = DEFAULT_SETTINGS) -> IndicatorSettings:
    """The settings with a deployment's own values, each marked as set by the platform; unknown names refused."""
    unknown = sorted(set(overrides) - set(SETTING_LABELS))
    if unknown:
        raise ValueError(f"未知的检查指标设置：{'、'.join(unknown)}")
    return replace(base, **{name: Threshold(float(value), OVERRIDE_SOURCE) for name, value in overrides.items()})


# ---- Facts: what the models know about one site, as plain values ----


@dataclass(frozen=True)
class ProbeResult:
    """One availability probe of the home page: when, whether it answered, and in how many seconds."""

    at: datetime
    ok: bool
    seconds: float | None


@dataclass(frozen=True)
class ColumnState:
    """One column as the inspection saw it."""

    title: str
    url: str
    update_category: UpdateCategory
    last_update: date | None  # newest item carrying a publish date; None counts as never updated
    item_count: int
    placeholder: str | None  # the "正在建设中" phrase the page shows (C5), if any
    is_home: bool = False  # the home page itself: 首页不更新 judges it, the column rules skip it
    is_first_level: bool = False  # directly under the home page (the "second-level pages" of 19号)

    @property
    def is_empty(self) -> bool:
        """An empty column (C5): nothing in it, or a placeholder instead of content."""
        return self.item_count == 0 or self.placeholder is not None


@dataclass(frozen=True)
class LetterState:
    """A letter in a consultation column (互动回应); `valid` is False for abuse, ads, duplicates."""

    received_on: date
    answered_on: date | None
    valid: bool = True
    subject: str = ""


@dataclass(frozen=True)
class ErrorReportState:
    """A 我为政府网站找错 report (I10) and the day it was resolved, if it was."""

    reported_on: date
    resolved_on: date | None
    subject: str = ""


@dataclass(frozen=True)
class GuideState:
    """A service guide (办事指南) and the key elements it fills in (names from KEY_GUIDE_ELEMENTS)."""

    title: str
    elements: frozenset[str]

    @property
    def missing(self) -> list[str]:
        """The key elements the guide lacks, in V1 order."""
        return [name for name in KEY_GUIDE_ELEMENTS if name not in self.elements]


@dataclass(frozen=True)
class SiteFacts:
    """Everything the rules judge about one site on the check date."""

    today: date  # the check date
    is_portal: bool  # 门户网站: only portals may earn bonus points
    home_last_update: date | None  # newest dated item on the home page
    has_consultation_channel: bool  # an effective online consultation channel (咨询类栏目) is offered
    has_online_services: bool  # services can be handled online (on the site or a linked platform)
    service_stats_last_update: date | None  # last update of the published service statistics
    replies_last_update: date | None  # last update of the published replies to letters
    home_is_navigation: bool = False  # the home page is a pure navigation page: first-level columns count
    columns: Sequence[ColumnState] = ()  # every column of the site
    probes: Sequence[ProbeResult] = ()  # home-page probes of the monitoring week (the 7 days before)
    letters: Sequence[LetterState] = ()  # consultation letters; interviews, surveys, petitions excluded
    guides: Sequence[GuideState] = ()  # every service guide the site publishes
    broken_links: int = 0  # broken links found on pages other than the home page
    broken_home_links: int = 0  # broken links found on the home page
    error_reports: Sequence[ErrorReportState] = ()  # 我为政府网站找错 reports of the past year
    security_incidents: Sequence[str] = ()  # serious problems recorded by hand (泄密, 篡改未处置 …)
    security_warnings: Sequence[str] = ()  # open alerts that become incidents if left (篡改告警未处置 …)
    bonus_points: float = 0  # bonus the office awarded by hand (portals only; capped by the settings)


# ---- Results ----


@dataclass(frozen=True)
class IndicatorResult:
    """The verdict of one single-veto indicator, with the sentences and numbers behind it."""

    key: str
    name: str
    veto: bool
    at_risk: bool
    evidence: list[str] = field(default_factory=list)
    detail: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Not vetoed (a result at risk still passes)."""
        return not self.veto

    @property
    def status(self) -> str:
        """The verdict as the UI shows it."""
        return "单项否决" if self.veto else "预警" if self.at_risk else "通过"


@dataclass(frozen=True)
class Deduction:
    """Points taken off the 100, why, and which source the per-item points come from."""

    key: str
    name: str
    points: float
    evidence: list[str]
    source: str


@dataclass(frozen=True)
class Score:
    """The result of a check: deduction part, bonus, and the verdict."""

    total: float
    base: float
    bonus: float
    passed: bool
    vetoes: list[IndicatorResult]
    deductions: list[Deduction]
    results: list[IndicatorResult]

    @property
    def verdict(self) -> str:
        return "合格" if self.passed else "不合格"


# ---- Helpers ----


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's end (2026-03-31 plus one month is 04-30)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def _num(value: float) -> str:
    """5 rather than 5.0, 0.1 rather than 0.1000000001."""
    return f"{round(value, 2):g}"


def _level(measure: float, veto_at: float, warn_at: float) -> tuple[bool, bool]:
    """(veto, at_risk) of a measure that vetoes from `veto_at` and warns from `warn_at`."""
    veto = measure >= veto_at
    return veto, not veto and measure >= warn_at


def _is_stale(last: date | None, today: date, days: int) -> bool:
    """No update within `days` days before `today` (an undated column counts as never updated)."""
    return last is None or (today - last).days > days


def _column_line(column: ColumnState, today: date, settings: IndicatorSettings) -> str:
    """The sentence naming a stale column, its last update and its window."""
    last, days = column.last_update, settings.update_days(column.update_category)
    since = f"最后更新于{last.isoformat()}，已{(today - last).days}天未更新" if last else "没有带发布日期的信息"
    return f"栏目“{column.title}”（{column.url}）{since}，超过{days}天的更新周期"


def _counted_columns(facts: SiteFacts) -> list[ColumnState]:
    """Columns the column rules count: not the home page, and each empty column only once, as empty."""
    return [c for c in facts.columns if not c.is_home and not c.is_empty]


# ---- Single-veto indicators ----


def security_incidents(facts: SiteFacts, settings: IndicatorSettings = DEFAULT_SETTINGS) -> IndicatorResult:
    """安全、泄密事故等严重问题: any recorded incident vetoes; an open alert is a warning."""
    evidence = [f"已记录严重问题：{item}" for item in facts.security_incidents]
    evidence += [f"尚未处置的安全告警：{item}" for item in facts.security_warnings]
    return IndicatorResult(
        "security", "安全、泄密事故等严重问题",
        veto=bool(facts.security_incidents),
        at_risk=not facts.security_incidents and bool(facts.security_warnings),
        evidence=evidence,
        detail={"incidents": len(facts.security_incidents), "warnings": len(facts.security_warnings)},
    )


def _probe_failed(probe: ProbeResult, settings: IndicatorSettings) -> bool:
    """A probe that failed, or answered only after the timeout, counts as unreachable."""
    slow = probe.seconds is not None and probe.seconds >= settings.probe_timeout_seconds.value
    return not probe.ok or slow


def _failure_lines(failed: list[ProbeResult]) -> list[str]:
    """One sentence per day naming the failed probes."""
    by_day: dict[date, list[str]] = defaultdict(list)
    for probe in failed:
        why = "访问失败" if not probe.ok else f"响应{_num(probe.seconds or 0)}秒"
        by_day[probe.at.date()].append(f"{probe.at:%H:%M} {why}")
    return [f"{day.isoformat()}：{len(items)}次不可访问（{'；'.join(items)}）"
            for day, items in sorted(by_day.items())]


def _coverage_lines(probes: Sequence[ProbeResult], settings: IndicatorSettings) -> list[str]:
    """Where the monitoring fell short of 19号's sampling (days covered, probes a day)."""
    per_day = Counter(p.at.date() for p in probes)
    need, days = int(settings.probes_per_day.value), int(settings.probe_days.value)
    lines = [f"监测不足：{day.isoformat()}仅监测{n}次（每天应不少于{need}次）" for day, n in sorted(per_day.items())
             if n < need]
    if len(per_day) < days:
        lines.append(f"监测不足：仅有{len(per_day)}天的监测记录（应连续监测{days}天）")
    return lines


def site_unreachable(facts: SiteFacts, settings: IndicatorSettings = DEFAULT_SETTINGS) -> IndicatorResult:
    """站点无法访问: the share of failed probes; short monitoring warns, since it cannot clear the site."""
    probes = facts.probes
    failed = [p for p in probes if _probe_failed(p, settings)]
    percent = len(failed) * 100 / len(probes) if probes else 0.0
    veto, at_risk = _level(percent, settings.unreachable_veto_percent.value,
                           settings.unreachable_warn_percent.value)
    coverage = _coverage_lines(probes, settings)
    summary = (f"监测{len(probes)}次，不可访问{len(failed)}次，占{_num(percent)}%"
               f"（达到{_num(settings.unreachable_veto_percent.value)}%即单项否决）")
    return IndicatorResult(
        "unreachable", "站点无法访问",
        veto=veto,
        at_risk=not veto and (at_risk or bool(coverage)),
        evidence=[summary, *_failure_lines(failed), *coverage],
        detail={"probes": len(probes), "failed": len(failed), "percent": round(percent, 2)},
    )


def _navigation_last_update(facts: SiteFacts) -> date | None:
    """A navigation home page counts as updated when any of the pages under it is."""
    dates = [c.last_update for c in facts.columns if c.is_first_level and not c.is_home and c.last_update]
    return max(dates, default=None)


def home_not_updated(facts: SiteFacts, settings: IndicatorSettings = DEFAULT_SETTINGS) -> IndicatorResult:
    """首页不更新: no update on the home page (or, for a navigation page, on any page under it) in 2 weeks."""
    nav = facts.home_is_navigation
    last = _navigation_last_update(facts) if nav else facts.home_last_update
    days = (facts.today - last).days if last else None
    limit, warn = int(settings.home_days.value), int(settings.home_warn_days.value)
    veto = days is None or days > limit
    subject = "首页为导航页，其下各二级页面" if nav else "首页"
    since = f"最后更新于{last.isoformat()}，已{days}天未更新" if last else "没有带发布日期的更新"
    return IndicatorResult(
        "home_not_updated", "首页不更新",
        veto=veto,
        at_risk=days is not None and warn < days <= limit,
        evidence=[f"{subject}{since}（超过{limit}天未更新即单项否决）"],
        detail={"days": -1 if days is None else days},
    )


def _overdue_columns(facts: SiteFacts, settings: IndicatorSettings) -> list[ColumnState]:
    """(b) columns past their C4 update window."""
    return [c for c in _counted_columns(facts)
            if _is_stale(c.last_update, facts.today, settings.update_days(c.update_category))]


def _is_key_column(column: ColumnState) -> bool:
    """(a) counts dynamics columns at any level and notice/policy columns of the first level."""
    category = column.update_category
    return category is UpdateCategory.DYNAMICS or (
        category is UpdateCategory.NOTICES_POLICIES and column.is_first_level)


def _key_stale_columns(facts: SiteFacts, settings: IndicatorSettings) -> list[ColumnState]:
    """(a) dynamics columns not updated in 2 weeks, and notice/policy first-level columns in 6 months."""
    return [c for c in _overdue_columns(facts, settings) if _is_key_column(c)]


def _empty_line(column: ColumnState) -> str:
    """The sentence naming an empty column and the placeholder it shows."""
    shows = f"，页面显示“{column.placeholder}”" if column.placeholder else ""
    return f"栏目“{column.title}”（{column.url}）为空白栏目{shows}"


def _part(heading: str, lines: list[str], veto_at: float) -> list[str]:
    """A heading with the count and threshold, then one sentence per column; nothing when none."""
    return [f"{heading}，共{len(lines)}个（达到{_num(veto_at)}个即单项否决）：", *lines] if lines else []


def columns_not_updated(facts: SiteFacts, settings: IndicatorSettings = DEFAULT_SETTINGS) -> IndicatorResult:
    """栏目不更新: any of the three counts (a, b, c) at its threshold vetoes; one short of it warns."""
    key = [_column_line(c, facts.today, settings) for c in _key_stale_columns(facts, settings)]
    overdue = [_column_line(c, facts.today, settings) for c in _overdue_columns(facts, settings)]
    empty = [_empty_line(c) for c in facts.columns if not c.is_home and c.is_empty]
    parts = (
        ("（一）动态要闻类栏目2周未更新、通知公告政策文件类一级栏目6个月未更新", key, settings.key_columns_veto),
        ("（二）应更新但长期未更新的栏目", overdue, settings.overdue_columns_veto),
        ("（三）空白栏目", empty, settings.empty_columns_veto),
    )
    margin = settings.count_warn_margin.value
    levels = [_level(len(lines), t.value, t.value - margin) for _, lines, t in parts]
    veto = any(v for v, _ in levels)
    return IndicatorResult(
        "columns_not_updated", "栏目不更新",
        veto=veto,
        at_risk=not veto and any(w for _, w in levels),
        evidence=[line for heading, lines, t in parts for line in _part(heading, lines, t.value)],
        detail={"key_stale": len(key), "overdue": len(overdue), "empty": len(empty)},
    )


def _letter_verdict(letter: LetterState, today: date, settings: IndicatorSettings) -> tuple[bool, str] | None:
    """(late, sentence) for a letter answered or still open past 3 months, or open past 2; else None."""
    name = f"留言“{letter.subject}”（{letter.received_on.isoformat()}收到）"
    months = settings.letter_reply_months.value
    due = add_months(letter.received_on, int(months))
    answered = letter.answered_on
    if (answered or today) > due:
        how = f"于{answered.isoformat()}才答复" if answered else "至今未答复"
        return True, f"{name}{how}，超过{_num(months)}个月"
    if not answered and today > add_months(letter.received_on, int(settings.letter_warn_months.value)):
        return False, f"{name}尚未答复，{due.isoformat()}后即超过期限"
    return None


def poor_interaction(facts: SiteFacts, settings: IndicatorSettings = DEFAULT_SETTINGS) -> IndicatorResult:
    """互动回应差: no consultation channel, or a valid letter of the past year unanswered over 3 months."""
    since = add_months(facts.today, -int(settings.letter_lookback_months.value))
    verdicts = [v for letter in facts.letters if letter.valid and letter.received_on >= since
                and (v := _letter_verdict(letter, facts.today, settings))]
    late = [line for is_late, line in verdicts if is_late]
    warned = [line for is_late, line in verdicts if not is_late]
    evidence = [] if facts.has_consultation_channel else ["未提供有效的网上咨询渠道"]
    veto = not facts.has_consultation_channel or bool(late)
    return IndicatorResult(
        "poor_interaction", "互动回应差",
        veto=veto,
        at_risk=not veto and bool(warned),
        evidence=evidence + late + warned,
        detail={"late_letters": len(late), "letters_near_deadline": len(warned)},
    )


def services_not_practical(facts: SiteFacts,
                           settings: IndicatorSettings = DEFAULT_SETTINGS) -> IndicatorResult:
    """服务不实用: no online services, or too large a share of guides missing key elements (V1)."""
    incomplete = [g for g in facts.guides if g.missing]
    percent = len(incomplete) * 100 / len(facts.guides) if facts.guides else 0.0
    too_many, warn = _level(percent, settings.incomplete_guides_veto_percent.value,
                            settings.incomplete_guides_warn_percent.value)
    evidence = [] if facts.has_online_services else ["未提供在线办事服务"]
    if incomplete:
        evidence.append(f"办事指南{len(facts.guides)}个，要素缺失{len(incomplete)}个，占{_num(percent)}%"
                        f"（达到{_num(settings.incomplete_guides_veto_percent.value)}%即单项否决）")
        evidence += [f"办事指南“{g.title}”缺少{'、'.join(g.missing)}" for g in incomplete]
    veto = not facts.has_online_services or too_many
    return IndicatorResult(
        "services_not_practical", "服务不实用",
        veto=veto,
        at_risk=not veto and warn,
        evidence=evidence,
        detail={"guides": len(facts.guides), "incomplete": len(incomplete), "percent": round(percent, 2)},
    )


Rule = Callable[[SiteFacts, IndicatorSettings], IndicatorResult]
VETO_RULES: tuple[Rule, ...] = (
    security_incidents,
    site_unreachable,
    home_not_updated,
    columns_not_updated,
    poor_interaction,
    services_not_practical,
)


# ---- Deductions ----


def _deduction(key: str, name: str, items: Sequence[tuple[float, str]], cap: Threshold | None,
               source: str) -> Deduction | None:
    """Sum the points of `items` (points, sentence), capped; None when nothing is deducted."""
    if not items:
        return None
    raw = round(sum(points for points, _ in items), 2)
    points = min(raw, cap.value) if cap else raw
    evidence = [line for _, line in items]
    if points < raw:
        evidence.append(f"合计应扣{_num(raw)}分，本项最多扣{_num(points)}分")
    return Deduction(key, name, points, evidence, source)


def policy_columns_deduction(facts: SiteFacts,
                             settings: IndicatorSettings = DEFAULT_SETTINGS) -> Deduction | None:
    """Each notice/policy first-level column not updated in 6 months (empty ones count as empty instead)."""
    each = settings.policy_column_points
    stale = [c for c in _key_stale_columns(facts, settings)
             if c.update_category is UpdateCategory.NOTICES_POLICIES]
    items = [(each.value, f"{_column_line(c, facts.today, settings)}，扣{_num(each.value)}分") for c in stale]
    return _deduction("policy_columns", "政策文件类一级栏目6个月未更新", items, settings.policy_column_cap, each.source)


def _stale_months_deduction(key: str, name: str, what: str, last: date | None, today: date,
                            months: Threshold, each: Threshold) -> Deduction | None:
    """A single item that must be updated every `months` months."""
    if last is not None and last >= add_months(today, -int(months.value)):
        return None
    since = f"最后更新于{last.isoformat()}" if last else "从未更新"
    line = f"{what}{since}，超过{_num(months.value)}个月未更新，扣{_num(each.value)}分"
    return _deduction(key, name, [(each.value, line)], None, each.source)


def service_stats_deduction(facts: SiteFacts,
                            settings: IndicatorSettings = DEFAULT_SETTINGS) -> Deduction | None:
    """Service statistics not updated in 3 months."""
    return _stale_months_deduction("service_stats", "办事服务统计数据3个月未更新", "办事服务统计数据",
                                   facts.service_stats_last_update, facts.today,
                                   settings.service_stats_months, settings.service_stats_points)


def replies_deduction(facts: SiteFacts, settings: IndicatorSettings = DEFAULT_SETTINGS) -> Deduction | None:
    """Published replies to letters not updated in 2 months."""
    return _stale_months_deduction("replies", "留言答复2个月未更新", "留言答复",
                                   facts.replies_last_update, facts.today,
                                   settings.replies_months, settings.replies_points)


def _links_deduction(key: str, name: str, where: str, count: int, each: Threshold,
                     cap: Threshold) -> Deduction | None:
    if not count:
        return None
    line = f"{where}错误链接{count}个，每个扣{_num(each.value)}分"
    return _deduction(key, name, [(count * each.value, line)], cap, each.source)


def broken_links_deduction(facts: SiteFacts,
                           settings: IndicatorSettings = DEFAULT_SETTINGS) -> Deduction | None:
    """Broken links on pages other than the home page."""
    return _links_deduction("broken_links", "其他页面错误链接", "首页以外页面", facts.broken_links,
                            settings.broken_link_points, settings.broken_link_cap)


def home_broken_links_deduction(facts: SiteFacts,
                                settings: IndicatorSettings = DEFAULT_SETTINGS) -> Deduction | None:
    """Broken links on the home page (points per link not given by the standard: a default)."""
    return _links_deduction("home_broken_links", "首页错误链接", "首页", facts.broken_home_links,
                            settings.home_broken_link_points, settings.home_broken_link_cap)


def _error_report_item(report: ErrorReportState, today: date,
                       settings: IndicatorSettings) -> tuple[float, str] | None:
    """(points, sentence) for an unresolved report past the grace days or one resolved after a month."""
    name = f"“我为政府网站找错”留言“{report.subject}”（{report.reported_on.isoformat()}提交）"
    if report.resolved_on is None:
        if (today - report.reported_on).days <= settings.error_grace_days.value:
            return None
        points = settings.error_unresolved_points.value
        return points, f"{name}至今未处理，扣{_num(points)}分"
    late_after = add_months(report.reported_on, int(settings.error_late_months.value))
    if report.resolved_on <= late_after:
        return None
    points = settings.error_late_points.value
    months = _num(settings.error_late_months.value)
    return points, f"{name}于{report.resolved_on.isoformat()}才处理，超过{months}个月，扣{_num(points)}分"


def error_reports_deduction(facts: SiteFacts,
                            settings: IndicatorSettings = DEFAULT_SETTINGS) -> Deduction | None:
    """我为政府网站找错: unresolved reports and reports resolved after more than a month."""
    items = [item for r in facts.error_reports if (item := _error_report_item(r, facts.today, settings))]
    return _deduction("error_reports", "“我为政府网站找错”留言办理", items, settings.error_reports_cap,
                      settings.error_unresolved_points.source)


DeductionRule = Callable[[SiteFacts, IndicatorSettings], Deduction | None]
DEDUCTION_RULES: tuple[DeductionRule, ...] = (
    policy_columns_deduction,
    service_stats_deduction,
    replies_deduction,
    broken_links_deduction,
    home_broken_links_deduction,
    error_reports_deduction,
)


# ---- Score ----


def _bonus(facts: SiteFacts, base: float, settings: IndicatorSettings) -> float:
    """Bonus points count only for portals whose deduction part is above the bonus entry score."""
    if not facts.is_portal or base <= settings.bonus_entry_score.value:
        return 0.0
    return min(max(facts.bonus_points, 0.0), settings.bonus_cap.value)


def score(facts: SiteFacts, settings: IndicatorSettings = DEFAULT_SETTINGS) -> Score:
    """Judge every veto indicator and deduction: any veto or a deduction part below 60 fails the site."""
    results = [rule(facts, settings) for rule in VETO_RULES]
    deductions = [d for rule in DEDUCTION_RULES if (d := rule(facts, settings))]
    base = max(0.0, round(100 - sum(d.points for d in deductions), 2))
    bonus = _bonus(facts, base, settings)
    vetoes = [r for r in results if r.veto]
    return Score(
        total=round(base + bonus, 2),
        base=base,
        bonus=bonus,
        passed=not vetoes and base >= settings.pass_score.value,
        vetoes=vetoes,
        deductions=deductions,
        results=results,
    )
