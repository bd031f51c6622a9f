"""Personal data as shown to people not allowed to see it (X7): 张**, 138****5678; no Django import.

Names, phone and ID numbers keep their length, so a masked value still reads as what it is; addresses
keep the administrative divisions and hide street and house number; e-mail keeps its domain.
"""

from __future__ import annotations

import re

from govsite.textcheck.identifiers import mask as mask_digits

MASK = "*"
HIDDEN_TAIL = MASK * 4
# Fewer characters than this and textcheck's first-four-last-four mask would hide nothing.
SHORTEST_PARTLY_SHOWN_ID = 9
_COUNTRY_CODE = re.compile(r"(?:\+86|＋86|0086)[\s-]*")
_AREA_CODE = re.compile(r"0\d{2,3}(?=[\s-])")
# Province, prefecture and county level, in that order, each optional: 云南省红河州弥勒市 | 北京市朝阳区.
_DIVISIONS = re.compile(
    r"(?:.{1,12}?(?:省|自治区|特别行政区))?(?:.{1,12}?(?:自治州|地区|市|州|盟))?(?:.{1,12}?(?:自治县|区|县|市|旗))?"
)


def mask_name(name: str) -> str:
    """The surname stays, every other character is starred: 张三丰 → 张**, a one-character name → *."""
    name = name.strip()
    if len(name) <= 1:
        return MASK * len(name)
    return name[0] + MASK * (len(name) - 1)


def _star_digits(text: str, keep_first: int, keep_last: int) -> str:
    """Every digit of `text` starred except the first `keep_first` and last `keep_last`; separators stay."""
    positions = [i for i, char in enumerate(text) if char.isdigit()]
    hidden = set(positions[keep_first : len(positions) - keep_last])
    return "".join(MASK if i in hidden else char for i, char in enumerate(text))


def mask_phone(phone: str) -> str:
    """138****5678, +86 138****5678, 0873-***2999 (area code, last four); under 7 digits all starred."""
    text = phone.strip()
    prefix = _COUNTRY_CODE.match(text) or _AREA_CODE.match(text)
    head, number = (text[: prefix.end()], text[prefix.end() :]) if prefix else ("", text)
    digits = sum(char.isdigit() for char in number)
    if digits < 7:
        return head + _star_digits(number, 0, 0)
    return head + _star_digits(number, 3 if digits >= 11 else 0, 4)


def mask_id_number(number: str) -> str:
    """5325**********123X, as the content check shows ID numbers (P6); a short number is starred whole."""
    number = number.strip()
    if len(number) < SHORTEST_PARTLY_SHOWN_ID:
        return MASK * len(number)
    return mask_digits(number)


def mask_address(address: str) -> str:
    """The administrative divisions stay, the rest is hidden: 云南省红河州弥勒市人民路10号 → 云南省红河州弥勒市****."""
    address = address.strip()
    kept = _DIVISIONS.match(address).group()
    return kept + (HIDDEN_TAIL if len(kept) < len(address) else "")


def mask_email(email: str) -> str:
    """z***@example.com: the first character of the mailbox and the domain stay."""
    email = email.strip()
    if not email:
        return ""
    mailbox, at, domain = email.rpartition("@")
    if not at:
        mailbox, domain = email, ""
    return (mailbox[:1] or MASK) + MASK * 3 + at + domain
