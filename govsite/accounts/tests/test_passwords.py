"""X2, the password policy as a rule: every clause refuses with its own Chinese sentence (no database)."""

from datetime import datetime, timedelta

import pytest

from govsite.accounts import passwords

NAMES = ["zhangwei", "伟", "张", "zhang.wei@mile.gov.cn"]


def _never(password: str, encoded: str) -> bool:
    return False


def test_a_password_meeting_every_clause_passes():
    assert passwords.problems("Hua-Shan#2026!qz", NAMES, [], _never) == []


def test_fewer_than_12_characters_is_refused_with_the_count():
    assert passwords.length_problem("Ab1!Ab1!", passwords.Policy()) == "密码至少需要 12 个字符，当前只有 8 个。"
    assert passwords.length_problem("Ab1!Ab1!Ab1!", passwords.Policy()) is None


@pytest.mark.parametrize(("password", "missing"), [
    ("abcdefgh1234!", "大写字母"),
    ("ABCDEFGH1234!", "小写字母"),
    ("Abcdefghijkl!", "数字"),
    ("Abcdefgh12345", "符号"),
    ("abcdefghijklmn", "大写字母、数字、符号"),
])
def test_each_missing_character_class_is_named(password, missing):
    assert passwords.classes_problem(password) == f"密码必须同时包含大写字母、小写字母、数字和符号，还缺少：{missing}。"


@pytest.mark.parametrize("password", ["Zhangwei-2026!", "iewgnahZ#2026x", "Zhangwie2026!", "Mile-zhang.wei1!"])
def test_a_password_like_the_name_is_refused(password):
    assert passwords.similarity_problem(password, NAMES) == "密码与用户名、姓名或邮箱过于相似，请换一个。"


def test_short_name_parts_and_the_mail_domain_do_not_forbid_common_letters():
    assert passwords.similarity_problem("Gov-Cn-Li#2026", ["li", "li@gov.cn"]) is None


def test_the_last_five_passwords_may_not_return_but_the_sixth_may():
    history = ["h1", "h2", "h3", "h4", "h5", "h6"]

    def same(password, encoded):
        return encoded == f"h{password}"

    policy = passwords.Policy()
    assert passwords.reuse_problem("5", history, same, policy) == "不能使用最近 5 次用过的密码。"
    assert passwords.reuse_problem("6", history, same, policy) is None


def test_every_broken_clause_is_reported_together():
    found = passwords.problems("zhangwei", NAMES, ["x"], lambda p, e: True)
    assert len(found) == 4


def test_a_password_set_by_someone_else_must_be_changed_at_once():
    moment = datetime(2026, 12, 6, 9, 0)
    assert "首次登录" in passwords.change_reason(moment, True, moment)


def test_a_password_expires_after_90_days_not_before():
    changed = datetime(2026, 9, 1, 9, 0)
    assert passwords.change_reason(changed, False, changed + timedelta(days=89, hours=23)) is None
    assert passwords.change_reason(changed, False, changed + timedelta(days=90)) == (
        "您的密码已超过 90 天未更换，请先修改密码。")


def test_generated_passwords_meet_the_policy():
    for _ in range(50):
        password = passwords.generate()
        assert len(password) == 16
        assert passwords.problems(password, ["admin"], [], _never) == []
