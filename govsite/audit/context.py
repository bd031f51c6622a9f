"""Who is acting right now, so signal handlers can attribute what they record (X1)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class AuditContext:
    """The acting user (read late, since login replaces `request.user`) and the client's IP."""

    get_user: Callable[[], Any]
    ip: str | None


_current: ContextVar[AuditContext | None] = ContextVar("govsite_audit_context", default=None)


@contextmanager
def audit_context(get_user: Callable[[], Any], ip: str | None = None) -> Iterator[None]:
    """Attribute everything recorded inside the block to this user and IP."""
    token = _current.set(AuditContext(get_user, ip))
    try:
        yield
    finally:
        _current.reset(token)


def acting_as(user, ip: str | None = None):
    """For commands and jobs: attribute what happens inside the block to `user`."""
    return audit_context(lambda: user, ip)


def client_ip(request: HttpRequest | None) -> str | None:
    """The peer address Django saw; a proxy's forwarded header is not trusted here."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


def current_actor():
    """The authenticated user of the current request or `acting_as` block, if any."""
    context = _current.get()
    user = context.get_user() if context else None
    return user if user is not None and user.is_authenticated else None


def current_ip() -> str | None:
    """The client IP of the current request or `acting_as` block, if any."""
    context = _current.get()
    return context.ip if context else None
