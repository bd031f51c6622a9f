"""Publishing a generated report (annual disclosure report, monitoring reports) as an ordinary item: the
report as the page's body and its Word version attached, in one step the decision-maker takes."""

from __future__ import annotations

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from .models import ArticlePage, ContentAttachment


def word_document(title: str, filename: str, data: bytes, collection=None):
    """A DOCX stored as a document of `collection` (the site's own), for an attachment list."""
    document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def publish_report(column, page: ArticlePage | None, *, title: str, source: str, body: str, document,
                   user) -> ArticlePage:
    """Create the report's page in `column` (or update `page`), attach its Word version and publish it."""
    page = page.specific if page is not None else ArticlePage(owner=user)
    page.title, page.kind, page.source = title, ArticlePage.Kind.NOTICE, source
    page.summary, page.body = title, body
    page.attachments = [ContentAttachment(document=document)]
    if page.pk is None:
        column.add_child(instance=page)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)  # the decision-maker's step
    return page
