"""办事服务."""
from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "govsite.services"
    label = "services"
    verbose_name = "办事服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """The catalogue's static file follows its guides and figures."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from .models import ServiceGuidePage, ServiceStatistic
        from .signals import on_guide_changed, on_statistic_changed

        page_published.connect(on_guide_changed, sender=ServiceGuidePage, dispatch_uid="services.guide.published")
        page_unpublished.connect(on_guide_changed, sender=ServiceGuidePage, dispatch_uid="services.guide.unpublished")
        post_save.connect(on_statistic_changed, sender=ServiceStatistic, dispatch_uid="services.stat.saved")
        post_delete.connect(on_statistic_changed, sender=ServiceStatistic, dispatch_uid="services.stat.deleted")
