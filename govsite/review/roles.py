"""The platform's roles (P4, X1) and the permissions each one is given; no Django import."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SYSTEM_ADMIN = "system_admin"
    AUDITOR = "auditor"
    PORTAL_OFFICE = "portal_office"
    EDITOR = "editor"
    FIRST_REVIEW = "first_review"
    SECOND_REVIEW = "second_review"
    FINAL_REVIEW = "final_review"
    PRINCIPAL = "principal"
    HOTLINE = "hotline"
    LETTER_HANDLER = "letter_handler"
    LETTER_APPROVER = "letter_approver"
    DISCLOSURE_HANDLER = "disclosure_handler"
    DISCLOSURE_HEAD = "disclosure_head"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def per_site(self) -> bool:
        """Unit roles are scoped to one site; platform roles span all sites."""
        return self in UNIT_ROLES


ROLE_LABELS = {
    Role.SYSTEM_ADMIN: "系统管理员",
    Role.AUDITOR: "安全审计员",
    Role.PORTAL_OFFICE: "网站主管",
    Role.EDITOR: "内容编辑",
    Role.FIRST_REVIEW: "初审",
    Role.SECOND_REVIEW: "复审",
    Role.FINAL_REVIEW: "终审",
    Role.PRINCIPAL: "主要负责人",
    Role.HOTLINE: "热线中心",
    Role.LETTER_HANDLER: "信件办理",
    Role.LETTER_APPROVER: "答复审核",
    Role.DISCLOSURE_HANDLER: "依申请公开办理",
    Role.DISCLOSURE_HEAD: "信息公开负责人",
}

PLATFORM_ROLES = (Role.SYSTEM_ADMIN, Role.AUDITOR, Role.PORTAL_OFFICE, Role.HOTLINE)
UNIT_ROLES = (
    Role.EDITOR, Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW, Role.PRINCIPAL,
    Role.LETTER_HANDLER, Role.LETTER_APPROVER, Role.DISCLOSURE_HANDLER, Role.DISCLOSURE_HEAD,
)
EDITING_ROLES = frozenset({Role.EDITOR})
REVIEWING_ROLES = frozenset({Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW, Role.PRINCIPAL})
# Letters (I2, I4): the unit's handler drafts a reply, its leader approves it; never one person for both.
LETTER_DRAFTING_ROLES = frozenset({Role.LETTER_HANDLER})
LETTER_APPROVING_ROLES = frozenset({Role.LETTER_APPROVER})
LETTER_ROLES = frozenset({Role.HOTLINE}) | LETTER_DRAFTING_ROLES | LETTER_APPROVING_ROLES
# Disclosure (I9, R2): the office's staff handle requests and draft the report; its head approves
# extensions, signs replies and publishes the report (条例 Art. 33).
DISCLOSURE_ROLES = frozenset({Role.DISCLOSURE_HANDLER, Role.DISCLOSURE_HEAD})
# The review levels in the order an item passes them (P3: 初审, 复审, 终审; 主要负责人 for major items).
REVIEW_LEVELS = (Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW)

# Security records (X8, X9): added and changed, never deleted, so the register stays whole.
INCIDENT_MODELS = ("incident", "drill", "training", "golivereview")
INCIDENT_RECORDS = tuple(f"incidents.{verb}_{model}" for verb in ("add", "change", "view") for model in INCIDENT_MODELS)

# Collection (G1, P8): the office configures sources and oversees every repost; editors see their sites' items.
COLLECTOR_SETUP = (
    *(f"collector.{verb}_collectionsource" for verb in ("add", "change", "delete", "view")),
    "collector.view_collectionrun",
    "collector.view_collecteditem",
)

# Every reviewer, at any level: the pushes their site received (P9, limited in sharing's listing to their own
# sites), their site's visit statistics and its annual website report (R1).
REVIEWER_PERMISSIONS = ("wagtailadmin.access_admin", "sharing.view_pusheditem", "reports.view_websitereport",
                        "analytics.view_statistics")

# Model permissions ("app_label.codename") each role holds; page permissions are per site.
MODEL_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.SYSTEM_ADMIN: (
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.change_group",
        "jobs.view_jobrun",
        "jobs.rerun_jobrun",
        "jobs.add_schedule",
        "jobs.change_schedule",
        "jobs.delete_schedule",
        "jobs.view_schedule",
        "publishing.view_tamperincident",
        "security.view_datakey",
        # Accounts (X2, X5): lift lockouts, freeze accounts, handle a leaked one.
        "accounts.view_accountstate",
        "accounts.freeze_account",
        # Backups (X6): every daily backup and its restore check, read only.
        "backup.view_backuprecord",
        *INCIDENT_RECORDS,
        # The data interface (G2): each unit's systems and their tokens; the library they read.
        *(f"library.{verb}_apiclient" for verb in ("add", "change", "delete", "view")),
        "library.view_libraryrecord",
        # Working-day calendar: holidays and 调休 days, each year confirmed complete (I3).
        *(f"workdays.{verb}_{model}" for verb in ("add", "change", "delete", "view")
          for model in ("specialday", "calendaryear")),
    ),
    Role.AUDITOR: ("wagtailadmin.access_admin", "audit.view_auditentry", "jobs.view_jobrun",
                   *(f"incidents.view_{model}" for model in INCIDENT_MODELS)),
    Role.PORTAL_OFFICE: (
        "wagtailadmin.access_admin",
        # X8, X9: the office on emergency duty (004 §24) keeps incidents, drills, training, go-live reviews.
        *INCIDENT_RECORDS,
        *COLLECTOR_SETUP,
        "library.view_libraryrecord",
        "library.view_apiclient",
        # Library items shown in another site's column without copying them (P10).
        *(f"library.{verb}_columnfeed" for verb in ("add", "change", "delete", "view")),
        # Push and co-building (P9): oversees every push; names the units that co-build a column.
        "sharing.view_pusheditem",
        *(f"sharing.{verb}_cobuiltcolumn" for verb in ("add", "change", "delete", "view")),
        "columns.change_column_structure",
        "columns.view_columnchangerequest",
        "columns.change_columnchangerequest",
        "registry.add_siterecord",
        "registry.change_siterecord",
        "registry.view_siterecord",
        "review.add_reviewpolicy",
        "review.change_reviewpolicy",
        "review.view_reviewpolicy",
        "jobs.view_jobrun",
        "jobs.rerun_jobrun",
        "jobs.view_schedule",
        "publishing.view_tamperincident",
        "publishing.change_tamperincident",
        "review.add_emergencyevent",
        "review.view_emergencyevent",
        *(f"textcheck.{verb}_{model}" for verb in ("add", "change", "delete", "view")
          for model in ("lexiconentry", "whitelistentry", "leader", "typopair")),
        # Participation (I7, I8, I11): oversees every site's; registers suggestions and proposals.
        *(f"participation.{verb}_{model}" for verb in ("change", "view")
          for model in ("survey", "interview", "interviewquestion", "submission")),
        *(f"participation.{verb}_proposal" for verb in ("add", "change", "delete", "view")),
        "workdays.view_specialday",
        "workdays.view_calendaryear",
        # Letters (I3): the deadline profile of each site; the knowledge base, read only.
        "interaction.add_lettersettings",
        "interaction.change_lettersettings",
        "interaction.view_lettersettings",
        "interaction.view_knowledgeentry",
        # Oversees every site's letters (writers' details masked) and error reports.
        "interaction.view_letter",
        "interaction.view_errorreport",
        # Disclosure (P1, I9, R2): each unit's office details; oversees every site's requests and reports.
        *(f"disclosure.{verb}_disclosureoffice" for verb in ("add", "change", "view")),
        "disclosure.view_informationrequest",
        "disclosure.view_catalogueentry",
        "disclosure.view_annualreport",
        *(f"disclosure.{verb}_replytemplate" for verb in ("add", "change", "view")),
        # Monitoring (M1-M4): every site's probes and rectification list.
        "monitoring.view_probe",
        "monitoring.view_rectification",
        "monitoring.view_alert",
        "monitoring.change_alert",
        "monitoring.view_monitoringreport",
        "monitoring.add_monitoringreport",
        "monitoring.publish_monitoringreport",
        *(f"monitoring.{verb}_{model}" for verb in ("add", "change", "delete", "view")
          for model in ("dutyshift", "heightenedperiod", "seriousproblem", "bonusaward")),
        # Service figures and annual website reports of every site (V1, R1).
        "services.view_servicestatistic",
        "services.change_servicestatistic",
        "reports.view_websitereport",
        # Visits of every site and the low-traffic standard of each (C6).
        "analytics.view_statistics",
        *(f"analytics.{verb}_lowtrafficpolicy" for verb in ("add", "change", "delete", "view")),
    ),
    Role.EDITOR: (
        "wagtailadmin.access_admin",
        "collector.view_collecteditem",
        "sharing.view_pusheditem",
        "sharing.view_cobuiltcolumn",
        "columns.add_columnchangerequest",
        "columns.view_columnchangerequest",
        "registry.view_siterecord",
        "review.add_emergencyevent",
        "review.view_emergencyevent",
        # Participation (I7, I8, I11): the unit's own sites only (scoped in participation.access).
        *(f"participation.{verb}_{model}" for verb in ("add", "change", "view")
          for model in ("survey", "interview", "proposal")),
        "participation.change_interviewquestion",
        "participation.view_submission",
        # Error reports on the unit's own sites (I10, scoped in interaction.access).
        "interaction.view_errorreport",
        "interaction.handle_errorreport",
        # The site's own rectification items (M4, scoped in monitoring.admin_views).
        "monitoring.view_rectification",
        "monitoring.fix_rectification",
        # The unit's monthly service figures (V1, R1) and its annual website report (R1), own sites only.
        *(f"services.{verb}_servicestatistic" for verb in ("add", "change", "delete", "view")),
        "reports.view_websitereport",
        "reports.change_websitereport",
        "analytics.view_statistics",
    ),
    Role.FIRST_REVIEW: REVIEWER_PERMISSIONS,
    Role.SECOND_REVIEW: REVIEWER_PERMISSIONS,
    Role.FINAL_REVIEW: REVIEWER_PERMISSIONS,
    # The principal also publishes the site's annual website report (R1).
    Role.PRINCIPAL: (*REVIEWER_PERMISSIONS, "reports.publish_websitereport"),
    Role.HOTLINE: (
        "wagtailadmin.access_admin",
        "workdays.view_specialday",
        "workdays.view_calendaryear",
        # The hotline centre keeps the knowledge base its reviewed answers feed (I6).
        *(f"interaction.{verb}_knowledgeentry" for verb in ("add", "change", "delete", "view")),
        "interaction.view_lettersettings",
        "interaction.view_letter",
        "interaction.dispatch_letter",
        "interaction.view_errorreport",
    ),
    Role.LETTER_HANDLER: (
        "wagtailadmin.access_admin", "interaction.view_knowledgeentry", "interaction.view_letter",
        "interaction.handle_letter",
    ),
    Role.LETTER_APPROVER: (
        "wagtailadmin.access_admin", "interaction.view_knowledgeentry", "interaction.view_letter",
        "interaction.approve_reply",
    ),
    Role.DISCLOSURE_HANDLER: (
        "wagtailadmin.access_admin", "disclosure.view_informationrequest", "disclosure.handle_informationrequest",
        "disclosure.view_catalogueentry", "disclosure.change_catalogueentry", "disclosure.view_replytemplate",
        *(f"disclosure.{verb}_annualreport" for verb in ("add", "change", "view")),
    ),
    Role.DISCLOSURE_HEAD: (
        "wagtailadmin.access_admin", "disclosure.view_informationrequest", "disclosure.approve_informationrequest",
        "disclosure.view_catalogueentry", "disclosure.view_annualreport", "disclosure.publish_annualreport",
        "disclosure.view_replytemplate",
    ),
}

# Page permissions on the site's home page (unit roles) or the tree root (portal office).
PAGE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PORTAL_OFFICE: ("add_page", "change_page", "lock_page", "unlock_page"),
    Role.EDITOR: ("add_page", "change_page"),
}

# Collection permissions on the site's own collection of attachments and images.
COLLECTION_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PORTAL_OFFICE: (
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    ),
    Role.EDITOR: (
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    ),
}


def group_name(role: Role, site_name: str | None = None) -> str:
    """`网站主管` for a platform role; `弥勒市教育体育局·内容编辑` for a unit role."""
    return f"{site_name}·{role.label}" if site_name else role.label


def duty_conflicts(held: list[tuple[Role, str | None]], allowed_sites: frozenset[str] = frozenset()) -> list[str]:
    """Why a set of (role, site name) assignments breaks separation of duties (P4, X1); [] when it does not.

    `allowed_sites` are the sites whose review policy lets one person edit and review, with a recorded reason.
    """
    roles = {role for role, _site in held}
    problems = []
    if Role.SYSTEM_ADMIN in roles and roles & (EDITING_ROLES | REVIEWING_ROLES | LETTER_ROLES | DISCLOSURE_ROLES):
        problems.append("系统管理员不得同时担任内容编辑、审核、信件办理或信息公开角色（P4、X1）")
    if Role.AUDITOR in roles and len(roles) > 1:
        problems.append("安全审计员只能查看日志，不得兼任其他角色（X1）")
    for site in sorted({site for _role, site in held if site}):
        here = {role for role, s in held if s == site}
        if here & EDITING_ROLES and here & REVIEWING_ROLES and site not in allowed_sites:
            problems.append(f"在“{site}”不得同时担任内容编辑和审核角色（P4 编审分离）")
        if here & LETTER_DRAFTING_ROLES and here & LETTER_APPROVING_ROLES:
            problems.append(f"在“{site}”不得同时担任信件办理和答复审核角色（I4 答复须经单位领导审核）")
        if here >= DISCLOSURE_ROLES:
            problems.append(f"在“{site}”不得同时担任依申请公开办理和信息公开负责人角色（延期和答复须经负责人批准）")
    return problems
