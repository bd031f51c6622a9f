"""The resource library and its data interface end to end (P10, G2): records follow publication with the same
metadata as the public page, and a unit's system pulls and pushes only its own site's items by token."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from lxml import html as lxml_html

from govsite.audit.models import AuditEntry
from govsite.content.models import ArticlePage
from govsite.content.tests.factories import article, column_of, policy
from govsite.library import events, tokens
from govsite.library.models import ApiClient, LibraryRecord
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
ITEMS = "/api/library/items/"


@pytest.fixture
def api_client(make_user):
    """A unit's system with a fresh token; returns (client row, token)."""

    def make(record, name="业务系统", **extra) -> tuple[ApiClient, str]:
        token = tokens.new_token()
        submitter = make_user(f"api-{record.pk}-{name}", Role.EDITOR, record)
        client = ApiClient.objects.create(name=name, record=record, token_digest=tokens.digest(token),
                                          submitter=submitter, can_write=True, **extra)
        return client, token

    return make


def call(token: str | None, path: str = ITEMS, method: str = "get", **kwargs):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(Client(), method)(path, **headers, **kwargs)


def meta_of(page, host: str) -> dict[str, str]:
    document = lxml_html.fromstring(Client(HTTP_HOST=host).get(page.url).content)
    return {m.get("name"): m.get("content") for m in document.iter("meta") if m.get("name")}


def test_a_published_page_is_filed_with_the_same_metadata_as_its_meta_tags_p10(portal):
    page = article(column_of(portal, "测试要闻"), "测试市召开春耕生产工作会议", keywords="春耕",
                   author="李记者", summary="部署春耕生产工作")
    record = LibraryRecord.objects.get(page=page)
    shown = meta_of(page, "testserver")
    metadata = record.document["metadata"]
    for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate",
                 "ContentSource", "Keywords", "Author", "Description"):
        assert metadata[name] == shown[name], name
    assert metadata["Url"] == page.get_full_url() and record.record == portal and record.kind == "articlepage"
    assert record.document["disclosure"] is None and record.live


def test_a_catalogue_item_carries_its_disclosure_fields_p10(department):
    page = policy(column_of(department, "法规文件"), "测试市校外培训机构管理办法", index_number="")
    disclosure = LibraryRecord.objects.get(page=page).document["disclosure"]
    assert disclosure == {"index_number": "5325040004/2026-00001", "publisher": "测试市人民政府",
                          "topic": "综合政务", "document_number": "测政发〔2026〕3号", "written_date": "2026-03-01"}


def test_unpublishing_withdraws_and_deleting_removes_the_record_p10(portal):
    page = article(column_of(portal, "测试要闻"), "即将撤下的信息")
    before = LibraryRecord.objects.get(page=page).updated_at
    page.unpublish()
    record = LibraryRecord.objects.get(page=page)
    assert not record.live and record.document["live"] is False and record.updated_at > before
    page.delete()
    assert not LibraryRecord.objects.filter(pk=record.pk).exists()


def test_rebuild_files_pages_published_before_the_library_p10(portal):
    page = article(column_of(portal, "测试要闻"), "入库前发布的信息")
    LibraryRecord.objects.all().delete()
    output = StringIO()
    call_command("library", "rebuild", "--json", stdout=output)
    assert LibraryRecord.objects.filter(page=page, live=True).exists()
    result = json.loads(output.getvalue())
    assert result["run"]["status"] == "succeeded" and result["live_records"] == LibraryRecord.objects.count()


@pytest.mark.parametrize("header", [None, "Bearer gsl_wrong", "Basic abc"])
def test_a_missing_or_wrong_token_gets_401_json_g2(portal, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = Client().get(ITEMS, **extra)
    assert response.status_code == 401 and "令牌" in response.json()["error"]


def test_a_revoked_client_gets_401_g2(portal, api_client):
    client, token = api_client(portal)
    assert call(token).status_code == 200
    client.active = False
    client.save()
    response = call(token)
    assert response.status_code == 401 and response.json()["error"] == "接口令牌无效或已停用"


def test_a_unit_pulls_only_its_own_items_and_another_units_item_is_not_found_g2(portal, department, api_client):
    own = article(column_of(department, "工作动态"), "教体局工作动态")
    other = article(column_of(portal, "测试要闻"), "市政府要闻")
    client, token = api_client(department)
    body = call(token).json()
    titles = [item["title"] for item in body["results"]]
    assert "教体局工作动态" in titles and "市政府要闻" not in titles
    assert {item["metadata"]["SiteIDCode"] for item in body["results"]} == {"5325040004"}
    detail = call(token, f"{ITEMS}{own.pk}/").json()
    assert detail["body"] == "<p>正文内容。</p>" and detail["metadata"]["ArticleTitle"] == "教体局工作动态"
    missing = call(token, f"{ITEMS}{other.pk}/")
    assert missing.status_code == 404 and missing.json()["error"] == "没有这条信息"
    client.refresh_from_db()
    assert client.last_used_at is not None


def test_items_are_paginated_by_50_with_a_next_link_and_filtered_by_since_and_column_g2(portal, api_client):
    news, notices = column_of(portal, "测试要闻"), column_of(portal, "政务要闻")
    for n in range(52):
        article(news, f"要闻{n}")
    _client, token = api_client(portal)
    first = call(token, data={"column": news.pk}).json()
    assert first["count"] == 52 and len(first["results"]) == 50 and first["next"].endswith("page=2")
    second = call(token, first["next"].removeprefix("http://testserver")).json()
    assert len(second["results"]) == 2 and second["next"] is None
    assert {r["title"] for r in first["results"] + second["results"]} == {f"要闻{n}" for n in range(52)}
    mark = LibraryRecord.objects.get(page__title="要闻51").updated_at
    late = article(notices, "之后发布的信息")
    changed = call(token, data={"since": mark.isoformat()}).json()
    assert [r["title"] for r in changed["results"]] == ["要闻51", "之后发布的信息"]
    assert changed["results"][1]["id"] == late.pk
    assert call(token, data={"since": "昨天"}).status_code == 400
    assert call(token, data={"page": "9"}).status_code == 404


def submit(token, payload) -> tuple[int, dict]:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    response = call(token, method="post", data=data, content_type="application/json")
    return response.status_code, response.json()


def test_the_write_api_creates_a_draft_awaiting_review_and_logs_it_g2(department, api_client):
    client, token = api_client(department)
    column = column_of(department, "工作动态")
    status, body = submit(token, {"title": "教体局推送的信息", "body": "<p>正文</p><script>x()</script>",
                                  "column": column.url_path.removeprefix(department.site.root_page.url_path),
                                  "source": "教体局业务系统", "date": "2026-03-02"})
    assert status == 201 and body["status"] == "in_review"
    page = ArticlePage.objects.get(pk=body["id"])
    assert not page.live and page.current_workflow_task is not None and page.get_parent().pk == column.pk
    assert page.body == "<p>正文</p>" and page.source == "教体局业务系统"
    assert not LibraryRecord.objects.filter(page=page).exists()  # the library files it once it is published
    entry = AuditEntry.objects.get(action=events.ITEM_SUBMIT)
    assert entry.data["client"] == "业务系统" and entry.site_id == department.pk and entry.object_id == str(page.pk)


@pytest.mark.parametrize(("payload", "status", "message"), [
    ("{oops", 400, "请求内容不是有效的 UTF-8 JSON"),
    ({"body": "<p>正文</p>", "column": "gzdt"}, 400, "缺少“标题”"),
    ({"title": "t", "body": "<p>正文</p>", "column": "no/such/column"}, 400, "栏目不存在：no/such/column"),
])
def test_bad_input_to_the_write_api_creates_nothing_g2(department, api_client, payload, status, message):
    _client, token = api_client(department)
    pages = ArticlePage.objects.count()
    assert submit(token, payload) == (status, {"error": message})
    assert ArticlePage.objects.count() == pages
    assert AuditEntry.objects.filter(action=events.WRITE_REFUSED, data__reason=message).exists()


def test_a_column_of_another_site_is_forbidden_and_a_read_only_client_cannot_write_g2(portal, department,
                                                                                       api_client):
    _client, token = api_client(department)
    pages = ArticlePage.objects.count()
    status, body = submit(token, {"title": "越权报送", "body": "<p>x</p>", "column": column_of(portal, "测试要闻").pk})
    assert (status, body["error"]) == (403, "只能向本单位网站的栏目报送信息")
    _reader, reader_token = api_client(department, name="只读系统", can_read=True)
    ApiClient.objects.filter(name="只读系统").update(can_write=False)
    status, body = submit(reader_token, {"title": "t", "body": "<p>x</p>", "column": 1})
    assert (status, body["error"]) == (403, "该系统未获写入权限")
    assert ArticlePage.objects.count() == pages
