from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class ReviewConfig(AppConfig):
    default = True  # apps.py also holds the users app's config
    name = "govsite.review"
    label = "review"
    verbose_name = "审核与角色"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from .duties import guard_group_assignment

        m2m_changed.connect(
            guard_group_assignment, sender=get_user_model().groups.through, dispatch_uid="govsite.duties"
        )
        from wagtail.signals import page_published

        from .emergency import mark_first_release

        page_published.connect(mark_first_release, dispatch_uid="govsite.emergency.first_release")


class GovUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with separation-of-duties checks and offboarding."""

    user_viewset = "govsite.review.users.GovUserViewSet"
