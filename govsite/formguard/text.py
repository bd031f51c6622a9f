"""The one cleaning step every public text field goes through (I1): tidy, then check the length."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .hygiene import check_length, tidy_text
from .refusal import Refused


def clean_public_text(value: str, *, max_length: int, label: str = "", required: bool = True) -> str:
    """The tidied text, or ValidationError with a Chinese message (also when nothing visible is left)."""
    name = label or _("内容")
    try:
        text = tidy_text(value)
        check_length(text, max_length, name)
    except Refused as refusal:
        raise ValidationError(refusal.message, code=refusal.code) from refusal
    if required and not text:
        raise ValidationError(_("请填写%(label)s") % {"label": name}, code="required")
    return text
