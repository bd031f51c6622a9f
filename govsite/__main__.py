"""The `govsite` command: every Django management command, with the project's settings."""

import os
import sys


def main() -> None:
    """Run a management command (`govsite migrate`, `govsite sites list --json`, …)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
