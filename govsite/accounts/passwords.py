"""The password policy of X2 (seed 000 6.1.6, 003 §35), read as the clause reads; no Django import.

A password has at least 12 characters with upper case, lower case, digits and symbols, is not like the
account's name, is none of the account's last five passwords, and is changed at least every 90 days —
at once when someone else set it (a new account, an administrator's reset).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher

MIN_LENGTH = 12
HISTORY = 5
MAX_AGE_DAYS = 90
# Django's UserAttributeSimilarityValidator uses the same ratio: 0.7 of a SequenceMatcher.
MAX_SIMILARITY = 0.7
# Parts of a name shorter than this are too common to forbid inside a password ("li", "wu").
MIN_NAME_PART = 3

CHARACTER_CLASSES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", lambda ch: ch in string.digits),
    ("符号", lambda ch: not ch.isalnum() and not ch.isspace()),
)


@dataclass(frozen=True)
class Policy:
    """The deployment's numbers; the national floor is the default."""

    min_length: int = MIN_LENGTH
    history: int = HISTORY
    max_age_days: int = MAX_AGE_DAYS

    def describe(self) -> str:
        """The policy in one sentence, shown beside every password field."""
        return (f"密码至少 {self.min_length} 个字符，须同时包含大写字母、小写字母、数字和符号，不能与用户名相似，"
                f"不能与最近 {self.history} 次用过的密码相同，每 {self.max_age_days} 天至少更换一次。")


def length_problem(password: str, policy: Policy) -> str | None:
    if len(password) >= policy.min_length:
        return None
    return f"密码至少需要 {policy.min_length} 个字符，当前只有 {len(password)} 个。"


def missing_classes(password: str) -> list[str]:
    """The character classes the password lacks, named as the message names them."""
    return [name for name, member in CHARACTER_CLASSES if not any(member(ch) for ch in password)]


def classes_problem(password: str) -> str | None:
    missing = missing_classes(password)
    if not missing:
        return None
    return f"密码必须同时包含大写字母、小写字母、数字和符号，还缺少：{'、'.join(missing)}。"


def _resembles(password: str, name: str) -> bool:
    """The name (or its reverse) inside the password, or the two alike by Django's measure."""
    lowered, name = password.lower(), name.lower().strip()
    if len(name) < MIN_NAME_PART:
        return False
    if name in lowered or name[::-1] in lowered:
        return True
    return SequenceMatcher(a=lowered, b=name).ratio() >= MAX_SIMILARITY


def similarity_problem(password: str, names: Iterable[str]) -> str | None:
    """The username, the person's name and the mailbox's own name (each dotted part) must not show in it."""
    local_names = [name.partition("@")[0] for name in names if name]
    parts = {part for name in local_names for part in [name, *name.split(".")]}
    if any(_resembles(password, part) for part in parts):
        return "密码与用户名、姓名或邮箱过于相似，请换一个。"
    return None


def reuse_problem(password: str, recent_hashes: Iterable[str], matches: Callable[[str, str], bool],
                  policy: Policy) -> str | None:
    """One of the last `history` passwords again; `matches` is the hasher's check (a stored hash each)."""
    if any(matches(password, encoded) for encoded in list(recent_hashes)[: policy.history]):
        return f"不能使用最近 {policy.history} 次用过的密码。"
    return None


def problems(password: str, names: Iterable[str], recent_hashes: Iterable[str],
             matches: Callable[[str, str], bool], policy: Policy = Policy()) -> list[str]:
    """Every rule the password breaks, each as one Chinese sentence; empty when it is acceptable."""
    found = [
        length_problem(password, policy),
        classes_problem(password),
        similarity_problem(password, names),
        reuse_problem(password, recent_hashes, matches, policy),
    ]
    return [problem for problem in found if problem]


GENERATED_SYMBOLS = "!@#$%^&*-_=+?"


def generate(length: int = 16) -> str:
    """A random password that meets the policy: for a one-time password an administrator hands over."""
    alphabet = string.ascii_letters + string.digits + GENERATED_SYMBOLS
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(max(length, MIN_LENGTH)))
        if not missing_classes(password):
            return password


def expires_at(changed_at: datetime, policy: Policy = Policy()) -> datetime:
    """When a password set at `changed_at` must be changed."""
    return changed_at + timedelta(days=policy.max_age_days)


def change_reason(changed_at: datetime | None, set_by_other: bool, moment: datetime,
                  policy: Policy = Policy()) -> str | None:
    """Why the person must change the password before anything else, or None."""
    if set_by_other:
        return "您的密码由管理员设置，首次登录须先修改为只有您知道的密码。"
    if changed_at is not None and moment >= expires_at(changed_at, policy):
        return f"您的密码已超过 {policy.max_age_days} 天未更换，请先修改密码。"
    return None
