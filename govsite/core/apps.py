from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "govsite.core"
    label = "govsite_core"
    verbose_name = "公共页面"

    def ready(self) -> None:
        from .setup import prepare_platform

        # After the last app with models has migrated, every permission the role groups need exists.
        last_app = [app for app in apps.get_app_configs() if app.models_module][-1]
        post_migrate.connect(prepare_platform, sender=last_app, dispatch_uid="govsite.prepare_platform")
