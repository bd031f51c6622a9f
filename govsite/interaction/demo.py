"""Letters, knowledge-base entries and error reports of the demo city, taken through the real steps.

Each letter is walked through `handling` at the times of its story (`clock_at`), so its log, timeline,
clock and statistics are what the platform itself would have produced.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from govsite.core.clock import clock_at

from . import errors, handling
from .models import ErrorReport, KnowledgeEntry, Letter
from .rules import Channel, LetterKind, WithholdReason


@dataclass(frozen=True)
class DemoLetter:
    kind: LetterKind
    title: str
    content: str
    unit: str  # demo site key of the unit that answers
    reply: str
    outcome: str  # answered | answered_private | open | returned | extended | declined | overdue | reviewing
    days_ago: int
    channel: Channel = Channel.MAILBOX


K = LetterKind
LETTERS = (
    DemoLetter(K.CONSULTATION, "城乡居民医保今年缴费标准和截止时间", "请问2026年度城乡居民基本医疗保险个人缴费标准是多少？在哪里缴费，什么时候截止？",
               "portal", "2026年度城乡居民医保个人缴费标准为每人每年400元，集中缴费期至2026年12月31日。可通过云南税务微信公众号、“云闪付”、各银行网点或所在村（社区）缴纳。", "answered", 40),
    DemoLetter(K.CONSULTATION, "新生儿落户需要准备哪些材料", "孩子刚出生一个月，想在弥勒市落户，需要准备什么材料？父母一方是外地户口可以吗？",
               "portal", "新生儿落户需携带《出生医学证明》、父母双方户口簿和居民身份证、结婚证。父母一方为本市户籍即可随其落户，可到户籍所在地派出所户籍窗口办理，也可通过“云南公安”App网上申报。", "answered", 75),
    DemoLetter(K.SUGGESTION, "建议在湖泉生态园增设夜间照明", "湖泉生态园晚上散步的市民很多，部分步道没有路灯，老人孩子容易摔倒，建议增设照明设施。",
               "portal", "感谢您的建议。经现场查看，湖泉生态园东侧步道约800米照明不足，市住建局已将其列入今年城市照明补短板项目，计划于年底前完成安装。", "answered", 120),
    DemoLetter(K.COMPLAINT, "髯翁路夜间施工噪音扰民", "髯翁路某工地连续一周晚上11点后仍在施工，噪音很大，严重影响周边居民休息，电话13812345678。",
               "portal", "接到投诉后，市住建局会同生态环境分局于次日夜间现场检查，责令施工单位立即停止夜间施工，对其违规行为依法立案处理，并要求确需夜间施工的须提前办理审批手续并公告。", "answered", 55),
    DemoLetter(K.CONSULTATION, "企业投资项目备案在哪里办理", "我公司准备在弥勒投资建设一个农产品加工项目，项目备案在哪里办理，需要多长时间？",
               "fgj", "企业投资项目备案实行告知性备案，可登录云南省投资项目在线审批监管平台在线填报，材料齐全的当场或1个工作日内完成备案，全程不收费。如有疑问可拨打市发展和改革局投资科电话0873-6122310咨询。", "answered", 30),
    DemoLetter(K.CONSULTATION, "居民阶梯电价如何计算", "请问我市居民生活用电阶梯电价的档位和价格是怎样规定的？",
               "fgj", "我市执行云南省居民生活用电阶梯电价政策：第一档每户每月用电量0-170千瓦时（含），第二档171-260千瓦时，第三档260千瓦时以上，各档电价按省发展改革委核定标准执行，具体可在电费通知单上查看。", "answered", 90),
    DemoLetter(K.SUGGESTION, "建议规范城区停车收费标准", "城区部分停车场收费标准不公开、收费偏高，建议价格主管部门加强监管并统一公示。",
               "fgj", "感谢您的建议。市发展和改革局已会同市场监管局对城区停车场收费开展专项检查，要求所有经营性停车场在入口醒目位置明码标价，对未公示收费标准的3家停车场责令限期整改。", "answered", 150),
    DemoLetter(K.HELP, "家中老人申请低保需要什么条件", "我父亲今年78岁，独居，收入很低，想申请最低生活保障，请问需要满足什么条件，怎么申请？",
               "portal", "申请低保需家庭人均收入低于当地低保标准且家庭财产符合规定。可由本人或委托村（社区）向户籍所在地乡镇（街道）提出申请，提供身份证、户口簿、收入及财产情况说明等材料，经入户调查、民主评议和公示后审批。", "answered_private", 60),
    DemoLetter(K.REPORT, "举报某商铺销售过期食品", "弥阳街道某超市货架上有多种过期酸奶仍在销售，希望有关部门查处。",
               "portal", "", "open", 2),
    DemoLetter(K.COMPLAINT, "小区供水长期水压不足", "我住的小区高层住户长期水压不足，早晚用水高峰基本没水，多次找物业没有解决。",
               "fgj", "", "returned", 3),
    DemoLetter(K.SUGGESTION, "建议增开弥勒至昆明南站的城际公交", "目前弥勒到昆明南站班次少，建议增开城际公交，方便群众乘坐高铁出行。",
               "fgj", "", "extended", 6),
    DemoLetter(K.HELP, "农民工工资被拖欠求助", "我在某建筑工地做工，老板拖欠我们十几个工人三个月工资，至今未付，请政府帮助解决。",
               "portal", "", "overdue", 25),
    DemoLetter(K.CONSULTATION, "公积金贷款额度怎么计算", "想了解住房公积金贷款最高额度和计算方法，夫妻双方都缴存的情况下能贷多少？",
               "fgj", "已起草答复，待单位领导审核。", "reviewing", 1),
    DemoLetter(K.CONSULTATION, "广告：专业代办各类证件", "专业代办各类证件，价格优惠，联系微信……",
               "portal", "", "declined", 10),
    DemoLetter(K.SUGGESTION, "建议市长关注农村道路养护", "我村通往镇上的道路坑洼多年，雨季无法通行，希望市长关注农村公路养护问题。",
               "portal", "感谢您对农村公路建设的关心。市交通运输局已组织对该路段进行勘查，将其纳入今年农村公路养护工程，计划雨季结束后实施路面修复。", "answered", 45, Channel.LEADER),
)

KNOWLEDGE = (
    ("城乡居民医保怎么缴费", "可通过云南税务微信公众号、“云闪付”App、各银行网点或所在村（社区）缴纳，集中缴费期一般为每年9月至12月。"),
    ("身份证丢了怎么补办", "可携带户口簿到户籍所在地或居住地派出所户籍窗口申请补领，现场采集人像和指纹，一般20个工作日内制证完成，可选择邮寄。"),
    ("营业执照怎么办理", "个体工商户和企业登记可登录云南省市场主体登记“一网通办”平台在线申请，材料齐全的1至3个工作日办结，也可到市政务服务中心市场监管窗口办理。"),
    ("不动产权证书办理需要多久", "一般登记业务在5个工作日内办结，抵押登记和预告登记在3个工作日内办结，可到市政务服务中心不动产登记窗口办理。"),
    ("孩子上小学如何报名", "适龄儿童入学报名一般在每年6月进行，按照户籍和实际居住地划片入学，具体时间和划片范围以市教育体育局当年发布的招生通告为准。"),
    ("社保卡丢失如何挂失补办", "可拨打12333电话或通过“云南人社”App办理临时挂失，再携带身份证到社保卡服务网点申请补办，补卡工本费按规定执行。"),
)

ERROR_REPORTS = (
    ("/zhengwuyaowen/", "typo", "“弥勒要闻”栏目一篇文章标题中“髯翁路”写成了“冉翁路”。", "fixed", 20),
    ("/zhengwugongkai/", "broken_link", "政务公开栏目中“州政府文件”的附件链接无法下载。", "new", 0),
    ("/touzimile/", "outdated", "投资弥勒栏目中的招商政策还是2023年的，请更新。", "new", 6),
)


def _users() -> dict[str, object]:
    names = ("hotline", "portal_letter_handler", "portal_letter_approver", "fgj_letter_handler",
             "fgj_letter_approver", "portal_editor")
    return {u.username: u for u in get_user_model().objects.filter(username__in=names)}


def _story(item: DemoLetter, letter: Letter, unit, users: dict, start: dt.datetime) -> None:
    """Take the letter as far as its outcome, a few hours per step after it came in."""
    hotline = users["hotline"]
    handler, approver = users[f"{item.unit}_letter_handler"], users[f"{item.unit}_letter_approver"]
    step = iter(start + dt.timedelta(hours=3 * n) for n in range(1, 20))
    if item.outcome == "declined":
        with clock_at(next(step)):
            handling.decline(letter, hotline, "内容为商业广告，不属于政民互动受理范围")
        return
    if item.outcome == "overdue":
        return  # never sorted: the office finds it escalated
    with clock_at(next(step)):
        handling.sort(letter, hotline, kind=item.kind, simple=False)
        handling.dispatch(letter, hotline, unit, "请按时限办理并答复")
    if item.outcome == "returned":
        with clock_at(next(step)):
            handling.return_order(letter, handler, "供水设施由市水务公司管理，不属于本单位职责，请改派。")
        return
    if item.outcome == "extended":
        with clock_at(next(step)):
            extension = handling.request_extension(letter, handler, 3, "需与州交通运输局和客运企业协调线路，无法按期完成")
        with clock_at(next(step)):
            handling.decide_extension(extension, hotline, True, "同意延期")
        return
    if item.outcome == "open":
        return
    with clock_at(next(step)):
        handling.submit_reply(letter, handler, item.reply)
    if item.outcome == "reviewing":
        return
    with clock_at(next(step)):
        handling.approve_reply(letter, approver)
        public = item.outcome == "answered"
        handling.decide_publicity(letter, hotline, public, None if public else WithholdReason.PRIVACY)


def load_demo(records: dict, now: dt.datetime, rng: random.Random) -> int:
    """The demo letters over the past months, a small knowledge base and three error reports."""
    users = _users()
    for question, answer in KNOWLEDGE:
        KnowledgeEntry.objects.create(question=question, answer=answer, unit=records["portal"])
    names = ("张丽", "李建国", "王芳", "赵强", "陈静", "杨波", "刘洋", "周敏")
    for n, item in enumerate(LETTERS):
        start = now - dt.timedelta(days=item.days_ago, hours=rng.randint(1, 8))
        writer = handling.Writer(names[n % len(names)], f"139{rng.randint(10000000, 99999999)}",
                                 address="弥勒市弥阳街道", email=f"writer{n}@example.cn")
        with clock_at(start):
            letter, _password = handling.receive(
                records["portal"], kind=item.kind, channel=item.channel, title=item.title, content=item.content,
                writer=writer, wants_public=item.outcome != "answered_private")
        _story(item, letter, records[item.unit], users, start)
    for path, problem, description, outcome, days_ago in ERROR_REPORTS:
        site = records["portal"].site
        with clock_at(now - dt.timedelta(days=days_ago)):
            report = errors.report_error(site, url=f"http://{site.hostname}{path}", problem=problem,
                                         description=description, contact="")
            if outcome == "fixed":
                errors.handle_error_report(report, users["portal_editor"], ErrorReport.Status.FIXED,
                                           "已更正标题中的错别字并重新发布")
    return len(LETTERS)
