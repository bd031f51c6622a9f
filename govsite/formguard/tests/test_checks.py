"""Start-up checks of formguard's settings: a deployment with a bad rate or proxy learns it in Chinese."""

from govsite.formguard.checks import check_formguard_settings


def test_the_shipped_settings_pass():
    assert check_formguard_settings() == []


def test_bad_rates_and_proxies_are_named(settings):
    settings.GOVSITE_RATE_LIMITS = {"letters": "5 per minute", "surveys": None, "letter_lookup": "0/m"}
    settings.GOVSITE_TRUSTED_PROXIES = ["nginx"]
    problems = check_formguard_settings()
    assert [problem.id for problem in problems] == ["formguard.E001", "formguard.E001", "formguard.E002"]
    messages = [problem.msg for problem in problems]
    assert any("“letters”" in m and "格式不正确" in m for m in messages)
    assert any("“letter_lookup”" in m and "至少为1" in m for m in messages)
    assert any("可信代理“nginx”" in m for m in messages)
