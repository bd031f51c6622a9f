"""Any text at all (P6): the check never raises and every finding points inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.textcheck.engine import check_text, default_config

CONFIG = default_config()
# Characters the detectors care about, so random texts often come close to a finding.
NEAR_MISSES = st.text(
    alphabet=st.sampled_from(list("0123456789０１２ xX+-★【】（）\n\t　机密秘機习近進平李强墙中国特色设社会主义大麻烦www.shop.comhttp:/")),
    max_size=400,
)


def assert_in_bounds(text: str) -> None:
    for finding in check_text(text, CONFIG):
        assert finding.offset >= 0 and finding.length > 0
        assert finding.offset + finding.length <= len(text)
        assert text[finding.offset : finding.offset + finding.length] == finding.text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_unicode_never_breaks_the_check(text):
    assert_in_bounds(text)


@settings(max_examples=150, deadline=None)
@given(NEAR_MISSES)
def test_texts_close_to_findings_never_break_the_check(text):
    assert_in_bounds(text)
