"""Back-office uploads checked by content (X6): the bases of Wagtail's document and image forms.

Settings WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE point here, so the single
upload, the multiple upload (its JSON "add" endpoint), the choosers' upload tabs and the replacement of
an existing file all pass the same check. It runs after Wagtail's own field and model checks and its
refusal replaces theirs (some of which are in English, or blame an empty extension): it names what
the file really is, in Chinese. Files created by the
platform's own code (disclosure replies, reports) are saved without a form and are not checked.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtail.images.utils import get_allowed_image_extensions

from govsite.formguard.refusal import Refused

from .upload_rules import check_document, check_image, check_size


def _content(upload: UploadedFile, limit: int | None) -> bytes:
    """The upload's bytes (one more than the limit shows it is too large), the file left at its start."""
    upload.seek(0)
    data = upload.read(-1 if limit is None else limit + 1)
    upload.seek(0)
    return data


class ContentCheckedUploadForm:
    """Mixin for a Wagtail collection-member form whose `file` field takes an upload."""

    upload_label: str

    def max_upload_bytes(self) -> int | None:
        raise NotImplementedError

    def check_content(self, name: str, data: bytes) -> None:
        """Raise Refused when the bytes may not be stored under this name."""
        raise NotImplementedError

    def full_clean(self) -> None:
        """Wagtail's field and model checks run first; a refusal by content replaces what they said."""
        super().full_clean()
        upload = self.files.get(self.add_prefix("file")) if self.is_bound and "file" in self.fields else None
        if isinstance(upload, UploadedFile):
            self._check_upload(upload)

    def _check_upload(self, upload: UploadedFile) -> None:
        """A file over the limit is refused from its declared size, without being read."""
        limit = self.max_upload_bytes()
        try:
            check_size(upload.name, upload.size, limit, self.upload_label)
            self.check_content(upload.name, _content(upload, limit))
        except Refused as refusal:
            self.errors.pop("file", None)
            self.add_error("file", ValidationError(refusal.message, code=refusal.code))


class CheckedDocumentForm(ContentCheckedUploadForm, BaseDocumentForm):
    """Wagtail's document form, refusing attachments whose bytes are not what their extension says."""

    upload_label = _("附件")

    def max_upload_bytes(self) -> int | None:
        return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE

    def check_content(self, name: str, data: bytes) -> None:
        check_document(
            name, data, extensions=settings.WAGTAILDOCS_EXTENSIONS, max_bytes=self.max_upload_bytes()
        )


class CheckedImageForm(ContentCheckedUploadForm, BaseImageForm):
    """Wagtail's image form, refusing pictures that do not decode or are not what their extension says."""

    upload_label = _("图片")

    def max_upload_bytes(self) -> int | None:
        return settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE

    def check_content(self, name: str, data: bytes) -> None:
        check_image(
            name,
            data,
            extensions=get_allowed_image_extensions(),
            max_bytes=self.max_upload_bytes(),
            max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
        )
