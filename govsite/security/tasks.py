"""The key rotation as a registered job (X7): progress on the job page and the CLI bar, safe to re-run."""

from __future__ import annotations

from govsite.jobs.registry import register

from . import rotation


@register("security.rotate_data_keys", "轮换数据密钥并重新加密")
def rotate_data_keys(batch_size: int = rotation.BATCH_SIZE) -> dict:
    """Every encrypted value moves to a new data key while readers keep working; drained keys are retired."""
    return rotation.rotate_data_keys(batch_size).as_dict()
