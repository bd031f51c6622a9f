"""Shared pieces of the `govsite` commands: JSON output and Chinese error reporting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


def validation_message(error: ValidationError) -> str:
    """All messages of a ValidationError, one per line, with the field's name."""
    if hasattr(error, "message_dict"):
        return "\n".join(
            f"{field}: {msg}" if field != "__all__" else msg
            for field, messages in error.message_dict.items()
            for msg in messages
        )
    return "\n".join(error.messages)


class JsonCommand(BaseCommand):
    """A command that speaks `--json` for automation and plain Chinese text for people."""

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def emit(self, options, data, text: str) -> None:
        if options.get("json"):
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(text)

    def fail(self, error: ValidationError | str) -> CommandError:
        message = validation_message(error) if isinstance(error, ValidationError) else error
        return CommandError(message)

    def site_record(self, key: str):
        """The registered site whose host name or domain is `key`, refused in Chinese when there is none."""
        from govsite.registry.management.commands.sites import find_record

        try:
            return find_record(key)
        except ValidationError as error:
            raise self.fail(error) from None

    @contextmanager
    def acting_user(self, options) -> Iterator:
        """The `--user` of the command, the actor of everything audited inside the block; an unknown name refused."""
        from govsite.audit.context import acting_as
        from govsite.registry.management.commands.sites import find_user

        try:
            user = find_user(options.get("user"))
        except ValidationError as error:
            raise self.fail(error) from error
        with acting_as(user):
            yield user
