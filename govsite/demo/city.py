"""The demo city: 弥勒市 portal, one district portal and three department sites (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoSite:
    key: str
    template: str
    city: str
    hostname_label: str  # served at http://<label>.localhost:<port>/ in the demo
    fields: dict = field(default_factory=dict)
    parent: str | None = None


_COMMON = {
    "organizer": "弥勒市电子政务网络管理中心",
    "person_phone": "0873-6122001",
    "contact_address": "云南省红河州弥勒市髯翁路市级行政中心",
    "party_mark_url": "https://bszs.conac.cn/",
}

PORTAL = DemoSite(
    key="portal",
    template="city_portal",
    city="弥勒",
    hostname_label="",
    fields={
        **_COMMON,
        "name": "弥勒市人民政府",
        "short_name": "弥勒市政府",
        "site_type": "portal",
        "sponsor": "弥勒市人民政府办公室",
        "person_in_charge": "王建华",
        "person_email": "zwgk@mile.gov.cn",
        "contact_phone": "0873-6122000",
        "contact_email": "zwgk@mile.gov.cn",
        "site_id_code": "5325040001",
        "icp_number": "滇ICP备05001234号-1",
        "psb_number": "滇公网安备 53250402000101号",
        "domain": "www.mile.gov.cn",
        "chinese_domain": "弥勒市人民政府.政务",
        "superior_name": "云南省人民政府门户网站",
        "superior_url": "https://www.yn.gov.cn/",
    },
)

DISTRICT = DemoSite(
    key="district",
    template="district_portal",
    city="弥阳",
    hostname_label="www.mlmy",
    parent="portal",
    fields={
        **_COMMON,
        "name": "弥勒市弥阳街道",
        "short_name": "弥阳街道",
        "site_type": "district_portal",
        "sponsor": "弥勒市弥阳街道办事处",
        "organizer": "弥勒市弥阳街道党政综合办公室",
        "person_in_charge": "张丽萍",
        "person_email": "myjd@mile.gov.cn",
        "contact_phone": "0873-6125100",
        "site_id_code": "5325040002",
        "icp_number": "滇ICP备05001234号-2",
        "psb_number": "滇公网安备 53250402000102号",
        "domain": "www.mlmy.gov.cn",
        "chinese_domain": "弥勒市弥阳街道办事处.政务",
    },
)


def _department(key: str, name: str, short: str, label: str, code: str, n: int, person: str) -> DemoSite:
    return DemoSite(
        key=key,
        template="department",
        city="弥勒",
        hostname_label=f"{label}.mile",
        parent="portal",
        fields={
            **_COMMON,
            "name": f"弥勒市{name}",
            "short_name": short,
            "site_type": "department",
            "sponsor": f"弥勒市{name}",
            "person_in_charge": person,
            "person_email": f"{label}@mile.gov.cn",
            "contact_phone": f"0873-61230{n:02d}",
            "site_id_code": f"532504{code}",
            "icp_number": f"滇ICP备05001234号-{n}",
            "psb_number": f"滇公网安备 532504020001{n:02d}号",
            "domain": f"{label}.mile.gov.cn",
            "chinese_domain": f"弥勒市{name}.政务",
        },
    )


DEPARTMENTS = (
    _department("fgj", "发展和改革局", "发改局", "fgj", "0003", 3, "李国强"),
    _department("jtj", "教育体育局", "教体局", "jtj", "0004", 4, "赵文静"),
    _department("wjj", "卫生健康局", "卫健局", "wjj", "0005", 5, "陈志明"),
)

SITES = (PORTAL, DISTRICT, *DEPARTMENTS)

# Columns left stale on purpose (latest item months old), so monitoring has findings (C4, M1).
STALE_COLUMNS = {("portal", "视频新闻"), ("portal", "投资动态"), ("wjj", "工作动态")}
# A column left empty on purpose: it must not appear anywhere on the public pages (C5).
EMPTY_COLUMNS = {("portal", "图片新闻")}
# Columns with more items than the rest: the home page's key news.
BUSY_COLUMNS = {"弥勒要闻": 30, "部门乡镇信息": 12, "工作动态": 8, "通知公告": 5, "公示公告": 6}
