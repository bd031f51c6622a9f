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


def override_content_check(request, page_id: int):
    """A 终审 reviewer of the item's site lets its current text through despite blocking findings (P6)."""
    from django import forms as django_forms
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.template.response import TemplateResponse

    from .contentcheck import blocking_summary, check_item
    from .models import ContentCheckOverride, RoleGroup
    from .roles import Role

    page = get_object_or_404(Page, pk=page_id).specific
    site = page.get_site()
    if not RoleGroup.objects.filter(
        role=Role.FINAL_REVIEW, record__site=site, group__user=request.user
    ).exists():
        raise PermissionDenied
    revision = page.get_latest_revision()
    findings = check_item(revision.as_object())
    form = django_forms.Form(request.POST or None)
    form.fields["reason"] = django_forms.CharField(label="放行理由", widget=django_forms.Textarea)
    if request.method == "POST" and form.is_valid() and any(f.blocking for f in findings):
        ContentCheckOverride.objects.update_or_create(revision=revision, defaults={
            "reason": form.cleaned_data["reason"], "findings": blocking_summary(findings, 50),
            "decided_by": request.user})
        log(page, "govsite.review.override", user=request.user, data={"reason": form.cleaned_data["reason"]})
        messages.success(request, "已记录内容检查放行理由，本版本可继续审核")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "review/override.html", {"page": page, "form": form, "findings": findings})
