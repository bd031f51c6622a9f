"""The counted cells equal what the database holds for the year, and nothing from the year before (R1)."""

import pytest

from govsite.content.models import ContentPage, TopicPage
from govsite.reports.annual_data import compute

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_counted_cells_match_the_records_of_the_year(year_of_records):
    portal = year_of_records
    computed = compute(portal, YEAR)
    v = computed.values
    in_year = ContentPage.objects.live().descendant_of(portal.site.root_page).not_type(TopicPage).filter(
        published_at__year=YEAR)
    assert v["items_total"] == in_year.count() == 8  # 3 动态, 概况, 回应, 2 解读, 专题文章; none from last year
    assert (v["items_dynamics"], v["items_overview"], v["responses"], v["items_disclosure"]) == (3, 1, 1, 0)
    assert sum(row.count for row in computed.columns) + computed.outside == v["items_total"]
    assert (v["topics_maintained"], v["topics_new"]) == (1, 1)
    assert (v["interpretation_materials"], v["interpretation_products"]) == (1, 1)
    assert (v["letters_received"], v["letters_completed"], v["letters_public"]) == (3, 2, 1)
    assert v["letters_average_days"] == 5.0
    assert (v["surveys"], v["survey_opinions"], v["survey_results"]) == (1, 3, 1)
    assert (v["interviews"], v["interview_questions"], v["interview_answers"]) == (1, 4, 3)
    assert (v["security_checks"], v["problems_found"], v["problems_fixed"]) == (2, 2, 1)
    assert v["drills"] is True and v["monitoring"] is False and v["unified_platform"] is True
    assert (v["page_views"], v["unique_visitors"]) == (150, 50)
    assert (v["site_name"], v["site_id_code"]) == (portal.name, portal.site_id_code)
    assert v["service_catalogue"] is False and v["cases_total"] == 0


def test_the_annex_names_each_column_under_its_parents(year_of_records):
    rows = {row.title: row.count for row in compute(year_of_records, YEAR).columns}
    interpretations = [title for title, count in rows.items() if count == 2]  # a column two levels down
    assert len(interpretations) == 1 and interpretations[0].endswith(" / 政策解读")


def test_a_year_without_records_counts_zero(portal):
    v = compute(portal, YEAR - 5).values
    assert v["items_total"] == v["letters_received"] == v["page_views"] == 0
    assert v["drills"] is False
