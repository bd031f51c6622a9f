"""The 答复书 (I9): editable wording per outcome group, filled in and written as DOCX.

A template is plain text with `{占位符}`; only the placeholders below are known, and a template that
uses another one is refused when saved, so a letter never goes out with a hole in it.
"""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _

from .models import ReplyTemplate, agency_name
from .rules import OutcomeGroup

PLACEHOLDERS = ("机关名称", "申请编号", "申请人", "收到日期", "申请内容", "办理结果", "答复正文", "答复日期")
_PLACEHOLDER = re.compile(r"\{([^{}]{1,20})\}")

_OPENING = "{申请人}：\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（编号{申请编号}），申请获取“{申请内容}”。经审查，现答复如下：\n"
_REMEDY = (
    "\n如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法提起行政诉讼。"
    "\n\n{机关名称}\n{答复日期}"
)
DEFAULT_BODIES = {
    OutcomeGroup.GRANTED: "您申请获取的政府信息属于公开范围，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，"
                          "现予以提供。\n{答复正文}",
    OutcomeGroup.PARTLY_GRANTED: "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》"
                                 "第三十七条的规定，本机关向您提供可以公开的内容，对不予公开的内容说明理由如下：\n{答复正文}",
    OutcomeGroup.WITHHELD: "根据《中华人民共和国政府信息公开条例》第三十六条第（三）项的规定，本机关决定不予公开。理由：{办理结果}。"
                           "\n{答复正文}",
    OutcomeGroup.UNAVAILABLE: "本机关无法提供您申请获取的政府信息（{办理结果}）。\n{答复正文}",
    OutcomeGroup.NOT_PROCESSED: "根据《中华人民共和国政府信息公开条例》的规定，本机关对您的申请不予处理（{办理结果}）。\n{答复正文}",
    OutcomeGroup.OTHER: "{办理结果}。\n{答复正文}",
}


def default_template(group: OutcomeGroup) -> str:
    """The platform's wording of a reply of `group`, before any site edits it."""
    return _OPENING + DEFAULT_BODIES[group] + _REMEDY


def unknown_placeholders(template: str) -> list[str]:
    """Placeholders the template uses that nothing fills in."""
    return sorted({name for name in _PLACEHOLDER.findall(template) if name not in PLACEHOLDERS})


def fill(template: str, values: dict[str, str]) -> str:
    """The template with each known placeholder replaced; the values are inserted once, never re-read."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def template_for(req) -> str:
    """The site's template for the request's outcome group, else the platform's, else the default."""
    group = req.result.group
    chosen = (ReplyTemplate.objects.filter(outcome_group=group, record=req.record).first()
              or ReplyTemplate.objects.filter(outcome_group=group, record__isnull=True).first())
    return chosen.body if chosen else default_template(group)


def reply_text(req) -> str:
    """The whole 答复书 of a request with a recorded result, as the applicant reads it."""
    answered = req.answered_on
    return fill(template_for(req), {
        "机关名称": agency_name(req.record),
        "申请编号": req.number,
        "申请人": req.name,
        "收到日期": f"{req.received_on.year}年{req.received_on.month}月{req.received_on.day}日" if req.received_on else "",
        "申请内容": req.description,
        "办理结果": req.result.full_label,
        "答复正文": req.reply_text,
        "答复日期": f"{answered.year}年{answered.month}月{answered.day}日" if answered else "",
    })


def reply_docx(req) -> bytes:
    """The 答复书 as a Word document: the agency, the title, then the filled-in wording."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    for text in (agency_name(req.record), _("政府信息公开申请答复书")):
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.add_run(text).bold = True
    for line in reply_text(req).split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
