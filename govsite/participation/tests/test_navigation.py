"""The portal's 征集调查 / 在线访谈 / 人大代表建议 / 政协提案 columns show only while they have content (C5)."""

import itertools

import pytest
from django.urls import reverse

from govsite.columns.features import get_feature
from govsite.content.tests.factories import column_of
from govsite.participation.tests.conftest import make_interview, make_proposal, make_survey

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def proposal(kind: str):
    def publish(record, live: bool = True):
        return make_proposal(record, next(_numbers), kind=kind, published=live)

    return publish


# feature key → (column title, its parent column, a function publishing content on a site)
FUNCTIONS = {
    "surveys": ("征集调查", "政民互动", make_survey),
    "interviews": ("在线访谈", "政民互动", make_interview),
    "npc_suggestions": ("人大代表建议", "政务公开", proposal("npc")),
    "cppcc_proposals": ("政协提案", "政务公开", proposal("cppcc")),
}


def path(page) -> str:
    return page.get_url_parts()[2]


def sub_columns(client, parent) -> str:
    response = client.get(path(parent))
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize("key", list(FUNCTIONS))
def test_a_function_column_appears_only_with_published_content(client, portal, department, key):
    title, parent_title, publish = FUNCTIONS[key]
    column, parent = column_of(portal, title), column_of(portal, parent_title)
    feature = get_feature(key)
    assert column.feature == key and feature.url() == reverse(feature.url_name)

    assert client.get(path(column)).status_code == 404
    assert f">{title}<" not in sub_columns(client, parent)
    assert client.get(feature.url()).status_code == 404

    publish(portal, live=False)  # a draft is nothing to show
    publish(department)  # nor is another site's content
    assert client.get(path(column)).status_code == 404
    assert f">{title}<" not in sub_columns(client, parent)

    publish(portal)
    response = client.get(path(column))
    assert response.status_code == 302 and response["Location"] == feature.url()
    assert f">{title}<" in sub_columns(client, parent)
    assert f">{parent_title}<" in client.get("/").content.decode()
    landing = client.get(feature.url()).content.decode()
    assert f"<title>{title} - {portal.name}</title>" in landing
    assert f'<li><a href="{path(parent)}">{parent_title}</a></li>' in landing  # the breadcrumb runs through
    assert f'<li aria-current="page">{title}</li>' in landing  # the column, which this page stands for


def test_the_portal_main_navigation_always_shows_政民互动_since_the_letter_box_is_open(client, portal):
    assert ">政民互动<" in client.get("/").content.decode()  # 咨询投诉 takes letters at any time (I1)
    assert ">征集调查<" not in sub_columns(client, column_of(portal, "政民互动"))
    make_survey(portal)
    assert ">征集调查<" in sub_columns(client, column_of(portal, "政民互动"))


def test_the_static_tree_follows_when_a_function_column_appears(portal, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_survey(portal)
    assert len(callbacks) == 1  # the portal's tree is rebuilt once
    home = (settings.GOVSITE_PUBLIC_ROOT / portal.site.hostname / "index.html").read_text()
    assert ">政民互动<" in home
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_survey(portal, title="第二个调查")
    assert callbacks == []  # the column was already shown: nothing to rebuild
