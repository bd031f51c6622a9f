"""Upstream sites for the collector's tests: a province portal in UTF-8 with three list pages, files and a
duplicate; a prefecture site in GBK read without a body selector (G1)."""

from __future__ import annotations

import pytest

from govsite.content.tests.factories import column_of
from govsite.formguard.tests.test_uploads import docx_bytes, pdf_bytes

from .upstream import Upstream, detail_markup, html_page, list_markup

PROVINCE, POLICIES = "云南省人民政府", "政策文件"
PARAGRAPHS = ["各州、市人民政府，省直各委、办、厅、局：", "现将有关事项通知如下，请认真贯彻落实。"]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d7cd5a0000000049454e44ae426082")


def _detail(title: str, when: str, paragraphs=PARAGRAPHS, extra: str = "", column: str = POLICIES) -> tuple:
    return html_page(detail_markup(PROVINCE, column, title, when, paragraphs, extra, source="云南省人民政府办公厅"))


def province_routes() -> dict:
    files = ('<p>附件：<a href="/files/202603/banfa.pdf">1.实施办法.pdf</a> '
             '<a href="../../../files/202603/biao.docx">2.申报表.docx</a></p><p><img src="img/tu1.png" alt="流程图"></p>')
    return {
        "/zwgk/zcwj/index.html": html_page(list_markup(POLICIES, [
            ("./202603/t20260301_101.html", "云南省人民政府关于印发实施办法的通知", "2026-03-01"),
            ("../zcwj/202603/t20260302_102.html", "关于做好春耕生产工作的通知", "2026-03-02"),
        ], "index_1.html")),
        "/zwgk/zcwj/index_1.html": html_page(list_markup(POLICIES, [
            ("/zwgk/zcwj/202603/t20260303_103.html", "国务院常务会议精神传达学习安排", "2026-03-03"),
            ("202603/t20260304_104.html", "省政府办公厅关于开展安全生产检查的通知", "2026-03-04"),
        ], "index_2.html")),
        "/zwgk/zcwj/index_2.html": html_page(list_markup(POLICIES, [
            ("202603/t20260304_104_copy.html", "省政府办公厅关于开展安全生产检查的通知", "2026-03-04"),
        ])),
        "/zwgk/zcwj/202603/t20260301_101.html": _detail("云南省人民政府关于印发实施办法的通知", "2026-03-01 09:30",
                                                        extra=files),
        "/zwgk/zcwj/202603/t20260302_102.html": _detail(
            "关于做好春耕生产工作的通知", "2026-03-02 10:00",
            extra='<p><a href="/files/202603/chungeng.pdf">附件：春耕安排.pdf</a></p>'),
        "/zwgk/zcwj/202603/t20260303_103.html": _detail("国务院常务会议精神传达学习安排", "2026-03-03 08:00"),
        "/zwgk/zcwj/202603/t20260304_104.html": _detail("省政府办公厅关于开展安全生产检查的通知", "2026-03-04 16:20",
                                                        ["各地各部门：", "请于3月底前完成自查。"]),
        # The same notice re-posted at another address, with other markup and spacing: one item.
        "/zwgk/zcwj/202603/t20260304_104_copy.html": _detail(
            "省政府办公厅关于开展安全生产检查的通知", "2026-03-04 16:20", ["各地各部门：  ", "请于3月底前完成自查。 "]),
        "/files/202603/banfa.pdf": (200, pdf_bytes(), "application/pdf"),
        "/files/202603/biao.docx": (200, docx_bytes(), "application/octet-stream"),
        "/zwgk/zcwj/202603/img/tu1.png": (200, PNG, "image/png"),
        # A program dressed as a PDF: refused by the back-office upload rules (X6).
        "/files/202603/chungeng.pdf": (200, b"MZ\x90\x00" + b"\x00" * 200, "application/pdf"),
    }


@pytest.fixture
def province():
    with Upstream(province_routes()) as site:
        yield site


def gbk_routes() -> dict:
    text = "为深入贯彻落实省委、省政府关于优化营商环境的决策部署，进一步提升政务服务效能，现就有关事项通知如下。"
    paragraphs = [f"{n}、{text}" for n in "一二三四五六"]

    def detail(title: str) -> tuple:
        return html_page(detail_markup("红河州人民政府", "通知公告", title, "2026-03-05", paragraphs,
                                       charset="gb2312"), "gbk", header_charset=False)

    return {
        "/xxgk/tzgg/": html_page(list_markup("通知公告", [
            ("t20260305_1.html", "红河州优化营商环境工作通知", "2026-03-05"),
            ("t20260305_2.html", "红河州政务服务效能提升方案", "2026-03-05"),
        ], charset="gb2312"), "gbk", header_charset=False),
        "/xxgk/tzgg/t20260305_1.html": detail("红河州优化营商环境工作通知"),
        "/xxgk/tzgg/t20260305_2.html": detail("红河州政务服务效能提升方案"),
    }


@pytest.fixture
def prefecture():
    with Upstream(gbk_routes()) as site:
        yield site


@pytest.fixture
def news(portal):
    return column_of(portal, "测试要闻")


@pytest.fixture
def make_source(news):
    from govsite.collector.models import CollectionSource

    def make(site: Upstream, path: str = "/zwgk/zcwj/index.html", **fields) -> CollectionSource:
        defaults = dict(
            name="云南省政府政策文件", list_url=site.url(path), link_selector="ul.list a",
            next_page_selector="div.page a.next", title_selector="h1.title", date_selector="div.info",
            body_selector="#zoom", expected_site_name=PROVINCE, expected_column_name=POLICIES, target=news,
            mode="review", keywords="国务院", schedule="0 * * * *",
        )
        source = CollectionSource(**{**defaults, **fields})
        source.full_clean()
        source.save()
        return source

    return make
