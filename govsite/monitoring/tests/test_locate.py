"""From an address to the column and its responsible person (M1)."""

import pytest

from govsite.content.tests.factories import article, column_of
from govsite.monitoring.locate import responsibility

pytestmark = pytest.mark.django_db


def test_an_item_a_column_and_an_archive_page_find_their_column(department):
    column = column_of(department, "工作动态")
    column.responsible_unit, column.responsible_person = "办公室", "李栏目"
    column.save()
    item = article(column, "局领导调研校园安全")
    root = department.site.root_page
    expected = {"column": "工作动态", "column_id": column.pk, "unit": "办公室", "person": "李栏目"}
    assert responsibility(root, item.full_url) == expected
    assert responsibility(root, f"{column.full_url}p/2/") == expected
    assert responsibility(root, "http://jtj.localhost/no/such/page/")["column"] == ""
