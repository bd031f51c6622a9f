"""Hostile query strings on the search endpoint (U1): never a 500, a Chinese message for what is refused."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(['"', '医保"', "医保 NOT 缴费", "NEAR(医保 缴费)", "{title}: 医保", "医保*", "^医保", "\x00",
                     "\ud800", "<script>alert(1)</script>", "' OR 1=1 --", "9" * 40, "😀医保", "\u202e医保"]),
)
FIELDS = st.sampled_from(["q", "from", "to", "column", "type", "page", "order", "scope"])


@given(st.dictionaries(FIELDS, hostile_text, min_size=1, max_size=4))
@hypothesis_settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_query_string_answers_200_or_400_with_a_chinese_page(client, corpus, settings, query):
    settings.GOVSITE_RATE_LIMITS = {"search": None, "search:global": None}
    url = "/search/?" + "&".join(
        f"{key}={quote(value, safe='', errors='surrogatepass')}" for key, value in query.items()
    )
    response = client.get(url)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "请修改搜索条件" in response.content.decode()


def test_too_many_searches_from_one_client_answer_429(client, corpus, settings):
    settings.GOVSITE_RATE_LIMITS = {"search": "3/m", "search:global": None}
    codes = [client.get("/search/", {"q": "医保"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
