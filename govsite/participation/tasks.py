"""Participation jobs the scheduler runs."""

from govsite.jobs.registry import register


@register("participation.flag_overdue_results", "调查征集结果公布超期检查")
def flag_overdue_results() -> dict:
    """Daily: surveys whose results are not out one month after the end are flagged once (I7, 004 §22)."""
    from .results import flag_overdue_results as flag

    return {"flagged": [survey.pk for survey in flag()]}
