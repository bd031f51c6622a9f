"""Segmentation, query words and highlights on Chinese text (U1): pure, in milliseconds."""

from govsite.sitesearch.highlight import highlight
from govsite.sitesearch.params import parse
from govsite.sitesearch.segment import index_text, normalize, query_units


def found(query: str, text: str) -> bool:
    """What the index does: every query word's terms occur in order, adjacent, among the text's tokens."""
    tokens = index_text(text).split()
    return all(
        any(tokens[i : i + len(unit.terms)] == list(unit.terms) for i in range(len(tokens)))
        for unit in query_units(query)
    )


LONG = "关于进一步做好城乡居民医保参保缴费工作的通知"


def test_a_two_character_word_inside_a_long_title_is_found():
    assert found("医保", LONG)
    assert found("缴费", LONG)
    assert not found("社保", LONG)


def test_an_out_of_vocabulary_name_is_found_and_a_different_name_is_not():
    text = "副市长张三丰主持召开全市安全生产工作会议"
    assert found("张三丰", text)
    assert found("副市长张三丰", text)
    assert not found("张三李", text)


def test_a_long_query_matches_its_words_wherever_they_stand():
    assert found("城乡居民医保缴费", LONG)  # 参保 stands between 医保 and 缴费 in the text
    assert found("医保的缴费", LONG)
    assert not found("城乡居民养老保险", LONG)


def test_traditional_and_full_width_queries_find_simplified_text():
    assert normalize("醫保繳費ＡＢＣ１２３") == "医保缴费abc123"
    assert found("醫保", LONG)
    assert found("ＡＢＣ", "abc 平台")


def test_words_and_numbers_are_tokens_of_their_own():
    assert index_text("5G网络覆盖2026年") == "5g 网络 络覆 覆盖 2026 年"
    assert found("京政发〔2026〕3号", "京政发〔2026〕3号 关于…")


def test_highlight_marks_every_match_and_escapes_the_rest():
    text = "<script>" + "前文" * 100 + "城乡居民醫保参保缴费" + "后文" * 100
    html = highlight(text, ["医保", "缴费"], max_length=60)
    assert "<mark>醫保</mark>参保<mark>缴费</mark>" in html
    assert "<script>" not in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 62


def test_highlight_without_match_shows_the_start():
    assert highlight("a < b 的说明", ["无关"], max_length=80) == "a &lt; b 的说明"


def test_bad_requests_are_explained_in_chinese():
    assert parse({"q": ""}).errors == ("请输入要搜索的词语。",)
    assert "不能超过100个字" in parse({"q": "长" * 101}).errors[0]
    assert "至少两个字" in parse({"q": "税"}).errors[0]
    assert "汉字、字母或数字" in parse({"q": "“”！？"}).errors[0]
    assert "起始日期格式不正确" in parse({"q": "医保", "from": "2026/01/01"}).errors[0]
    assert "格式不正确" in parse({"q": "医保", "to": "2026-02-30"}).errors[0]
    assert parse({"q": "医保", "from": "2026-03-01", "to": "2026-01-01"}).errors == ("起始日期不能晚于截止日期。",)


def test_good_requests_read_every_filter():
    params = parse({"q": "医保  缴费", "scope": "all", "column": "12", "from": "2026-01-01", "order": "date",
                    "page": "x"})
    assert params.errors == ()
    assert params.text == "医保 缴费" and params.words == ["医保", "缴费"]
    assert (params.whole_platform, params.column, params.order, params.page) == (True, 12, "date", 1)
