"""The Content Security Policies in Debian's chromium (X11): the public pages break no rule of the strict
policy, the Wagtail admin none of its looser one.

Measured when the policies were set: under the strict policy the admin's page explorer, page editor and
survey form report 22 refusals on 12 pages (inline scripts, and inline styles in the editors); under
ADMIN_CSP none of its 197 argument-free views reports one.
"""

from __future__ import annotations

CSP_REFUSAL = "Content Security Policy"
PUBLIC_PATHS = ("/", "/hudong/xiexin/", "/hudong/chaxun/", "/xxgk/ysq/")
ADMIN_PATHS = (
    "/admin/", "/admin/pages/", "/admin/images/add/", "/admin/images/multiple/add/", "/admin/documents/multiple/add/",
    "/admin/users/new/", "/admin/job_schedules/new/", "/admin/workdays_days/new/", "/admin/site_records/new/",
    "/admin/participation_surveys/new/", "/admin/monitoring/", "/admin/audit_log/",
)


def refusals(page, url: str) -> list[str]:
    """The CSP refusals chromium reports while it loads `url` and runs its scripts."""
    messages: list[str] = []

    def listen(message) -> None:
        messages.append(message.text)

    page.on("console", listen)
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("console", listen)
    return [f"{url}: {message}" for message in messages if CSP_REFUSAL in message]


def public_pages_and_the_admin_break_no_content_security_policy(url: str, page) -> None:
    """A citizen's pages under the strict policy; the admin, the page editor too, under its own.

    The page is still signed in as the portal office (printed_login_opens_the_chinese_admin), made a
    superuser here so that every admin page opens.
    """
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from govsite.content.models import ArticlePage

    portal = Site.objects.get(is_default_site=True).root_page
    article = ArticlePage.objects.live().descendant_of(portal).first()
    _site, _root, article_path = article.get_url_parts()
    found = [refusal for path in (*PUBLIC_PATHS, article_path) for refusal in refusals(page, url + path)]
    get_user_model().objects.filter(username="portal_office").update(is_superuser=True)
    editor = f"/admin/pages/{article.pk}/edit/"
    found += [refusal for path in (*ADMIN_PATHS, editor) for refusal in refusals(page, url + path)]
    assert page.locator("form#page-edit-form").count() == 1  # the editor did open: the session still holds
    assert found == []
