"""The action codes the platform records itself, with the Chinese label an auditor reads (X1)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import registry as log_registry

LOGIN = "govsite.login"
LOGOUT = "govsite.logout"
LOGIN_FAILED = "govsite.login_failed"
USER_CREATE = "govsite.user.create"
USER_CHANGE = "govsite.user.change"
USER_DELETE = "govsite.user.delete"
GROUP_CREATE = "govsite.group.create"
GROUP_CHANGE = "govsite.group.change"
GROUP_DELETE = "govsite.group.delete"
USER_GROUPS_ADD = "govsite.user.groups.add"
USER_GROUPS_REMOVE = "govsite.user.groups.remove"
USER_PERMISSIONS_ADD = "govsite.user.permissions.add"
USER_PERMISSIONS_REMOVE = "govsite.user.permissions.remove"
GROUP_PERMISSIONS_ADD = "govsite.group.permissions.add"
GROUP_PERMISSIONS_REMOVE = "govsite.group.permissions.remove"
PAGE_PERMISSION_GRANT = "govsite.page_permission.grant"
PAGE_PERMISSION_CHANGE = "govsite.page_permission.change"
PAGE_PERMISSION_REVOKE = "govsite.page_permission.revoke"
COLLECTION_PERMISSION_GRANT = "govsite.collection_permission.grant"
COLLECTION_PERMISSION_CHANGE = "govsite.collection_permission.change"
COLLECTION_PERMISSION_REVOKE = "govsite.collection_permission.revoke"
JOB = "govsite.job"
EXPORT = "govsite.export"
ARCHIVE = "govsite.audit.archive"

ACTION_LABELS = {
    LOGIN: _("登录"),
    LOGOUT: _("退出登录"),
    LOGIN_FAILED: _("登录失败"),
    USER_CREATE: _("新建用户"),
    USER_CHANGE: _("修改用户"),
    USER_DELETE: _("删除用户"),
    GROUP_CREATE: _("新建用户组"),
    GROUP_CHANGE: _("修改用户组"),
    GROUP_DELETE: _("删除用户组"),
    USER_GROUPS_ADD: _("加入用户组"),
    USER_GROUPS_REMOVE: _("移出用户组"),
    USER_PERMISSIONS_ADD: _("授予用户权限"),
    USER_PERMISSIONS_REMOVE: _("撤销用户权限"),
    GROUP_PERMISSIONS_ADD: _("授予用户组权限"),
    GROUP_PERMISSIONS_REMOVE: _("撤销用户组权限"),
    PAGE_PERMISSION_GRANT: _("授予页面权限"),
    PAGE_PERMISSION_CHANGE: _("修改页面权限"),
    PAGE_PERMISSION_REVOKE: _("撤销页面权限"),
    COLLECTION_PERMISSION_GRANT: _("授予附件图片集合权限"),
    COLLECTION_PERMISSION_CHANGE: _("修改附件图片集合权限"),
    COLLECTION_PERMISSION_REVOKE: _("撤销附件图片集合权限"),
    JOB: _("后台任务"),
    EXPORT: _("导出数据"),
    ARCHIVE: _("归档审计日志"),
}


def action_label(action: str) -> str:
    """The Chinese label of an action code: ours, then Wagtail's registered one, else the code."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    if log_registry.action_exists(action):
        return str(log_registry.get_action_label(action))
    return action
