"""Upload checks for public forms (I1): size, real type, safe name; images come back without metadata."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError

from .filetypes import KINDS, CleanUpload, check_size, inspect_upload
from .refusal import Refused

__all__ = ["DEFAULT_KINDS", "CleanUpload", "validate_upload"]

DEFAULT_KINDS = ("pdf", "jpg", "png", "docx", "xlsx")


def _read(file, limit: int) -> bytes:
    """At most `limit` bytes from the start of an uploaded file (or any binary file object)."""
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit)
    return data if isinstance(data, bytes) else b""


def validate_upload(
    file, *, kinds: Collection[str] = DEFAULT_KINDS, max_bytes: int | None = None
) -> CleanUpload:
    """The cleaned file to store (`ContentFile(clean.data, name=clean.name)`), or ValidationError in Chinese.

    The limit defaults to GOVSITE_UPLOAD_MAX_BYTES; a file over it is refused from its declared size,
    without being read.
    """
    unknown = set(kinds) - KINDS.keys()
    if unknown or not kinds:
        raise ValueError(f"unknown upload kinds {sorted(unknown)}; choose from {sorted(KINDS)}")
    limit = max_bytes if max_bytes is not None else settings.GOVSITE_UPLOAD_MAX_BYTES
    name = str(getattr(file, "name", "") or "")
    try:
        declared = getattr(file, "size", None)
        if isinstance(declared, int):
            check_size(name, declared, kinds, limit)
        return inspect_upload(name, _read(file, limit + 1), kinds=kinds, max_bytes=limit)
    except Refused as refusal:
        raise ValidationError(refusal.message, code=refusal.code) from refusal
