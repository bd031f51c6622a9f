"""Push and co-building in the audit log (P9, X1): action codes and their labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PUSH = "govsite.sharing.push"
PROPAGATE = "govsite.sharing.propagate"
CONTRIBUTE = "govsite.sharing.contribute"
CONTRIBUTE_REFUSED = "govsite.sharing.contribute_refused"

ACTION_LABELS = {
    PUSH: _("推送信息到其他网站栏目"),
    PROPAGATE: _("原信息更新，推送副本提交审核"),
    CONTRIBUTE: _("向共建栏目报送信息"),
    CONTRIBUTE_REFUSED: _("非共建单位报送被拒绝"),
}
