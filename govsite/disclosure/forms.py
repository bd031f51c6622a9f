"""The public forms of 依申请公开 (I9): the online application and the hidden form that fetches the reply."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from govsite.formguard.forms import GuardedFormMixin, PublicTextField
from govsite.interaction.forms import PersonalDataForm

from . import rules
from .models import InformationRequest
from .requests import Applicant
from .rules import ApplicantType

ORGANISATION = "organisation"
Delivery = InformationRequest.Delivery
# What each kind of applicant must fill in besides the common fields (条例 Art. 29: name and proof of identity).
PERSON_FIELDS = ("person_name", "id_number")
ORGANISATION_FIELDS = ("organisation_type", "organisation_name", "unit_code", "legal_representative",
                       "contact_person")
# A delivery by e-mail or post needs the address it goes to.
DELIVERY_FIELDS = {Delivery.EMAIL: "email", Delivery.POST: "address"}


def _missing(field: forms.Field) -> str:
    """The message of a field the chosen kind of applicant (or delivery) has to fill in."""
    message = _("请选择%(label)s") if isinstance(field, forms.ChoiceField) else _("请填写%(label)s")
    return message % {"label": field.label}


class ApplicationForm(GuardedFormMixin, PersonalDataForm):
    """政府信息公开申请表: who applies, how to reach them, what they ask for; personal data is encrypted (X7)."""

    applicant = forms.ChoiceField(label=_("申请人类型"), widget=forms.RadioSelect, initial=ApplicantType.NATURAL_PERSON,
                                  choices=[(ApplicantType.NATURAL_PERSON.value, _("自然人")),
                                           (ORGANISATION, _("法人或其他组织"))])
    organisation_type = forms.ChoiceField(
        label=_("组织类别"), required=False, help_text=_("法人或其他组织申请时选择"),
        choices=[("", _("请选择")), *((t.value, _(t.label)) for t in ApplicantType if t.is_organisation)])
    person_name = PublicTextField(label=_("姓名"), max_length=30, required=False, help_text=_("自然人申请时填写"))
    id_number = forms.CharField(label=_("身份证件号码"), max_length=18, required=False,
                                help_text=_("自然人申请时填写居民身份证号码"))
    organisation_name = PublicTextField(label=_("名称"), max_length=100, required=False,
                                        help_text=_("法人或其他组织申请时填写"))
    unit_code = forms.CharField(label=_("统一社会信用代码"), max_length=20, required=False,
                                help_text=_("法人或其他组织申请时填写"))
    legal_representative = PublicTextField(label=_("法定代表人或负责人"), max_length=30, required=False,
                                           help_text=_("法人或其他组织申请时填写"))
    contact_person = PublicTextField(label=_("联系人"), max_length=30, required=False,
                                     help_text=_("法人或其他组织申请时填写"))
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    email = forms.EmailField(label=_("电子邮箱"), max_length=100, required=False,
                             help_text=_("选择电子邮件方式获取信息时必填；补正通知、延期告知和答复书也会发送到该邮箱"))
    address = PublicTextField(label=_("通信地址"), max_length=200, required=False,
                              help_text=_("选择邮寄方式获取信息时必填"))
    description = PublicTextField(label=_("所需政府信息的名称、文号或描述"), min_length=10, max_length=2000,
                                  widget=forms.Textarea,
                                  help_text=_("请写明信息的名称、文号或便于查询的其他特征性描述，10至2000字"))
    purpose = PublicTextField(label=_("所需信息的用途"), max_length=500, required=False, widget=forms.Textarea)
    delivery = forms.ChoiceField(label=_("获取信息的方式"), choices=Delivery.choices, initial=Delivery.ONLINE,
                                 widget=forms.RadioSelect)
    field_order = ["applicant", "organisation_type", "person_name", "id_number", "organisation_name", "unit_code",
                   "legal_representative", "contact_person", "phone", "email", "address", "description", "purpose",
                   "delivery", "consent"]

    def clean_unit_code(self) -> str:
        code = self.cleaned_data["unit_code"].strip().upper()
        error = rules.unit_code_error(code) if code else None
        if error:
            raise ValidationError(_(error))
        return code

    def clean(self):
        """The fields of the chosen kind of applicant, and the address the chosen delivery needs."""
        cleaned = super().clean()
        needed = ORGANISATION_FIELDS if cleaned.get("applicant") == ORGANISATION else PERSON_FIELDS
        for name in (*needed, DELIVERY_FIELDS.get(cleaned.get("delivery"), "")):
            if name and name not in self.errors and not cleaned.get(name):
                self.add_error(name, _missing(self.fields[name]))
        return cleaned

    @property
    def applicant_type(self) -> ApplicantType:
        data = self.cleaned_data
        return ApplicantType(data["organisation_type"] if data["applicant"] == ORGANISATION else data["applicant"])

    def to_applicant(self) -> Applicant:
        """The applicant as the service stores them: the fields of the other kind are left out."""
        data, kind = self.cleaned_data, self.applicant_type
        if not kind.is_organisation:
            return Applicant(kind, data["person_name"], data["phone"], id_number=data["id_number"],
                             email=data["email"], address=data["address"])
        return Applicant(kind, data["organisation_name"], data["phone"], id_number=data["unit_code"],
                         legal_representative=data["legal_representative"], contact_person=data["contact_person"],
                         email=data["email"], address=data["address"])


class ReplyDownloadForm(forms.Form):
    """The status page's download button sends the code and password again; no second captcha."""

    query_code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    password = forms.CharField(max_length=20, widget=forms.HiddenInput)
