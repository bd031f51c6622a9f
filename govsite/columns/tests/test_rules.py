"""Column rules (C1, C4, C5) and the shipped templates."""

from govsite.columns.rules import (
    COLUMN_TYPES,
    DEFAULT_UPDATE_DAYS,
    UpdateCategory,
    find_placeholder,
    update_category_for,
)
from govsite.columns.templates import (
    ARTICLE_20_CATEGORIES,
    CITY_PORTAL,
    DISCLOSURE_CATALOGUE,
    TEMPLATES,
)


def titles(specs):
    return [spec.title for top in specs for _depth, spec in top.walk()]


def test_update_windows_follow_c4():
    assert DEFAULT_UPDATE_DAYS[UpdateCategory.DYNAMICS] == 14
    assert DEFAULT_UPDATE_DAYS[UpdateCategory.NOTICES_POLICIES] == 183
    assert DEFAULT_UPDATE_DAYS[UpdateCategory.OTHER] == 365
    assert update_category_for("工作动态", "弥勒要闻") is UpdateCategory.DYNAMICS
    assert update_category_for("政策文件", "政府文件") is UpdateCategory.NOTICES_POLICIES
    assert update_category_for("其他", "公示公告") is UpdateCategory.NOTICES_POLICIES
    assert update_category_for("其他", "权责清单") is UpdateCategory.OTHER


def test_placeholder_phrases_are_found():
    assert find_placeholder("本栏目正在建设中，敬请期待") == "正在建设中"
    assert find_placeholder("栏目正在改版") == "正在改版"
    assert find_placeholder("系统升级中") == "升级中"
    assert find_placeholder("弥勒市召开安全生产工作会议") is None


def test_city_portal_reproduces_seed_000_table_1():
    names = titles(CITY_PORTAL)
    for expected in (
        "魅力{city}", "政务要闻", "{city}要闻", "视频新闻", "图片新闻", "部门乡镇信息", "政务公开",
        "国务院信息", "政府领导", "信息公开指南", "信息公开目录", "人事任免", "政策解读", "公示公告",
        "公共资源交易", "重点领域信息公开", "依申请公开", "人大代表建议", "政协提案", "政务服务",
        "投资{city}", "招商政策", "政民互动", "{city}旅游", "专题栏目", "权责清单",
    ):
        assert expected in names


def test_disclosure_catalogue_has_the_15_categories_of_article_20():
    assert len(ARTICLE_20_CATEGORIES) == 15
    statutory = next(c for c in DISCLOSURE_CATALOGUE.children if c.title == "法定主动公开内容")
    assert [c.title for c in statutory.children] == [t for t, _d in ARTICLE_20_CATEGORIES]
    assert [c.title for c in DISCLOSURE_CATALOGUE.children] == [
        "信息公开指南", "信息公开制度", "法定主动公开内容", "年度报告",
    ]


def test_every_template_column_has_a_national_type():
    for _label, specs in TEMPLATES.values():
        for top in specs:
            for _depth, spec in top.walk():
                assert spec.column_type in COLUMN_TYPES, spec.title
