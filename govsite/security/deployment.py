"""What `govsite check-deploy` reads (X11): the settings, Django's checks with the deployment ones, and the
database; the rules that judge them are in the pure modules deploy.py and deploy_messages.py."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import ERROR as DJANGO_ERROR
from django.core.checks import INFO, run_checks
from django.db import DatabaseError
from django_otp import user_has_device
from wagtail.models import Site

from govsite.jobs.models import Schedule
from govsite.registry.models import SiteRecord

from .deploy import (
    ERROR,
    SETTING_NAMES,
    DatabaseFacts,
    Finding,
    check_database,
    check_settings,
    database_unreadable,
    is_default_account,
    shared_hosts,
    without_silenced,
)
from .deploy_messages import from_django

# The daily backup job (X6), checked by name: the backup app registers it.
BACKUP_TASK = "backup.daily"


def setting_values() -> dict:
    """The settings the rules read; an unset one is left out, so the rule applies Django's default."""
    return {name: getattr(settings, name) for name in SETTING_NAMES if hasattr(settings, name)}


def django_findings() -> list[Finding]:
    """Every system check with Django's deployment checks (`check --deploy`), as findings."""
    messages = [message for message in run_checks(include_deployment_checks=True) if message.level > INFO]
    findings = [from_django(m.id or "", m.level >= DJANGO_ERROR, str(m.msg), m.hint) for m in messages]
    return [finding for finding in findings if finding is not None]


def database_facts() -> DatabaseFacts:
    """Accounts, second factors, the backup schedule and the hosts the public sites are served on."""
    active = get_user_model().objects.filter(is_active=True)
    names = active.values_list(get_user_model().USERNAME_FIELD, flat=True)
    public_hosts = [*Site.objects.values_list("hostname", flat=True), *SiteRecord.objects.values_list("domain", flat=True)]
    return DatabaseFacts(
        default_accounts=tuple(sorted(name for name in names if is_default_account(name))),
        superusers_without_device=tuple(sorted(
            user.get_username() for user in active.filter(is_superuser=True) if not user_has_device(user))),
        backup_scheduled=Schedule.objects.filter(task_name=BACKUP_TASK, enabled=True).exists(),
        hosts_shared_with_public=shared_hosts(urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "", public_hosts),
    )


def deployment_findings() -> list[Finding]:
    """Everything unsafe about this deployment, errors first, without the codes it has silenced."""
    findings = check_settings(setting_values()) + django_findings()
    try:
        findings += check_database(database_facts())
    except DatabaseError as error:
        findings.append(database_unreadable(str(error)))
    kept = without_silenced(findings, settings.SILENCED_SYSTEM_CHECKS)
    return sorted(kept, key=lambda finding: finding.level != ERROR)
