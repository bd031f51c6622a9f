"""Upstream attachments and images stored in the target site's collection, after the same content check
as an editor's upload (X6): a file that is not what its name says, or can run, is refused."""

from __future__ import annotations

import posixpath
from io import BytesIO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions

from govsite.security.upload_rules import check_document, check_image


def file_name(url: str) -> str:
    """The file's name as the upstream address gives it (percent-decoded), e.g. 测试办法.pdf."""
    return posixpath.basename(unquote(urlsplit(url).path)) or "file"


def store_document(collection, url: str, title: str, data: bytes):
    """A Wagtail document in `collection`; Refused (with a Chinese message) when the content check fails."""
    name = file_name(url)
    check_document(name, data, extensions=settings.WAGTAILDOCS_EXTENSIONS,
                   max_bytes=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    document = get_document_model()(title=(title or name)[:255], collection=collection)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def store_image(collection, url: str, title: str, data: bytes):
    """A Wagtail image in `collection`; Refused when it does not decode or is not what its name says."""
    name = file_name(url)
    check_image(name, data, extensions=get_allowed_image_extensions(), max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
                max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS)
    image = get_image_model()(title=(title or name)[:255], collection=collection, file=ImageFile(BytesIO(data), name))
    image.save()
    return image
