"""The key operations' labels in the audit log (X1, X7)."""

from wagtail import hooks

from .events import ACTION_LABELS


@hooks.register("register_log_actions")
def register_key_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, label, label)
