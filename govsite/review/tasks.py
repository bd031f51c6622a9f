"""Review jobs the scheduler runs."""

from govsite.jobs.registry import register


@register("review.escalate_emergencies", "突发事件首发超时督办")
def escalate_emergencies() -> dict:
    """Escalate every emergency past its first-release deadline, once (P11)."""
    from .emergency import escalate_overdue

    return {"escalated": [event.pk for event in escalate_overdue()]}
