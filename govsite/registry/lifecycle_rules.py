"""Rules of a site's lifecycle (S3-S5; 003 §11-14; 001 §7-8); pure Python, no Django import.

Each check returns None when the step is allowed, or a Chinese message that names the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum


class SiteStatus(StrEnum):
    PLANNING = "planning"
    RUNNING = "running"
    OFFLINE = "offline"
    MIGRATING = "migrating"
    MIGRATED = "migrated"
    CLOSED = "closed"


STATUS_LABELS = {
    SiteStatus.PLANNING: "筹建",
    SiteStatus.RUNNING: "运行",
    SiteStatus.OFFLINE: "临时下线",
    SiteStatus.MIGRATING: "迁移中",
    SiteStatus.MIGRATED: "已迁移",
    SiteStatus.CLOSED: "永久下线",
}


class Transition(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    BACK_ONLINE = "back_online"
    MIGRATE = "migrate"
    FINISH_MIGRATION = "finish_migration"
    CLOSE = "close"


TRANSITION_LABELS = {
    Transition.ONLINE: "开通上线",
    Transition.OFFLINE: "临时下线",
    Transition.BACK_ONLINE: "恢复上线",
    Transition.MIGRATE: "整合迁移",
    Transition.FINISH_MIGRATION: "完成迁移",
    Transition.CLOSE: "永久下线",
}

# (from, to) of each transition. Permanent offline always passes through the migration notice on
# the home page (003 §13(一)); it ends in 已迁移 when the content has a new address, else 永久下线.
TRANSITIONS: dict[Transition, tuple[SiteStatus, SiteStatus]] = {
    Transition.ONLINE: (SiteStatus.PLANNING, SiteStatus.RUNNING),
    Transition.OFFLINE: (SiteStatus.RUNNING, SiteStatus.OFFLINE),
    Transition.BACK_ONLINE: (SiteStatus.OFFLINE, SiteStatus.RUNNING),
    Transition.MIGRATE: (SiteStatus.RUNNING, SiteStatus.MIGRATING),
    Transition.FINISH_MIGRATION: (SiteStatus.MIGRATING, SiteStatus.MIGRATED),
    Transition.CLOSE: (SiteStatus.MIGRATING, SiteStatus.CLOSED),
}

# The states `open_site` may give a new record (S3).
INITIAL_STATUSES = (SiteStatus.PLANNING, SiteStatus.RUNNING)


class ChecklistItem(StrEnum):
    DOMAIN = "domain"
    PARTY_MARK = "party_mark"
    ICP = "icp"
    SECURITY_ASSESSMENT = "security_assessment"
    PSB = "psb"
    SITE_ID_CODE = "site_id_code"
    ICP_CANCELLED = "icp_cancelled"
    PSB_CANCELLED = "psb_cancelled"
    PARTY_MARK_CANCELLED = "party_mark_cancelled"


CHECKLIST_LABELS = {
    ChecklistItem.DOMAIN: "申请网站域名",
    ChecklistItem.PARTY_MARK: "加挂党政机关网站标识",
    ChecklistItem.ICP: "ICP备案",
    ChecklistItem.SECURITY_ASSESSMENT: "等级保护测评",
    ChecklistItem.PSB: "公安机关联网备案",
    ChecklistItem.SITE_ID_CODE: "取得网站标识码",
    ChecklistItem.ICP_CANCELLED: "注销ICP备案",
    ChecklistItem.PSB_CANCELLED: "注销公安机关备案",
    ChecklistItem.PARTY_MARK_CANCELLED: "注销党政机关网站标识",
}

# 003 §11(一)-(四): all six before the site may go online.
OPENING_ITEMS = (
    ChecklistItem.DOMAIN,
    ChecklistItem.PARTY_MARK,
    ChecklistItem.ICP,
    ChecklistItem.SECURITY_ASSESSMENT,
    ChecklistItem.PSB,
    ChecklistItem.SITE_ID_CODE,
)
# 003 §13(二): registrations cancelled before the site is permanently offline.
CLOSING_ITEMS = (ChecklistItem.ICP_CANCELLED, ChecklistItem.PSB_CANCELLED, ChecklistItem.PARTY_MARK_CANCELLED)

MAX_OFFLINE = dt.timedelta(days=30)
OUTAGE_LIMIT = dt.timedelta(hours=72)
NOTICE_KEEP = dt.timedelta(days=30)


def check_transition(current: str, transition: Transition) -> str | None:
    """Whether a site in `current` may take `transition` (the state machine of S3-S5)."""
    source, _target = TRANSITIONS[transition]
    if current == source:
        return None
    return (
        f"网站当前状态为“{STATUS_LABELS[SiteStatus(current)]}”，不能办理“{TRANSITION_LABELS[transition]}”："
        f"须处于“{STATUS_LABELS[source]}”状态（S3-S5）"
    )


def allowed_transitions(current: str) -> list[Transition]:
    """The transitions open to a site in `current`, in the order the admin offers them."""
    return [t for t, (source, _target) in TRANSITIONS.items() if source == current]


def check_initial_status(status: str) -> str | None:
    """A new site starts in 筹建 (checklist still open) or, for existing sites taken over, 运行."""
    if status in INITIAL_STATUSES:
        return None
    return "新开设的网站只能处于“筹建”或“运行”状态"


def items_for(status: str) -> tuple[ChecklistItem, ...]:
    """The checklist a site in `status` works through: opening (S3) or cancellation (S5)."""
    if status == SiteStatus.PLANNING:
        return OPENING_ITEMS
    if status == SiteStatus.MIGRATING:
        return CLOSING_ITEMS
    return ()


def check_item_allowed(status: str, item: str, on: dt.date, today: dt.date) -> str | None:
    """Opening items are recorded while 筹建, cancellations while 迁移中; never a future date."""
    if item not in CHECKLIST_LABELS:
        names = "、".join(f"{key}（{label}）" for key, label in CHECKLIST_LABELS.items())
        return f"没有名为“{item}”的事项；可用：{names}"
    if ChecklistItem(item) not in items_for(status):
        return (
            f"网站处于“{STATUS_LABELS[SiteStatus(status)]}”状态，不能登记“{CHECKLIST_LABELS[ChecklistItem(item)]}”："
            "开通事项在筹建时登记（S3，003 §11），注销事项在迁移中登记（S5，003 §13）"
        )
    if on > today:
        return f"办理日期 {on:%Y-%m-%d} 晚于今天，只能登记已经办结的事项"
    return None


def missing_items(required: Iterable[ChecklistItem], recorded: Iterable[str]) -> list[ChecklistItem]:
    """The required items not yet recorded, in checklist order."""
    done = set(recorded)
    return [item for item in required if item not in done]


def check_opening(recorded: Iterable[str]) -> str | None:
    """A site goes online only when all six opening items are recorded (S3, 003 §11)."""
    missing = missing_items(OPENING_ITEMS, recorded)
    if not missing:
        return None
    names = "、".join(CHECKLIST_LABELS[item] for item in missing)
    return f"开通检查尚未完成，不能上线运行：还缺 {names}（S3，003 §11）"


def check_closing(recorded: Iterable[str]) -> str | None:
    """A site goes permanently offline only once its registrations are cancelled (S5, 003 §13(二))."""
    missing = missing_items(CLOSING_ITEMS, recorded)
    if not missing:
        return None
    names = "、".join(CHECKLIST_LABELS[item] for item in missing)
    return f"注销手续尚未完成，不能永久下线：还缺 {names}（S5，003 §13）"


def check_offline_plan(
    reason: str,
    start: dt.datetime,
    planned_end: dt.datetime,
    now: dt.datetime,
    earlier_starts: Iterable[dt.datetime],
) -> str | None:
    """Temporary offline: a reason, starting now or earlier, at most 30 days, once per calendar year (S4)."""
    if not reason.strip():
        return "请填写临时下线的原因"
    if start > now:
        return "临时下线在开始时办理：开始时间不能晚于当前时间"
    if planned_end <= start:
        return "计划恢复时间须晚于下线开始时间"
    if planned_end - start > MAX_OFFLINE:
        days = (planned_end - start) / dt.timedelta(days=1)
        return f"临时下线时间不得超过30天，本次计划 {days:g} 天（S4，001 §7，003 §14）"
    return check_yearly_offline(start, earlier_starts)


def check_yearly_offline(start: dt.datetime, earlier_starts: Iterable[dt.datetime]) -> str | None:
    """At most one temporary offline per calendar year, counted by its start date (S4)."""
    if any(other.year == start.year for other in earlier_starts):
        return f"{start.year}年已临时下线过一次，每年不得超过1次（S4，001 §7，003 §14）"
    return None


def check_outage_report(status: str, cause: str, start: dt.datetime, now: dt.datetime, open_outage: bool) -> str | None:
    """A force-majeure outage is reported for a running site, one at a time, not in the future (S4, 001 §8)."""
    if status != SiteStatus.RUNNING:
        return f"只有处于“运行”状态的网站报备不可抗力中断，本网站当前为“{STATUS_LABELS[SiteStatus(status)]}”"
    if open_outage:
        return "本网站已有尚未结束的不可抗力中断报备"
    if not cause.strip():
        return "请填写中断原因（如断电、断网、被责令紧急关停）"
    if start > now:
        return "中断开始时间不能晚于当前时间"
    return None


def check_no_open_outage(open_outage: bool) -> str | None:
    """An open outage is ended, or escalated after 72 hours, before the site goes offline or migrates (S4)."""
    if open_outage:
        return "本网站有尚未结束的不可抗力中断报备：请先登记恢复，超过72小时的将自动转为临时下线（S4，001 §8）"
    return None


def check_outage_end(start: dt.datetime, end: dt.datetime, now: dt.datetime) -> str | None:
    """An outage ends after it began and not in the future."""
    if end < start:
        return "恢复时间不能早于中断开始时间"
    if end > now:
        return "恢复时间不能晚于当前时间"
    return None


def check_migration(target_url: str, destination: str) -> str | None:
    """A migration says where the content goes: a new address, a description, or both (S5, 003 §13(三))."""
    if target_url.strip() or destination.strip():
        return None
    return "请填写迁移后网址或原有内容去向（S5，003 §13）"


def outage_must_escalate(start: dt.datetime, now: dt.datetime) -> bool:
    """A force-majeure outage lasting over 72 hours is handled as a temporary offline (S4, 001 §8)."""
    return now - start > OUTAGE_LIMIT


def notice_keep_until(published_on: dt.date) -> dt.date:
    """The first day the portal notice of a migration or closing may be taken down (S5, 003 §13(三))."""
    return published_on + NOTICE_KEEP


def check_notice_removal(keep_until: dt.date | None, today: dt.date, site_name: str) -> str | None:
    """The portal notice of a migration or closing stays at least 30 days (S5, 003 §13(三))."""
    if keep_until is None or today >= keep_until:
        return None
    return (
        f"这是“{site_name}”整合迁移（永久下线）的门户公告，须保留至 {keep_until:%Y-%m-%d}"
        "（至少30天，S5，003 §13），不得提前撤下或删除"
    )
