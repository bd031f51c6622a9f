from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "govsite.jobs"
    label = "jobs"
    verbose_name = "后台任务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Link queued runs to their queue entries, and import every app's `tasks.py` so its jobs register."""
        from django_tasks.signals import task_enqueued

        from .runs import link_result

        task_enqueued.connect(link_result, dispatch_uid="jobs.link_result")
        autodiscover_modules("tasks")
