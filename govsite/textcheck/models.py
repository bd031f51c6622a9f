"""Lexicons administrators edit in the admin (P6): platform-wide rows, or rows for one site."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CATEGORIES = ("政治", "色情", "赌博", "暴力", "违禁品", "广告", "其他")


class Severity(models.TextChoices):
    BLOCK = "block", _("拦截（不得发布）")
    WARN = "warn", _("提示（人工核实）")


class LexiconEntry(models.Model):
    """A sensitive word added to the shipped lexicon, for the whole platform or for one site."""

    word = models.CharField(_("词语"), max_length=100)
    category = models.CharField(_("类别"), max_length=20, choices=[(c, c) for c in CATEGORIES])
    severity = models.CharField(_("处理方式"), max_length=10, choices=Severity.choices, default=Severity.BLOCK)
    site = models.ForeignKey(
        "registry.SiteRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("适用网站"),
        help_text=_("留空表示全平台适用"),
    )
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")
        ordering = ["category", "word"]
        constraints = [
            models.UniqueConstraint(fields=["word", "site"], name="textcheck_lexicon_word_site"),
            models.UniqueConstraint(
                fields=["word"], condition=Q(site__isnull=True), name="textcheck_lexicon_word_platform"
            ),
        ]

    def __str__(self) -> str:
        return self.word


class WhitelistEntry(models.Model):
    """A correct word that contains a flagged one (大麻烦 contains 大麻): no finding inside it."""

    word = models.CharField(_("词语"), max_length=100)
    site = models.ForeignKey(
        "registry.SiteRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("适用网站"),
        help_text=_("留空表示全平台适用"),
    )

    class Meta:
        verbose_name = _("白名单词语")
        verbose_name_plural = _("白名单")
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(fields=["word", "site"], name="textcheck_whitelist_word_site"),
            models.UniqueConstraint(
                fields=["word"], condition=Q(site__isnull=True), name="textcheck_whitelist_word_platform"
            ),
        ]

    def __str__(self) -> str:
        return self.word


class Leader(models.Model):
    """A leader whose name must be written correctly, added to the shipped list of national leaders."""

    name = models.CharField(_("姓名"), max_length=20, unique=True)
    title = models.CharField(_("职务"), max_length=200, help_text=_("多个职务以顿号分隔，如“国务院总理”"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("领导人")
        verbose_name_plural = _("领导人姓名")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class TypoPair(models.Model):
    """A common misspelling and its correct form, added to the shipped list."""

    wrong = models.CharField(_("错误写法"), max_length=50, unique=True)
    right = models.CharField(_("正确写法"), max_length=50)

    class Meta:
        verbose_name = _("错别字")
        verbose_name_plural = _("错别字")
        ordering = ["wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"
