"""Admin forms of the security records: uploaded reports checked by their content, and the go-live checklist
as one result and note per check (X8, X9)."""

from __future__ import annotations

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from govsite.formguard.uploads import validate_upload

from .golive_rules import CHECKS, Result, note_problems

DOCUMENT_KINDS = ("pdf", "docx")


class CheckedUploadForm(WagtailAdminModelForm):
    """Files attached to a record are kept only as a clean PDF or DOCX (no macros, scripts or disguises)."""

    def _post_clean(self) -> None:
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if isinstance(field, forms.FileField) and isinstance(value, UploadedFile):
                try:
                    clean = validate_upload(value, kinds=DOCUMENT_KINDS)
                except forms.ValidationError as error:
                    self.add_error(name, error)
                else:
                    self.cleaned_data[name] = ContentFile(clean.data, name=clean.name)
        super()._post_clean()


def result_field(name: str) -> str:
    return f"result_{name}"


def note_field(name: str) -> str:
    return f"note_{name}"


class GoLiveChecklistForm(WagtailAdminModelForm):
    """The checklist of X9 as a result and a note per check, stored together in `checks`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.checks or {}
        for code, _label in CHECKS:
            self.initial.setdefault(result_field(code), stored.get(code, {}).get("result", Result.PENDING))
            self.initial.setdefault(note_field(code), stored.get(code, {}).get("note", ""))

    def clean(self):
        cleaned = super().clean()
        results = {code: (Result(cleaned.get(result_field(code)) or Result.PENDING),
                          cleaned.get(note_field(code), "")) for code, _label in CHECKS}
        for code, message in note_problems(results).items():
            self.add_error(note_field(code), message)
        self.instance.checks = {code: {"result": result.value, "note": note} for code, (result, note)
                                in results.items()}
        return cleaned


def checklist_fields() -> dict[str, forms.Field]:
    """A result and a note field for every check, declared so that panels can place them."""
    choices = [(result.value, _(result.label)) for result in Result]
    fields: dict[str, forms.Field] = {}
    for code, label in CHECKS:
        fields[result_field(code)] = forms.ChoiceField(label=_(label), choices=choices, initial=Result.PENDING.value)
        fields[note_field(code)] = forms.CharField(label=_("说明"), required=False, max_length=300)
    return fields


# Built through the form's metaclass, so the checklist fields count as declared fields.
GoLiveReviewForm = type(GoLiveChecklistForm)("GoLiveReviewForm", (GoLiveChecklistForm,),
                                             {"__module__": __name__, **checklist_fields()})
