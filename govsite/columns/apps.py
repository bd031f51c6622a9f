from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "govsite.columns"
    label = "columns"
    verbose_name = "栏目"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .navigation import bump_content_version

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_content_version, dispatch_uid=f"govsite.columns.version.{id(signal)}")
        post_delete.connect(bump_content_version, sender=Page, dispatch_uid="govsite.columns.version.delete")
