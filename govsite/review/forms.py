"""Forms of the review actions: a reason to reject, the confidentiality checklist at 初审 (P5, P7)."""

from django import forms
from django.utils.translation import gettext_lazy as _

# P5 / P7: what the first reviewer confirms before an item goes on (000 5.1.1; 003 §6, §38).
CONFIDENTIALITY_CHECKLIST = (
    ("confirm_no_state_secret", _("不含国家秘密和工作秘密")),
    ("confirm_no_privacy", _("不含个人隐私信息")),
    ("confirm_no_commercial_secret", _("不含商业秘密")),
    ("confirm_source_legal", _("转载内容已核实来源，合法合规")),
    ("confirm_matches_original", _("与来源单位原稿一致")),
)


class ApprovalForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea, required=False)


class RejectionForm(forms.Form):
    comment = forms.CharField(label=_("退回理由"), widget=forms.Textarea, required=True,
                              error_messages={"required": _("退回须填写理由")})


class ConfidentialityApprovalForm(ApprovalForm):
    """初审 approval: every checklist item must be confirmed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CONFIDENTIALITY_CHECKLIST:
            self.fields[name] = forms.BooleanField(
                label=label, required=True, error_messages={"required": _("保密审查须逐项确认")}
            )
        self.order_fields([name for name, _label in CONFIDENTIALITY_CHECKLIST] + ["comment"])

