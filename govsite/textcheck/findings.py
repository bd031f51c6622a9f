"""What a content check reports (P6, X10): one finding per problem, with its place in the text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import NamedTuple

BLOCK = "block"
WARN = "warn"

# Every kind a finding can have, with the label shown to editors.
KIND_LABELS = {
    "sensitive": "敏感词",
    "leader_name": "领导人姓名",
    "political_phrase": "重要表述",
    "id_number": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "typo": "错别字",
    "ad_link": "外部链接",
    "secret_mark": "涉密标志",
}
SEVERITY_LABELS = {BLOCK: "拦截", WARN: "提示"}


@dataclass(frozen=True)
class Finding:
    """One problem found in a text; offset and length count characters of the original text."""

    kind: str
    severity: str
    offset: int
    length: int
    text: str
    suggestion: str
    rule: str

    def as_dict(self) -> dict:
        """The finding as plain JSON-ready values, for the CLI and the admin (P6)."""
        return asdict(self)


class Hit(NamedTuple):
    """A finding before it is mapped back to the original text: a span of the normalised text."""

    start: int
    end: int
    kind: str
    severity: str
    suggestion: str
    rule: str
