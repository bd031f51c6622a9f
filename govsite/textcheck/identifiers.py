"""Personal data in published text (P6): resident ID numbers, mobile numbers, bank card numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from stdnum import luhn
from stdnum.cn import ric

from .findings import BLOCK, Hit

RULE_ID = "P6 个人信息：身份证号码"
RULE_MOBILE = "P6 个人信息：手机号码"
RULE_BANK = "P6 个人信息：银行卡号"

# Full-width digits count as digits: 身份证号１１０１… is still an ID number. Each pattern opens with
# a digit and only then looks behind it ("not preceded by a digit"): a pattern that starts with a
# look-behind disables re's fast first-character scan and runs about five times slower.
_D = "[0-9０-９]"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ID18 = re.compile(rf"{_D}(?<!{_D}{_D}){_D}{{16}}[0-9０-９xｘ](?!{_D})")
_ID15 = re.compile(rf"{_D}(?<!{_D}{_D}){_D}{{14}}(?!{_D})")
_BANK = re.compile(rf"{_D}(?<!{_D}{_D})(?:{_D}{{15,18}}|{_D}{{3}}(?:[ -]{_D}{{4}}){{3}}(?:[ -]{_D}{{1,3}})?)(?!{_D})")
_MOBILE_CORE = rf"[3-9３-９]{_D}([ -]?){_D}{{4}}\1{_D}{{4}}(?!{_D})"
_MOBILE = re.compile(rf"[1１](?<!{_D}[1１]){_MOBILE_CORE}")
_MOBILE_86 = re.compile(rf"(?:[+＋]86|0(?<!{_D}0)086|8(?<!{_D}8)6)[ -]?[1１]{_MOBILE_CORE}")
_SEPARATORS = re.compile("[^0-9x]")
# Provinces, autonomous regions, municipalities, Taiwan, Hong Kong and Macao: the first two digits.
_PROVINCES = frozenset((
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
    "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
    "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
))


def _digits(raw: str) -> str:
    """The ASCII digits (and a final x) of a matched number, separators and full width removed."""
    return _SEPARATORS.sub("", raw.translate(_FULLWIDTH_DIGITS).replace("ｘ", "x"))


def mask(number: str) -> str:
    """The number with all but its first and last four characters starred: 5325**********123X."""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def _is_old_id(number: str) -> bool:
    """A 15-digit ID of before 1999: a province code and a valid birth date (YYMMDD from 1900)."""
    try:
        dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return number[:2] in _PROVINCES


def _id_numbers(text: str) -> Iterator[Hit]:
    """18-digit IDs with a valid check digit, birth date and region; old 15-digit IDs."""
    for match in _ID18.finditer(text):
        number = _digits(match.group()).upper()
        if ric.is_valid(number):
            yield Hit(match.start(), match.end(), "id_number", BLOCK, mask(number), RULE_ID)
    for match in _ID15.finditer(text):
        number = _digits(match.group())
        if _is_old_id(number):
            yield Hit(match.start(), match.end(), "id_number", BLOCK, mask(number), RULE_ID)


def _bank_cards(text: str) -> Iterator[Hit]:
    """16-19 digit card numbers of a bank or card scheme (first digit 3-6) passing the Luhn check."""
    for match in _BANK.finditer(text):
        number = _digits(match.group())
        if number[0] in "3456" and luhn.is_valid(number):
            yield Hit(match.start(), match.end(), "bank_card", BLOCK, mask(number), RULE_BANK)


def _mobiles(text: str) -> Iterator[Hit]:
    """Mainland mobile numbers, bare or as +86 138 1234 5678; landlines such as 0873-6122000 are not."""
    for pattern in (_MOBILE_86, _MOBILE):
        for match in pattern.finditer(text):
            number = _digits(match.group())[-11:]
            yield Hit(match.start(), match.end(), "mobile", BLOCK, number[:3] + "****" + number[7:], RULE_MOBILE)


def personal_data_hits(text: str) -> list[Hit]:
    """ID, bank card and mobile numbers; a number is reported once, as the strongest kind it matches."""
    taken: list[Hit] = []
    occupied: set[int] = set()
    for detector in (_id_numbers, _bank_cards, _mobiles):
        for hit in detector(text):
            if occupied.isdisjoint(range(hit.start, hit.end)):
                taken.append(hit)
                occupied.update(range(hit.start, hit.end))
    return taken
