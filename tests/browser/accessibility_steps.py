"""Accessibility of the public pages in Debian's chromium (U2; GB/T 37668-2019, WCAG 2.1 AA): axe-core finds
no serious or critical violation on the demo's main page types, in the normal and the elder-friendly mode,
and the 大字 / 高对比度 switches work and persist from page to page.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IMPACTS = {"minor": "轻微", "moderate": "中等", "serious": "严重", "critical": "危急"}
BLOCKING_IMPACTS = {"serious", "critical"}
SHOWN_TARGETS = 3
MISSING_PATH = "/no-such-page-for-the-accessibility-check/"
STRUCTURE = """() => {
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]));
  return {main: document.querySelectorAll('main').length, h1: levels.filter(level => level === 1).length,
          skips: levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1).length};
}"""


def main_pages() -> list[tuple[str, str]]:
    """(name, path) of each main page type of the demo portal that a citizen reaches."""
    from wagtail.models import Site

    from govsite.columns.models import ColumnPage
    from govsite.content.models import ArticlePage, InterpretationPage, PolicyPage, TopicPage
    from govsite.opendata.models import DataSetPage
    from govsite.participation.models import Survey
    from govsite.services.models import ServiceGuidePage

    portal = Site.objects.get(is_default_site=True).root_page
    pages = [("首页", "/")]
    for name, model in (("栏目页", ColumnPage), ("文章", ArticlePage), ("政策文件", PolicyPage),
                        ("政策解读", InterpretationPage), ("专题", TopicPage), ("办事指南", ServiceGuidePage),
                        ("开放数据集", DataSetPage)):
        item = model.objects.live().descendant_of(portal).first()
        assert item is not None, f"演示门户中没有“{name}”页面，无法检查"
        pages.append((name, item.get_url_parts()[2]))
    survey = Survey.objects.live().filter(record__site__root_page=portal).order_by("-starts_on").first()
    if survey is not None:
        pages.append(("征集调查", f"/hudong/zhengji/{survey.pk}/"))
    return pages + [("写信", "/hudong/xiexin/"), ("信件查询", "/hudong/chaxun/"), ("信件列表", "/hudong/xinjian/"),
                    ("依申请公开", "/xxgk/ysq/shenqing/"), ("站内搜索", "/search/?q=补贴"),
                    ("页面不存在", MISSING_PATH)]


def describe(violation: dict) -> str:
    """One violation in Chinese: rule, impact, help and the first few elements it names."""
    targets = ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:SHOWN_TARGETS])
    return (f"规则 {violation['id']}（影响 {violation['impact']}，{IMPACTS[violation['impact']]}）：{violation['help']}；"
            f"涉及 {len(violation['nodes'])} 处，如 {targets}")


def blocking_violations(page, url: str, name: str) -> list[str]:
    """axe-core's serious and critical WCAG 2.0/2.1 A and AA violations on the page now loaded."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    return [f"{name} {url}：{describe(v)}" for v in results.response["violations"]
            if v["impact"] in BLOCKING_IMPACTS]


def structure_problems(page, url: str, name: str) -> list[str]:
    """What a screen reader's user navigates by: one main landmark, one h1, no skipped heading level."""
    found = page.evaluate(STRUCTURE)
    problems = [f"{name} {url}：{label}应恰有一个，实有 {found[key]} 个"
                for key, label in (("main", "主要内容区（main）"), ("h1", "一级标题（h1）")) if found[key] != 1]
    if found["skips"]:
        problems.append(f"{name} {url}：标题层级跳级 {found['skips']} 处（如 h2 之后直接 h4）")
    return problems


def check(page, url: str, name: str) -> list[str]:
    """Everything found on one page in its normal look."""
    page.goto(url)
    return blocking_violations(page, url, name) + structure_problems(page, url, name)


def body_font_size(page) -> float:
    """The text size of the main content, in CSS pixels."""
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")


def mode_classes(page) -> str:
    return page.evaluate("document.documentElement.className")


def switch(page, label: str) -> None:
    """Press one reading-mode switch and check that it says it is on."""
    button = page.get_by_role("button", name=label, exact=True)
    button.click()
    assert button.get_attribute("aria-pressed") == "true", label


def the_reading_modes_work_and_persist(url: str, article_path: str, page) -> list[str]:
    """大字 grows the text, 高对比度 sets its class; both survive the next page. Returns axe's findings there."""
    page.goto(url + "/")
    page.evaluate("localStorage.clear()")
    page.reload()
    normal = body_font_size(page)
    switch(page, "大字")
    assert body_font_size(page) > normal * 1.2
    switch(page, "高对比度")
    assert "mode-contrast" in mode_classes(page)
    found = blocking_violations(page, url + "/", "首页（大字、高对比度）")
    page.goto(url + article_path)
    assert "mode-large" in mode_classes(page) and "mode-contrast" in mode_classes(page)
    assert body_font_size(page) > normal * 1.2
    assert page.get_by_role("button", name="大字", exact=True).get_attribute("aria-pressed") == "true"
    found += blocking_violations(page, url + article_path, "文章（大字、高对比度）")
    page.get_by_role("button", name="大字", exact=True).click()
    page.get_by_role("button", name="高对比度", exact=True).click()
    page.goto(url + "/")
    assert mode_classes(page).split() == [] and body_font_size(page) == normal
    return found


def the_public_pages_pass_an_accessibility_check(url: str, page) -> None:
    """axe-core over every main page type, then over the home page and an article in the elder-friendly mode."""
    pages = main_pages()
    found = [v for name, path in pages for v in check(page, url + path, name)]
    article_path = dict(pages)["文章"]
    found += the_reading_modes_work_and_persist(url, article_path, page)
    assert not found, "无障碍检查发现严重问题：\n" + "\n".join(found)
    without_javascript_the_switches_stay_hidden(url, page)


def without_javascript_the_switches_stay_hidden(url: str, page) -> None:
    """No dead buttons when scripts are off: the switches stay hidden, the skip link and the page remain."""
    context = page.context.browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(url + "/")
        assert plain.locator("#reading-mode").is_hidden()
        assert plain.get_by_role("button", name="大字", exact=True).count() == 0
        assert plain.get_by_role("link", name="跳到主要内容").count() == 1
    finally:
        context.close()
