"""The public guide shows every element of V1 and the links of V2; the catalogue groups by user and theme (V3)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from govsite.content.tests.factories import column_of
from govsite.review.roles import Role

from .conftest import bare_guide, complete_guide, link_policy

pytestmark = pytest.mark.django_db
JTJ = {"HTTP_HOST": "jtj.localhost"}


def path(page) -> str:
    return page.get_url_parts()[2]


def document(title: str) -> Document:
    doc = Document(title=title)
    doc.file.save(f"{title}.docx", ContentFile(b"PK docx"), save=True)
    return doc


def test_a_guide_shows_every_element_downloads_and_links(client, department, jtj_catalogue):
    guide = complete_guide(jtj_catalogue, "义务教育阶段入学登记")
    material = guide.materials.get()
    material.blank_form, material.instructions, material.sample = (document(t) for t in ("登记表", "填表说明", "样表"))
    material.save()
    link_policy(guide, department)

    assert path(guide).endswith("/bs11532504mb0000000x-001/")  # addressed by its matter code
    html = client.get(path(guide), **JTJ).content.decode()
    for heading in ("办理依据", "受理条件", "申请材料", "办理地点", "办理机构", "办理时间", "咨询电话", "收费标准",
                    "办理流程", "办理时限", "常见问题", "咨询、投诉和监督"):
        assert f">{heading}<" in html
    for value in ("11532504MB0000000X-001", "公共服务", "测试市教育体育局基础教育科", "自然人", "教育",
                  "《中华人民共和国义务教育法》第十二条", "适龄儿童户籍在本市", "户口簿", "原件和复印件",
                  "复印件须本人签字", "测试市政务服务中心二楼12号窗口", "工作日 9:00-12:00", "0873-6000004", "不收费",
                  "受理", "20个工作日", "5个工作日", "非本市户籍能否申请？", "可凭居住证申请。", "0873-12345",
                  "0873-6000009", "https://zwfw.yn.gov.cn/item/1", "可全程网办", "测试市义务教育招生入学办法"):
        assert value in html, value
    for doc in (material.blank_form, material.instructions, material.sample):
        assert f'href="{doc.url}"' in html
    assert html.index(">申请<") < html.index(">受理<") < html.index(">办结<")


def test_the_catalogue_groups_by_user_type_and_theme_and_links_the_platform(client, department, jtj_catalogue):
    complete_guide(jtj_catalogue, "义务教育阶段入学登记", user_types=["person"], themes=["education"])
    complete_guide(jtj_catalogue, "民办学校办学许可", user_types=["legal"], themes=["qualification"],
                   matter_code="X-002")
    complete_guide(column_of(department, "办事服务"), "教师资格认定", user_types=["person", "legal"],
                   themes=["certificates"], matter_code="X-003")
    jtj_catalogue.platform_url = "https://zwfw.example.gov.cn/"
    jtj_catalogue.save_revision().publish()

    html = client.get(path(jtj_catalogue), **JTJ).content.decode()
    person, legal = html.split(">自然人办事<")[1].split(">法人办事<")
    assert "义务教育阶段入学登记" in person and "民办学校办学许可" not in person
    assert "民办学校办学许可" in legal and "义务教育阶段入学登记" not in legal
    assert "教师资格认定" in person and "教师资格认定" in legal  # a guide outside the catalogue is listed too
    assert ">教育<" in person and ">证件办理<" in person and ">资质认证<" in legal
    assert 'href="https://zwfw.example.gov.cn/"' in html and "前往云南政务服务网在线办事" in html


def test_the_catalogue_shows_the_monthly_statistics(client, department, jtj_catalogue):
    from govsite.services.models import ServiceStatistic

    ServiceStatistic.objects.create(record=department, year=2026, month=10, cases_total=321, cases_person=300,
                                    cases_legal=21)
    html = client.get(path(jtj_catalogue), **JTJ).content.decode()
    assert "2026年10月" in html and ">321<" in html and ">21<" in html


def test_the_edit_page_warns_the_unit_of_missing_elements(client, department, make_user, jtj_catalogue):
    guide = bare_guide(jtj_catalogue, "建设工程资质核准")
    client.force_login(make_user("jtj_editor", Role.EDITOR, department))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk])).content.decode()
    assert "办事指南缺少以下要素" in html
    assert "办理依据、受理条件、申请材料、收费标准、办理时间、咨询电话、办理流程、办理时限" in html

    full = complete_guide(jtj_catalogue, "义务教育阶段入学登记")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[full.pk])).content.decode()
    assert "办事指南要素齐全" in html


def test_the_static_catalogue_follows_new_guides_and_statistics(department, settings, tmp_path,
                                                                django_capture_on_commit_callbacks):
    from govsite.publishing.publisher import Publisher, site_dir
    from govsite.services.models import ServiceStatistic

    from .conftest import catalogue

    settings.GOVSITE_PUBLIC_ROOT = tmp_path
    shelf = catalogue(department)
    complete_guide(shelf, "义务教育阶段入学登记")
    Publisher(department.site).rebuild()
    built = site_dir(department.site) / path(shelf).strip("/") / "index.html"
    assert "义务教育阶段入学登记" in built.read_text() and "教师资格认定" not in built.read_text()

    with django_capture_on_commit_callbacks(execute=True):  # a guide outside the catalogue is listed there too
        complete_guide(column_of(department, "办事服务"), "教师资格认定", matter_code="X-2")
    assert "教师资格认定" in built.read_text()
    with django_capture_on_commit_callbacks(execute=True):
        ServiceStatistic.objects.create(record=department, year=2026, month=11, cases_total=6543)
    assert ">6543<" in built.read_text()


def test_the_service_column_leads_to_its_catalogue_in_the_static_tree(department, settings, tmp_path,
                                                                       django_capture_on_commit_callbacks):
    """V3: a person opening the 办事服务 column finds the catalogue; withdrawn, the entry goes too."""
    from govsite.publishing.publisher import Publisher, site_dir

    from .conftest import catalogue

    settings.GOVSITE_PUBLIC_ROOT = tmp_path
    column = column_of(department, "办事服务")
    complete_guide(column, "教师资格认定", matter_code="X-3")
    Publisher(department.site).rebuild()
    index = site_dir(department.site) / path(column).strip("/") / "index.html"
    assert "本栏目入口" not in index.read_text()

    with django_capture_on_commit_callbacks(execute=True):
        shelf = catalogue(department, title="教育体育服务目录")
    assert f'href="{path(shelf)}">教育体育服务目录</a>' in index.read_text()
    with django_capture_on_commit_callbacks(execute=True):
        shelf.unpublish()
    assert "教育体育服务目录" not in index.read_text()
