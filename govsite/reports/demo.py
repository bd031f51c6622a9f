"""Demo annual website report (R1): the portal's report on last year, filled in and published on its site."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .models import WebsiteReport
from .website import publish_checked

if TYPE_CHECKING:
    from govsite.registry.models import SiteRecord

HAND_VALUES = {
    "media_commentaries": 6, "registered_users": 18240, "smart_qa": True, "security_officer": True,
    "new_media": True, "weibo_name": "@弥勒发布", "weibo_posts": 1260, "weibo_followers": 53000,
    "wechat_name": "弥勒发布", "wechat_posts": 980, "wechat_subscribers": 126000, "new_media_other": "无",
    "search_service": "站内搜索支持中文分词，可直接检索办事指南", "multilingual": "无",
    "accessibility": "提供无障碍浏览（跳转链接、语义化页面）", "personalised": "无", "innovation_other": "无",
    "unit_head": "李明", "reviewer": "王芳", "filled_by": "张伟", "phone": "0873-6123456",
}


def load_demo(records: dict[str, SiteRecord], now: dt.datetime) -> int:
    """Fill in and publish the portal's report on the year before `now`; that year."""
    year = now.year - 1
    filled_on = dt.date(now.year, 1, 15).isoformat()
    WebsiteReport.objects.create(record=records["portal"], year=year,
                                 hand_values={**HAND_VALUES, "filled_on": filled_on})
    publish_checked(records["portal"], year, None)
    return year
