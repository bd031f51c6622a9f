"""Collection runs against real upstream sites on 127.0.0.1 (G1, P8, X6)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from govsite.collector.models import CollectedItem, CollectionSource
from govsite.collector.runs import collect
from govsite.content.models import ArticlePage
from govsite.jobs.registry import get
from govsite.monitoring.models import Alert

from .conftest import POLICIES
from .upstream import html_page, list_markup

pytestmark = pytest.mark.django_db


def page_of(url_end: str) -> ArticlePage:
    return CollectedItem.objects.get(url__endswith=url_end).page.specific


def test_a_run_collects_each_new_item_over_three_list_pages_with_its_files_g1(province, make_source, portal):
    source = make_source(province)
    run = collect(source)
    assert (run.found, run.new, run.skipped, run.failed, run.error) == (5, 4, 1, 1, ""), run.log
    assert "跳过（内容与已采集信息相同）" in run.log and "chungeng.pdf" in run.log and "可执行程序" in run.log
    page = page_of("t20260301_101.html")
    assert page.title == "云南省人民政府关于印发实施办法的通知" and not page.live
    assert page.slug == f"t20260301-{CollectedItem.objects.get(page=page).content_hash[:8]}"
    assert page.source == "云南省人民政府办公厅"  # ContentSource kept
    assert timezone.localtime(page.published_at).strftime("%Y-%m-%d %H:%M") == "2026-03-01 09:30"
    documents = {a.document.title: a.document for a in page.attachments.all()}
    assert set(documents) == {"1.实施办法.pdf", "2.申报表.docx"}
    assert all(d.collection_id == portal.collection_id for d in documents.values())
    assert documents["1.实施办法.pdf"].file.read().startswith(b"%PDF")
    assert f'<a linktype="document" id="{documents["1.实施办法.pdf"].pk}">' in page.body
    image = get_image_model().objects.get(collection=portal.collection, title=page.title)
    assert f'embedtype="image" id="{image.pk}"' in page.body and "127.0.0.1" not in page.body
    refused = page_of("t20260302_102.html")
    assert not refused.attachments.exists() and "chungeng.pdf" not in refused.body
    assert "附件：春耕安排.pdf" in refused.body  # the text stays, unlinked
    assert not get_document_model().objects.filter(title__contains="春耕安排").exists()


def test_collected_items_are_submitted_into_the_sites_review_workflow_g1(province, make_source):
    collect(make_source(province))
    page = page_of("t20260301_101.html")
    assert page.current_workflow_task is not None  # waiting for 初审, as an editor's submission would
    assert CollectedItem.objects.get(page=page).status == CollectedItem.Status.SUBMITTED


def test_a_second_run_collects_nothing_new_and_fetches_no_item_twice_g1(province, make_source):
    source = make_source(province)
    collect(source)
    pages = ArticlePage.objects.count()
    again = collect(CollectionSource.objects.get(pk=source.pk))
    assert (again.found, again.new, again.skipped, again.failed) == (5, 0, 5, 0)
    assert ArticlePage.objects.count() == pages
    assert province.hits["/zwgk/zcwj/202603/t20260301_101.html"] == 1
    assert province.hits["/files/202603/banfa.pdf"] == 1


def test_gbk_pages_without_a_body_selector_are_read_and_proposed_to_editors_g1(prefecture, make_source):
    source = make_source(prefecture, "/xxgk/tzgg/", name="红河州通知公告", next_page_selector="",
                         title_selector="", date_selector="", body_selector="", expected_site_name="红河州人民政府",
                         expected_column_name="通知公告", mode="propose", keywords="")
    run = collect(source)
    assert (run.found, run.new, run.failed) == (2, 2, 0)
    item = CollectedItem.objects.get(url__endswith="t20260305_1.html")
    assert item.title == "红河州优化营商环境工作通知" and item.status == CollectedItem.Status.PROPOSED
    page = item.page.specific
    assert "优化营商环境的决策部署" in page.body and page.current_workflow_task is None and not page.live
    assert not item.important and item.repost_due is None


def test_a_layout_change_that_breaks_the_selectors_raises_an_alert_g1(province, make_source, portal):
    source = make_source(province)
    collect(source)
    province.routes["/zwgk/zcwj/index.html"] = html_page(list_markup(POLICIES, []).replace(
        'class="list"', 'class="news-list"'))
    run = collect(CollectionSource.objects.get(pk=source.pk))
    assert run.found == 0 and "页面结构可能已改版" in run.error
    alert = Alert.objects.get(record=portal, kind=f"collector_{source.pk}")
    assert alert.level == "warning" and "云南省政府政策文件" in alert.message


def test_detail_pages_whose_column_tag_changed_raise_an_alert_and_are_not_collected_g1(province, make_source,
                                                                                        portal):
    source = make_source(province, expected_column_name="政策解读")
    run = collect(source)
    assert run.new == 0 and run.failed == 5
    alert = Alert.objects.get(record=portal, kind=f"collector_{source.pk}")
    assert "ColumnName 应为“政策解读”，实际为“政策文件”" in alert.message


def test_an_unreachable_list_raises_an_alert_g1(province, make_source, portal):
    source = make_source(province, "/zwgk/gone/index.html")
    run = collect(source)
    assert "返回状态码 404" in run.error
    assert Alert.objects.filter(record=portal, kind=f"collector_{source.pk}").exists()


def test_important_items_get_a_12_hour_deadline_from_the_upstream_time_and_are_flagged_overdue_p8(
        province, make_source):
    collect(make_source(province))
    item = CollectedItem.objects.get(url__endswith="t20260303_103.html")  # 国务院… matches the keyword
    assert item.important
    assert timezone.localtime(item.repost_due).strftime("%Y-%m-%d %H:%M") == "2026-03-03 20:00"
    assert not CollectedItem.objects.get(url__endswith="t20260302_102.html").important
    overdue = CollectedItem.objects.overdue(item.repost_due + timedelta(minutes=1))
    assert list(overdue) == [item]
    assert not CollectedItem.objects.overdue(item.repost_due - timedelta(minutes=1)).exists()
    page = item.page.specific
    page.save_revision().publish()
    assert not CollectedItem.objects.overdue(item.repost_due + timedelta(days=1)).exists()


def test_the_scheduled_job_runs_due_sources_only_g1(province, make_source):
    source = make_source(province)
    paused = make_source(province, name="暂停的采集源", active=False)
    result = get("collector.run_due").func()
    assert result == {"sources": 1, "new": 4, "failed": 1}
    assert source.runs.count() == 1 and not paused.runs.exists()
    assert get("collector.run_due").func()["sources"] == 0  # not due again until the next hour
