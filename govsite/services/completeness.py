"""Which key elements of V1 (003 §24; 004 §16) a service guide fills in; no Django import.

The element names and their order come from `monitoring.indicators.KEY_GUIDE_ELEMENTS`, so the daily
inspection, the edit-page warning and the back-office check speak of the same elements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from govsite.monitoring.indicators import KEY_GUIDE_ELEMENTS, GuideState

# Text that only pretends to fill an element (“暂无”, “待定”…) counts as missing.
EMPTY_WORDS = frozenset({"无", "暂无", "待定", "待补充", "详见窗口", "-", "—", "/", "略"})


@dataclass(frozen=True)
class MaterialFacts:
    """One application material: a material is only usable with its name, form and number of copies."""

    name: str
    form: str
    copies: int | None


@dataclass(frozen=True)
class GuideFacts:
    """What a guide says for each element, as plain values read from the page."""

    title: str
    basis: str = ""
    related_policies: int = 0
    conditions: str = ""
    materials: tuple[MaterialFacts, ...] = ()
    place: str = ""
    unit: str = ""
    is_free: bool = False
    fee_standard: str = ""
    hours: str = ""
    phone: str = ""
    process_steps: int = 0
    statutory_days: int | None = None
    promised_days: int | None = None


def is_filled(text: str) -> bool:
    """Real text: not blank and not a stand-in word."""
    value = " ".join(text.split())
    return bool(value) and value not in EMPTY_WORDS


def _materials_filled(materials: tuple[MaterialFacts, ...]) -> bool:
    return bool(materials) and all(is_filled(m.name) and m.form and m.copies for m in materials)


def filled_elements(guide: GuideFacts) -> frozenset[str]:
    """The KEY_GUIDE_ELEMENTS the guide fills in."""
    checks: Mapping[str, bool] = {
        "办理依据": is_filled(guide.basis) or guide.related_policies > 0,
        "受理条件": is_filled(guide.conditions),
        "申请材料": _materials_filled(guide.materials),
        "办理地点": is_filled(guide.place),
        "办理机构": is_filled(guide.unit),
        "收费标准": guide.is_free or is_filled(guide.fee_standard),
        "办理时间": is_filled(guide.hours),
        "咨询电话": is_filled(guide.phone),
        "办理流程": guide.process_steps > 0,
        "办理时限": guide.statutory_days is not None or guide.promised_days is not None,
    }
    return frozenset(name for name in KEY_GUIDE_ELEMENTS if checks.get(name))


def guide_state(guide: GuideFacts) -> GuideState:
    """The guide as monitoring judges it (services_not_practical)."""
    return GuideState(title=guide.title, elements=filled_elements(guide))


def describe_missing(title: str, missing: list[str]) -> str:
    """The line the unit reads in its rectification list, worded as the inspection's evidence."""
    return f"办事指南“{title}”缺少{'、'.join(missing)}"
