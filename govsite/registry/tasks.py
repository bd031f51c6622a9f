"""Registry jobs the scheduler runs."""

from govsite.jobs.registry import register


@register("registry.escalate_outages", "不可抗力中断超过72小时转为临时下线")
def escalate_outages() -> dict:
    """S4: a force-majeure outage over 72 hours becomes a temporary offline."""
    from .lifecycle import escalate_outages as escalate

    return {"escalated": [downtime.pk for downtime in escalate()]}
