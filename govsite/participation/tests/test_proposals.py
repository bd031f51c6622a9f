"""NPC suggestions and CPPCC proposals (I11): public listings filtered by session and handling unit."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govsite.participation.models import Proposal
from govsite.participation.tests.conftest import make_proposal

pytestmark = pytest.mark.django_db

THIRD = "测试市第十届人民代表大会第三次会议"
SECOND = "测试市第十届人民代表大会第二次会议"


def titles(html: str) -> set[str]:
    return set(re.findall(r'<td><a href="/hudong/(?:jianyi|tian)/\d+/">([^<]+)</a>', html))


@pytest.fixture
def proposals(portal):
    return {
        "housing": make_proposal(portal, 1, title="关于老旧小区改造的建议", lead_unit="测试市住房和城乡建设局",
                                 co_units="测试市财政局"),
        "water": make_proposal(portal, 2, title="关于农村饮水安全的建议", lead_unit="测试市水务局",
                               co_units="测试市财政局局属单位、测试市民政局"),
        "school": make_proposal(portal, 3, title="关于校园周边交通安全的建议", lead_unit="测试市交通运输局",
                                session=SECOND),
        "draft": make_proposal(portal, 4, title="尚未公开的建议", lead_unit="测试市财政局", published=False),
        "cppcc": make_proposal(portal, 1, kind="cppcc", session="政协测试市第十届委员会第三次会议",
                               title="关于温泉康养产业的提案", lead_unit="测试市财政局"),
    }


def test_listing_filters_by_session_and_by_lead_or_co_handling_unit(client, proposals):
    listing = reverse("participation:npc_suggestions")
    everything = titles(client.get(listing).content.decode())
    assert everything == {"关于老旧小区改造的建议", "关于农村饮水安全的建议", "关于校园周边交通安全的建议"}

    assert titles(client.get(listing, {"session": SECOND}).content.decode()) == {"关于校园周边交通安全的建议"}
    # 测试市财政局 co-handles the housing suggestion; the look-alike "财政局局属单位" is another unit.
    assert titles(client.get(listing, {"unit": "测试市财政局"}).content.decode()) == {"关于老旧小区改造的建议"}
    assert titles(client.get(listing, {"unit": "测试市民政局"}).content.decode()) == {"关于农村饮水安全的建议"}
    both = client.get(listing, {"unit": "测试市财政局", "session": SECOND}).content.decode()
    assert titles(both) == set() and "没有符合条件的办理结果" in both
    # An unknown value is ignored rather than answered with an error.
    assert titles(client.get(listing, {"unit": "<script>", "session": "x" * 500}).content.decode()) == everything


def test_filters_offer_only_published_sessions_and_units(client, proposals):
    html = client.get(reverse("participation:npc_suggestions")).content.decode()
    options = set(re.findall(r'<option value="([^"]+)"', html))
    assert {THIRD, SECOND, "测试市住房和城乡建设局", "测试市财政局", "测试市民政局", "测试市水务局"} <= options
    assert "政协测试市第十届委员会第三次会议" not in options


def test_each_kind_has_its_own_listing_and_detail_page(client, proposals):
    cppcc = client.get(reverse("participation:cppcc_proposals")).content.decode()
    assert titles(cppcc) == {"关于温泉康养产业的提案"} and "提案号" in cppcc and "提案人" in cppcc
    detail = client.get(reverse("participation:npc_suggestion", args=[proposals["housing"].pk])).content.decode()
    assert "关于老旧小区改造的建议" in detail and "已办理。" in detail and "A类（已解决或采纳）" in detail
    assert client.get(reverse("participation:cppcc_proposal", args=[proposals["housing"].pk])).status_code == 404
    assert client.get(reverse("participation:npc_suggestion", args=[proposals["draft"].pk])).status_code == 404


def test_number_is_unique_per_session_and_kind(portal):
    make_proposal(portal, 8)
    duplicate = Proposal(record=portal, kind="npc", session=THIRD, number=8, title="重复", proposers="甲",
                         lead_unit="测试市水务局")
    with pytest.raises(ValidationError, match="不能重复"):
        duplicate.full_clean()
    Proposal(record=portal, kind="npc", session=SECOND, number=8, title="另一届次", proposers="甲",
             lead_unit="测试市水务局").full_clean()
    Proposal(record=portal, kind="cppcc", session=THIRD, number=8, title="另一类别", proposers="甲",
             lead_unit="测试市水务局").full_clean()


def test_publishing_needs_the_handling_result(portal):
    proposal = Proposal(record=portal, kind="npc", session=THIRD, number=9, title="关于……的建议", proposers="甲",
                        lead_unit="测试市水务局", co_units="测试市水务局、测试市财政局，测试市民政局", published=True)
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert set(error.value.message_dict) == {"category", "reply_date", "reply"}
    assert proposal.co_units == "测试市财政局、测试市民政局"  # normalised, the lead unit not repeated
