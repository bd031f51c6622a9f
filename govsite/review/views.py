"""Admin views of the review app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from wagtail.log_actions import log
from wagtail.models import Page

from .exports import review_docx, review_xlsx

FORMATS = {
    "xlsx": (review_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (review_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def export_review_record(request, page_id: int, fmt: str):
    """Download an item's 审核记录; the export itself is logged (X1)."""
    if fmt not in FORMATS:
        raise Http404
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit() and not request.user.has_perm(
        "wagtailadmin.access_admin"
    ):
        raise PermissionDenied
    build, content_type = FORMATS[fmt]
    log(page, "govsite.review.export", user=request.user, data={"format": fmt})
    response = HttpResponse(build(page), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="review-{page.pk}.{fmt}"'
    return response
