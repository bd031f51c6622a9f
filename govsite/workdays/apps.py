"""The working-day calendar: holidays and adjusted working days (调休) for every deadline (I3, I10, M4)."""

from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "govsite.workdays"
    label = "workdays"
    verbose_name = "工作日历"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Rebuild the cached calendar and tell other apps whenever an administrator changes it."""
        from .service import connect_signals

        connect_signals()
