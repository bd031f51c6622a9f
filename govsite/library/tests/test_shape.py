"""The library's pure rules (P10, G2): item shape, write-API input, query parameters and tokens; no database."""

import pytest

from govsite.library import shape, tokens


def test_an_item_document_carries_every_national_tag_and_the_disclosure_fields_p10():
    document = shape.item_document({"SiteName": "测试市人民政府", "Keywords": "春耕"},
                                   {"index_number": "5325040001/2026-00001", "publisher": "测试市人民政府"}, id=7)
    assert list(document["metadata"]) == list(shape.TAG_NAMES)
    assert document["metadata"]["Keywords"] == "春耕" and document["metadata"]["Author"] == ""
    assert document["disclosure"]["index_number"] == "5325040001/2026-00001"
    assert set(document["disclosure"]) == set(shape.DISCLOSURE_FIELDS) and document["id"] == 7
    assert shape.item_document({}, None)["disclosure"] is None


def test_a_document_without_its_required_tags_or_index_number_is_reported_p10():
    document = shape.item_document({"SiteName": "测试市人民政府"}, {"publisher": "测试市人民政府"})
    found = shape.problems(document)
    assert "缺少元数据 Url" in found and "信息公开条目缺少索引号" in found and "缺少元数据 SiteName" not in found
    complete = {name: "x" for name in shape.REQUIRED_TAGS}
    assert shape.problems(shape.item_document(complete, None)) == []


def test_a_valid_submission_is_read_with_its_date_g2():
    submission = shape.parse_submission('{"title": " 通知 ", "body": "<p>正文</p>", "column": "zwgk/tzgg",'
                                        ' "source": "测试局", "date": "2026-03-02"}'.encode())
    assert submission.title == "通知" and submission.column == "zwgk/tzgg" and submission.date.day == 2


@pytest.mark.parametrize(("raw", "message"), [
    (b"{not json", "请求内容不是有效的 UTF-8 JSON"),
    (b"[1, 2]", "请求内容应为 JSON 对象"),
    (b'{"body": "<p>x</p>", "column": 3}', "缺少“标题”"),
    (b'{"title": "t", "column": 3}', "缺少“正文”"),
    (b'{"title": "t", "body": "b"}', "缺少“栏目”（栏目编号或栏目路径）"),
    (b'{"title": "t", "body": "b", "column": true}', "缺少“栏目”（栏目编号或栏目路径）"),
    (b'{"title": 5, "body": "b", "column": 3}', "“标题”必须是文本"),
    ('{"title": "%s", "body": "b", "column": 3}' % ("长" * 256), "“标题”不能超过 255 个字符"),
    (b'{"title": "t", "body": "b", "column": 3, "date": "2026/3/1"}', "“发布日期”格式应为 YYYY-MM-DD"),
    (b'{"title": "t", "body": "b", "column": 3, "date": "2026-02-30"}', "“发布日期”不是有效日期"),
])
def test_bad_submissions_are_refused_with_a_chinese_message_g2(raw, message):
    with pytest.raises(shape.SubmissionError) as refused:
        shape.parse_submission(raw.encode() if isinstance(raw, str) else raw)
    assert str(refused.value) == message


def test_since_and_page_parameters_g2():
    assert shape.parse_since("") is None
    assert shape.parse_since("2026-03-01T08:00:00 08:00").utcoffset().total_seconds() == 8 * 3600
    assert shape.parse_page_number("") == 1 and shape.parse_page_number("3") == 3
    for bad in ("0", "-1", "x"):
        with pytest.raises(shape.SubmissionError):
            shape.parse_page_number(bad)
    with pytest.raises(shape.SubmissionError):
        shape.parse_since("昨天")


def test_tokens_are_random_stored_as_digest_and_read_from_a_bearer_header_g2():
    first, second = tokens.new_token(), tokens.new_token()
    assert first != second and first.startswith(tokens.TOKEN_PREFIX) and len(first) > 40
    assert tokens.digest(first) == tokens.digest(first) != tokens.digest(second) and first not in tokens.digest(first)
    assert tokens.from_authorization(f"Bearer {first}") == first
    assert tokens.from_authorization(f"bearer  {first} ") == first
    assert tokens.from_authorization(f"Basic {first}") is None and tokens.from_authorization("") is None
