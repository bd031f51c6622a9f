"""The data set editor: the uploaded file is parsed against the field dictionary before anything is saved."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import rules


class DataSetPageForm(WagtailAdminPageForm):
    data_file = forms.FileField(
        label=_("数据文件"),
        required=False,
        help_text=_(
            "CSV（UTF-8 或 GBK 编码）或 XLSX，第一行为表头，须与字段说明的名称和顺序一致；"
            "上传后替换现有数据。最大 10 MB、20000 行。"
        ),
    )

    def submitted_fields(self) -> list[rules.FieldSpec] | None:
        """The field dictionary as submitted (deleted entries left out, in the editor's order); None if invalid."""
        formset = self.formsets.get("data_fields")
        if formset is None or not formset.is_valid():
            return None
        kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        kept.sort(key=lambda f: f.cleaned_data.get("ORDER") or 0)
        return [
            rules.FieldSpec(d["name"].strip(), rules.FieldType(d["field_type"]), d.get("unit", ""),
                            d.get("description", ""))
            for d in (f.cleaned_data for f in kept)
        ]

    def clean(self):
        cleaned = super().clean()
        fields = self.submitted_fields()
        if fields is None:
            return cleaned
        names = [f.name for f in fields]
        if len(set(names)) != len(names):
            self.add_error(None, _("字段说明中的字段名称不能重复"))
            return cleaned
        self._take_rows(cleaned.get("data_file"), fields)
        if cleaned.get("chart_type"):
            for message in rules.check_chart(
                fields, cleaned.get("chart_category", ""), rules.split_names(cleaned.get("chart_values", ""))
            ):
                self.add_error("chart_values", message)
        return cleaned

    def _take_rows(self, upload, fields: list[rules.FieldSpec]) -> None:
        """A new file replaces the rows; without one, the stored rows are checked again against the dictionary."""
        if upload:
            # Reading one byte past the limit is enough to refuse an oversized file without holding all of it.
            if self._store_rows(upload.name, lambda: rules.parse_data_file(
                    upload.name, upload.read(rules.MAX_BYTES + 1), fields)):
                self.cleaned_data["data_updated_at"] = timezone.localdate()
        elif self.instance.rows:
            header = [f.name for f in fields]
            self._store_rows("", lambda: rules.parse_rows([header, *self.instance.rows], fields))
        else:
            self.add_error("data_file", _("请上传数据文件"))

    def _store_rows(self, filename: str, parse) -> bool:
        """Put the parsed rows on the instance, or the located errors on the form (nothing is kept)."""
        try:
            rows = parse()
        except rules.DataFileError as error:
            lead = [] if filename else [_("已上传的数据与字段说明不符，请修改字段说明或重新上传数据文件：")]
            self.add_error("data_file", ValidationError([*lead, *error.messages]))
            return False
        self.instance.rows, self.instance.row_count = rows, len(rows)
        return True
