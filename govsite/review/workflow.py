"""Each site's review workflow (P3), built from the site's review policy."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .models import ReviewPolicy, ReviewTask, RoleGroup
from .roles import Role


def _task(record, role: Role) -> ReviewTask:
    group = RoleGroup.objects.get(role=role, record=record).group
    task, _created = ReviewTask.objects.get_or_create(
        name=f"{record.name}·{role.label}", defaults={"level": role.value}
    )
    task.groups.set([group])
    return task


@transaction.atomic
def ensure_review_workflow(record) -> Workflow:
    """(Re)build the site's workflow from its policy and attach it to the site's home page."""
    policy, _created = ReviewPolicy.objects.get_or_create(record=record)
    roles = list(policy.level_roles())
    if policy.principal_for_major:
        roles.append(Role.PRINCIPAL)
    workflow, _created = Workflow.objects.get_or_create(name=f"{record.name}审核流程")
    workflow.workflow_tasks.all().delete()
    for order, role in enumerate(roles):
        WorkflowTask.objects.create(workflow=workflow, task=_task(record, role), sort_order=order)
    WorkflowPage.objects.update_or_create(page=record.site.root_page, defaults={"workflow": workflow})
    return workflow


def ensure_emergency_workflow(record) -> Workflow:
    """The site's emergency workflow: a single approval by a leader (终审 or 主要负责人) on duty (P11)."""
    workflow, created = Workflow.objects.get_or_create(name=f"{record.name}应急快速发布")
    if created or not workflow.workflow_tasks.exists():
        task, _created = ReviewTask.objects.get_or_create(
            name=f"{record.name}·值班领导审核", defaults={"level": Role.FINAL_REVIEW.value}
        )
        task.groups.set(
            RoleGroup.objects.filter(record=record, role__in=[Role.FINAL_REVIEW, Role.PRINCIPAL]).values_list(
                "group", flat=True
            )
        )
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def submit_for_review(page, user) -> bool:
    """Start the review of the page's own site (P3); False when its site has no workflow."""
    workflow = page.get_workflow()
    if workflow is None:
        return False
    workflow.start(page, user)
    return True


def create_draft(parent, page, user, *, submit: bool = True) -> bool:
    """Add `page` as a draft under `parent` and, if asked, submit it to review; shared by collection (G1),
    push and co-building (P9). True when the draft awaits review."""
    parent.add_child(instance=page)
    page.save_revision(user=user)
    return submit and submit_for_review(page, user)
