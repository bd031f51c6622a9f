"""Column rules as the seeds state them; pure Python, no Django import."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# National ColumnType values (国办发〔2017〕47号, page metadata).
COLUMN_TYPES: tuple[str, ...] = (
    "首页",
    "概况信息",
    "机构职能",
    "负责人信息",
    "工作动态",
    "政策文件",
    "信息公开指南",
    "信息公开目录",
    "信息公开年报",
    "依法申请公开",
    "数据发布",
    "数据开放",
    "政策解读",
    "回应关切",
    "办事服务",
    "咨询投诉",
    "征集调查",
    "在线访谈",
    "专题专栏",
    "其他",
)


class UpdateCategory(StrEnum):
    """The three update windows of C4 (001 §12) and the national check indicators."""

    DYNAMICS = "dynamics"
    NOTICES_POLICIES = "notices_policies"
    OTHER = "other"


# C4: news/dynamics 2 weeks, notices and policies 6 months, others 1 year.
DEFAULT_UPDATE_DAYS: dict[UpdateCategory, int] = {
    UpdateCategory.DYNAMICS: 14,
    UpdateCategory.NOTICES_POLICIES: 183,
    UpdateCategory.OTHER: 365,
}

_DYNAMICS_TYPES = {"工作动态"}
_NOTICE_POLICY_TYPES = {"政策文件", "政策解读", "回应关切"}
_NOTICE_WORDS = ("通知", "公告", "公示", "文件", "政策")


def update_category_for(column_type: str, title: str) -> UpdateCategory:
    """The C4 window a column falls in, from its national type and, for 其他, its name."""
    if column_type in _DYNAMICS_TYPES or title.endswith(("要闻", "动态", "新闻", "信息")):
        return UpdateCategory.DYNAMICS
    if column_type in _NOTICE_POLICY_TYPES or any(w in title for w in _NOTICE_WORDS):
        return UpdateCategory.NOTICES_POLICIES
    return UpdateCategory.OTHER


# C5 (000 4.1.4): no column may be kept blank "under construction".
PLACEHOLDER_PHRASES: tuple[str, ...] = (
    "正在建设中",
    "正在建设",
    "建设中",
    "正在改版中",
    "正在改版",
    "改版中",
    "正在升级中",
    "正在升级",
    "升级中",
    "栏目维护中",
    "敬请期待",
    "暂无内容",
    "暂无信息",
)


def find_placeholder(text: str) -> str | None:
    """The first placeholder phrase in `text` (C5), or None."""
    for phrase in PLACEHOLDER_PHRASES:
        if phrase in text:
            return phrase
    return None


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a template: its name, national type, and sub-columns."""

    title: str
    column_type: str = "其他"
    description: str = ""
    children: tuple[ColumnSpec, ...] = ()
    link_url: str = ""
    key: bool = False
    feature: str = ""

    @property
    def update_category(self) -> UpdateCategory:
        return update_category_for(self.column_type, self.title)

    def walk(self, depth: int = 0):
        """Yield (depth, spec) for this column and every sub-column, parents first."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)
