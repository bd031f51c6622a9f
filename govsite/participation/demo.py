"""Demo participation of 弥勒市: surveys and solicitations, interviews, suggestions and proposals (I7, I8, I11).

One survey's results are left overdue on purpose, so the daily check has something to find.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model

from .features import static_rebuilds_paused
from .models import (
    Answer,
    Guest,
    Interview,
    InterviewQuestion,
    Proposal,
    Question,
    Submission,
    Survey,
    SurveyAttachment,
)
from .rules import Category, ProposalKind, QuestionType, SurveyKind

if TYPE_CHECKING:
    from govsite.registry.models import SiteRecord


def _html(*paragraphs: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


# (text, type, options with their relative weight); weights make the demo results look like a real survey.
PARKING_QUESTIONS = (
    ("您平时在城区停车的主要方式是？", QuestionType.SINGLE,
     (("路边停车位", 5), ("公共停车场", 3), ("小区或单位内部停车场", 4), ("基本不开车", 1))),
    ("您对城区现行停车收费标准的评价是？", QuestionType.SINGLE, (("满意", 3), ("基本满意", 5), ("不满意", 2))),
    ("您认为最需要增加停车位的区域是？", QuestionType.MULTIPLE,
     (("髯翁路沿线", 6), ("弥勒寺周边", 3), ("市人民医院周边", 7), ("湖泉生态园周边", 4), ("中小学校周边", 5))),
    ("您对改善城区停车还有哪些建议？", QuestionType.TEXT, ()),
)
BUSINESS_QUESTIONS = (
    ("您的企业类型是？", QuestionType.SINGLE, (("个体工商户", 4), ("小微企业", 5), ("中型以上企业", 1))),
    ("您对企业开办“一窗通办”的评价是？", QuestionType.SINGLE, (("满意", 6), ("基本满意", 3), ("不满意", 1))),
    ("您希望进一步优化的事项是？", QuestionType.MULTIPLE,
     (("项目审批", 4), ("融资服务", 5), ("用工招聘", 3), ("水电气报装", 2))),
)
PARKING_SUGGESTIONS = (
    "建议在市人民医院周边建设立体停车库，缓解就医停车难。",
    "上下学时段学校门口临时停车较乱，建议设置即停即走车位。",
    "希望公共停车场能接入手机查询空余车位。",
    "髯翁路沿线路边停车位偏少，建议利用闲置地块建设临时停车场。",
)
DOG_OPINIONS = (
    "建议明确城区禁止饲养的犬只品种名录，并在网站上公布。",
    "遛狗必须牵绳的规定很好，建议增加对不清理犬只粪便行为的处罚。",
    "希望在湖泉生态园附近设置犬只活动区。",
    "农村地区养犬情况与城区不同，建议区分城区和乡镇分别规定。",
    "犬只登记收费不宜过高，建议对按时免疫的给予优惠。",
)
WASTE_OPINIONS = (
    "建议小区垃圾分类投放点增加洗手设施。",
    "厨余垃圾定时投放的时间建议延长到晚上九点，方便上班族。",
    "希望在学校开展垃圾分类宣传教育，从孩子抓起。",
    "建议对餐饮单位的餐厨垃圾收运进行全程监管。",
    "乡镇垃圾中转站布局需要优化，部分村庄距离较远。",
    "建议对积极参与分类的居民给予积分奖励。",
)


def _survey(record, *, questions=(), **fields) -> Survey:
    survey = Survey(record=record, live=True, **fields)
    for position, (text, kind, options) in enumerate(questions):
        survey.questions.add(Question(text=text, type=kind, sort_order=position, required=kind != QuestionType.TEXT,
                                      options_text="\n".join(label for label, _weight in options)))
    survey.save()
    return survey


def _answer_survey(survey: Survey, count: int, rng: random.Random, start: dt.datetime, end: dt.datetime,
                   suggestions: tuple[str, ...] = ()) -> None:
    """`count` anonymous submissions spread over the survey's window, answers drawn by the weights."""
    weights = {text: dict(options) for text, _kind, options in PARKING_QUESTIONS + BUSINESS_QUESTIONS}
    questions = list(survey.questions.prefetch_related("options"))
    span = (end - start).total_seconds()
    submissions = Submission.objects.bulk_create(
        Submission(survey=survey, submitted_at=start + dt.timedelta(seconds=rng.uniform(0, span)))
        for _ in range(count)
    )
    answers = []
    for submission in submissions:
        for question in questions:
            options = list(question.options.all())
            if question.type == QuestionType.SINGLE:
                chosen = rng.choices(options, [weights[question.text][o.label] for o in options])
            elif question.type == QuestionType.MULTIPLE:
                chosen = [o for o in options if rng.random() < weights[question.text][o.label] / 10] or options[:1]
            else:
                if suggestions and rng.random() < 0.3:
                    answers.append(Answer(submission=submission, question=question, text=rng.choice(suggestions)))
                continue
            answers += [Answer(submission=submission, question=question, option=o) for o in chosen]
    Answer.objects.bulk_create(answers)


def _opinions(survey: Survey, texts: tuple[str, ...], start: dt.datetime, step: dt.timedelta) -> None:
    Submission.objects.bulk_create(
        Submission(survey=survey, opinion=text, submitted_at=start + step * n) for n, text in enumerate(texts)
    )


def _draft_document(record, title: str, paragraphs: tuple[str, ...]):
    """The draft as a real Word file in the site's collection."""
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    for paragraph in paragraphs:
        doc.add_paragraph(paragraph)
    buffer = io.BytesIO()
    doc.save(buffer)
    document = get_document_model()(title=title, collection=record.collection)
    document.file.save("zhengqiuyijiangao.docx", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


WASTE_DRAFT = (
    "第一条　为了加强城市生活垃圾分类管理，改善人居环境，促进资源循环利用，根据有关法律法规，结合本市实际，制定本办法。",
    "第二条　本市城市规划区内生活垃圾的分类投放、分类收集、分类运输、分类处理及其监督管理，适用本办法。",
    "第三条　生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。",
    "第四条　市住房和城乡建设局是本市生活垃圾分类工作的主管部门，各街道办事处、乡镇人民政府负责辖区内的组织实施。",
)


def _surveys(records: dict[str, SiteRecord], today: dt.date, now: dt.datetime, rng: random.Random) -> None:
    portal, fgj = records["portal"], records["fgj"]
    ended = today - dt.timedelta(days=58)
    parking = _survey(
        portal, kind=SurveyKind.SURVEY, title="弥勒市城区公共停车设施满意度网上调查",
        organizer="弥勒市交通运输局", starts_on=ended - dt.timedelta(days=30), ends_on=ended,
        intro=_html("为科学规划城区停车设施，现就城区公共停车设施的使用和满意度开展网上调查，欢迎广大市民参与。"),
        questions=PARKING_QUESTIONS,
        results_summary=_html(
            "本次调查共收到有效问卷126份。约八成受访者对现行停车收费标准表示满意或基本满意；"
            "市人民医院周边、髯翁路沿线是市民认为最需要增加停车位的区域。"),
        adoption=_html("市交通运输局会同市住房和城乡建设局，已将市人民医院周边立体停车库和髯翁路沿线临时停车场"
                       "列入2026年城市建设计划；学校周边“即停即走”车位将在秋季学期开学前施划。"),
    )
    _answer_survey(parking, 126, rng, _aware(dt.datetime.combine(parking.starts_on, dt.time(8))),
                   _aware(dt.datetime.combine(ended, dt.time(20))), PARKING_SUGGESTIONS)
    Survey.objects.filter(pk=parking.pk).update(results_published_at=now - dt.timedelta(days=30))

    dogs_end = today - dt.timedelta(days=95)
    dogs = _survey(
        portal, kind=SurveyKind.SOLICITATION, title="《弥勒市养犬管理规定（征求意见稿）》公开征求意见",
        organizer="弥勒市公安局", starts_on=dogs_end - dt.timedelta(days=30), ends_on=dogs_end,
        intro=_html("为规范养犬行为，保障公民人身安全和健康，维护市容环境和社会秩序，现将《弥勒市养犬管理规定"
                    "（征求意见稿）》全文公布，公开征求社会各界意见。"),
        draft=_html("第一条　为了规范养犬行为，根据《中华人民共和国动物防疫法》等法律法规，结合本市实际，制定本规定。",
                    "第二条　本市城区实行养犬登记制度，犬只应当按期接种狂犬病疫苗。"),
        results_summary=_html("征求意见期间共收到意见建议5条，主要集中在禁养犬只名录、犬只粪便清理和城乡区别管理等方面。"),
        adoption=_html("采纳3条：明确由市公安局公布禁养犬只名录；增加不及时清理犬只粪便的处罚条款；"
                       "区分城区与乡镇分别规定管理要求。",
                       "未采纳2条：设置犬只活动区涉及公园规划调整，将在湖泉生态园改造中统筹研究；"
                       "登记收费标准由省级价格主管部门核定，本规定不作调整。"),
        adopted_count=3,
    )
    _opinions(dogs, DOG_OPINIONS, _aware(dt.datetime.combine(dogs.starts_on, dt.time(9))), dt.timedelta(days=5))
    Survey.objects.filter(pk=dogs.pk).update(results_published_at=now - dt.timedelta(days=70))

    waste = _survey(
        portal, kind=SurveyKind.SOLICITATION, title="《弥勒市城市生活垃圾分类管理办法（征求意见稿）》公开征求意见",
        organizer="弥勒市住房和城乡建设局", starts_on=today - dt.timedelta(days=10), ends_on=today + dt.timedelta(days=20),
        intro=_html("为推进城市生活垃圾分类工作，市住房和城乡建设局起草了《弥勒市城市生活垃圾分类管理办法"
                    "（征求意见稿）》，现公开征求社会各界意见。征求意见截止后，我局将在1个月内公布意见采纳情况。"),
        draft=_html(*WASTE_DRAFT),
    )
    waste.attachments.add(SurveyAttachment(document=_draft_document(
        portal, "弥勒市城市生活垃圾分类管理办法（征求意见稿）", WASTE_DRAFT)))
    waste.save()
    _opinions(waste, WASTE_OPINIONS, now - dt.timedelta(days=9), dt.timedelta(days=1, hours=3))

    late_end = today - dt.timedelta(days=50)
    business = _survey(
        fgj, kind=SurveyKind.SURVEY, title="弥勒市2026年营商环境满意度网上调查",
        starts_on=late_end - dt.timedelta(days=21), ends_on=late_end, questions=BUSINESS_QUESTIONS,
        intro=_html("为持续优化营商环境，现面向全市各类市场主体开展营商环境满意度网上调查。"),
    )
    _answer_survey(business, 43, rng, _aware(dt.datetime.combine(business.starts_on, dt.time(9))),
                   _aware(dt.datetime.combine(late_end, dt.time(18))))


EDUCATION_QUESTIONS = (
    ("家长甲", "孩子今年9月上小学，户籍在弥阳街道但住在高新区，应该在哪里报名？", InterviewQuestion.Status.APPROVED),
    ("", "随迁子女入学需要准备哪些材料？居住证办理不满一年可以吗？", InterviewQuestion.Status.APPROVED),
    ("一位初三家长", "今年的中考体育考试项目有变化吗？", InterviewQuestion.Status.APPROVED),
    ("热心市民", "学区划分什么时候公布？能否提前在网站上公示？", InterviewQuestion.Status.PENDING),
    ("", "民办学校摇号录取的时间安排是怎样的？", InterviewQuestion.Status.PENDING),
    ("招生咨询", "专业代办入学手续，包进重点学校，联系微信……", InterviewQuestion.Status.REJECTED),
)
MEDICAL_QUESTIONS = (
    ("弥阳居民", "2026年度城乡居民医保个人缴费标准是多少？", "2026年度城乡居民基本医疗保险个人缴费标准为每人每年400元，"
     "可通过“云南医保”小程序、银行网点或村（社区）代缴点缴纳。", "弥勒市医疗保障局局长"),
    ("", "在外地打工，住院可以直接结算吗？", "参保人员办理异地就医备案后，在全国联网定点医疗机构住院可直接结算，"
     "备案可通过“国家医保服务平台”手机应用自助办理。", "弥勒市医疗保障局副局长"),
    ("老年患者家属", "高血压、糖尿病门诊用药能报销吗？", "参保人员确诊高血压、糖尿病的，门诊用药按规定纳入医保报销，"
     "政策范围内报销比例为50%以上。", "弥勒市医疗保障局副局长"),
)


def _interviews(records: dict[str, SiteRecord], now: dt.datetime) -> None:
    portal = records["portal"]
    start = (now + dt.timedelta(days=5)).replace(hour=15, minute=0, second=0, microsecond=0)
    education = Interview(
        record=portal, live=True, title="聚焦弥勒市义务教育招生入学政策",
        starts_at=start, ends_at=start + dt.timedelta(hours=1, minutes=30),
        intro=_html("2026年义务教育招生工作即将开始。本期在线访谈邀请市教育体育局负责同志，"
                    "就招生范围、报名材料、随迁子女入学等群众关心的问题与网民在线交流，欢迎提前提问。"),
    )
    education.guests.add(Guest(name="赵文静", title="局长", unit="弥勒市教育体育局", sort_order=0))
    education.guests.add(Guest(name="普光明", title="基础教育股股长", unit="弥勒市教育体育局", sort_order=1))
    education.save()
    for n, (nickname, text, status) in enumerate(EDUCATION_QUESTIONS):
        InterviewQuestion.objects.create(interview=education, nickname=nickname, text=text, status=status,
                                         submitted_at=now - dt.timedelta(days=3, hours=-n))

    held = (now - dt.timedelta(days=30)).replace(hour=10, minute=0, second=0, microsecond=0)
    medical = Interview(
        record=portal, live=True, title="城乡居民医保参保缴费政策解读",
        starts_at=held, ends_at=held + dt.timedelta(hours=1, minutes=30),
        intro=_html("围绕2026年度城乡居民基本医疗保险参保缴费、待遇保障和异地就医等政策进行解读。"),
        transcript=_html(
            "主持人：各位网友大家好，欢迎参加本期在线访谈。今天我们邀请到市医疗保障局的负责同志，为大家解读城乡居民医保政策。",
            "市医疗保障局局长：城乡居民医保实行个人缴费和政府补助相结合，2026年度个人缴费标准为每人每年400元，"
            "财政补助标准进一步提高。",
            "主持人：今年在待遇保障方面有哪些新变化？",
            "市医疗保障局局长：一是提高了乡镇卫生院住院报销比例；二是扩大了门诊慢特病病种范围；"
            "三是异地就医备案全面实现线上办理。",
            "主持人：感谢嘉宾的精彩解读，本期访谈到此结束。",
        ),
        transcript_published_at=held + dt.timedelta(days=1),
    )
    medical.guests.add(Guest(name="李春华", title="局长", unit="弥勒市医疗保障局", sort_order=0))
    medical.guests.add(Guest(name="王志强", title="副局长", unit="弥勒市医疗保障局", sort_order=1))
    medical.save()
    for n, (nickname, text, answer, by) in enumerate(MEDICAL_QUESTIONS):
        InterviewQuestion.objects.create(
            interview=medical, nickname=nickname, text=text, status=InterviewQuestion.Status.APPROVED,
            answer=answer, answered_by=by, submitted_at=held - dt.timedelta(days=2, hours=n),
            answered_at=held + dt.timedelta(minutes=20 * (n + 1)),
        )


NPC_SESSION = "弥勒市第十届人民代表大会第三次会议"
NPC_EARLIER = "弥勒市第十届人民代表大会第二次会议"
CPPCC_SESSION = "政协弥勒市第十届委员会第三次会议"
# (number, title, proposers, lead unit, co-handlers, category, reply)
NPC_SUGGESTIONS = (
    (3, "关于加快推进城区老旧小区改造的建议", "李红梅、杨建国", "弥勒市住房和城乡建设局", "弥勒市财政局", Category.A,
     "2026年已将城区18个老旧小区纳入改造计划，涉及居民2360户，目前已完工11个，其余7个年底前完工。"),
    (7, "关于改善弥阳街道农村饮水安全的建议", "普文华", "弥勒市水务局", "", Category.B,
     "弥阳街道农村供水保障工程已完成可研批复，计划分两年实施，建成后可解决1.2万人饮水安全问题。"),
    (12, "关于完善城区中小学校周边交通安全设施的建议", "张丽", "弥勒市交通运输局", "弥勒市教育体育局、弥勒市公安局",
     Category.A, "已在城区23所中小学校周边施划减速标线、设置警示标志，并在上下学时段安排警力疏导交通。"),
    (15, "关于加大葡萄产业扶持力度的建议", "何志刚、李云", "弥勒市农业农村局", "弥勒市财政局", Category.B,
     "已将葡萄产业纳入高原特色农业重点产业，2026年安排产业发展资金800万元，支持品种改良和冷链物流建设。"),
    (21, "关于提升乡镇卫生院医疗服务能力的建议", "王秀英", "弥勒市卫生健康局", "弥勒市医疗保障局", Category.B,
     "通过县域医共体建设，市人民医院向12个乡镇卫生院派驻医师，远程会诊系统已覆盖全部乡镇卫生院。"),
    (26, "关于加快建设弥勒至蒙自快速通道的建议", "杨建国", "弥勒市交通运输局", "弥勒市发展和改革局", Category.C,
     "该项目需纳入省级交通规划并争取上级资金支持，我局已向州交通运输局汇报，将积极争取列入下一轮规划。"),
    (31, "关于规范城区夜市经营秩序的建议", "陈晓燕", "弥勒市综合行政执法局", "弥勒市市场监督管理局", Category.A,
     "已划定3个夜市经营区域，统一设置经营摊位和垃圾收集点，并建立联合巡查机制。"),
    (34, "关于加强湖泉生态园周边环境保护的建议", "普文华、张丽", "弥勒市住房和城乡建设局", "", Category.A,
     "已完成湖泉生态园周边截污管网改造，设立环境保护巡查岗，周边水质稳定达标。"),
    (40, "关于完善农村养老服务设施的建议", "李云", "弥勒市民政局", "", Category.B,
     "2026年新建村级养老服务站15个，计划到2027年实现村级养老服务全覆盖。"),
    (45, "关于支持可邑小镇彝族文化旅游发展的建议", "何志刚", "弥勒市文化和旅游局", "弥勒市发展和改革局", Category.B,
     "已将可邑小镇纳入全市文旅融合重点项目，支持开展阿细跳月等民族文化展演活动。"),
)
CPPCC_PROPOSALS = (
    (5, "关于推进温泉康养产业高质量发展的提案", "罗建华", "弥勒市文化和旅游局", "弥勒市卫生健康局", Category.B,
     "已编制温泉康养产业发展规划，推动湖泉、太平湖等温泉康养项目建设，引进康养服务机构3家。"),
    (9, "关于加强中小学生心理健康教育的提案", "杨慧", "弥勒市教育体育局", "", Category.A,
     "全市中小学已全部配备心理健康教育教师，开设心理健康课程，建立学生心理健康档案。"),
    (14, "关于进一步优化营商环境的提案", "民建弥勒市总支", "弥勒市发展和改革局", "弥勒市政务服务管理局", Category.A,
     "企业开办实现一个工作日内办结，工程建设项目审批时间压缩至60个工作日以内。"),
    (18, "关于加强农村人居环境整治的提案", "龙云飞", "弥勒市农业农村局", "弥勒市住房和城乡建设局", Category.B,
     "2026年完成农村卫生户厕改造3200座，村庄生活垃圾收运处置体系覆盖率达98%。"),
    (22, "关于保护和传承阿细跳月非物质文化遗产的提案", "普丽华", "弥勒市文化和旅游局", "", Category.A,
     "已设立阿细跳月传承基地2个，认定市级代表性传承人8名，并将阿细跳月纳入中小学课间活动。"),
    (27, "关于完善城区公共交通线网的提案", "罗建华、杨慧", "弥勒市交通运输局", "", Category.C,
     "受城区道路条件和运营补贴资金限制，新增线路暂不能实施，将结合城区道路改造统筹优化线网。"),
    (30, "关于加强校园周边食品安全监管的提案", "龙云飞", "弥勒市市场监督管理局", "弥勒市教育体育局", Category.A,
     "已对城区校园周边食品经营户开展全覆盖检查，建立校园食品安全责任清单。"),
    (33, "关于发展红河水乡特色农产品电商的提案", "农工党弥勒市支部", "弥勒市商务局", "弥勒市农业农村局", Category.B,
     "已建成市级电商公共服务中心，培训农村电商人才600余人次，特色农产品线上销售额持续增长。"),
)


def _proposals(records: dict[str, SiteRecord], today: dt.date, now: dt.datetime) -> None:
    portal = records["portal"]
    rows = [(ProposalKind.NPC, NPC_SESSION if n < 8 else NPC_EARLIER, item) for n, item in enumerate(NPC_SUGGESTIONS)]
    rows += [(ProposalKind.CPPCC, CPPCC_SESSION, item) for item in CPPCC_PROPOSALS]
    for index, (kind, session, (number, title, proposers, lead, co, category, reply)) in enumerate(rows):
        Proposal.objects.create(
            record=portal, kind=kind, session=session, number=number, title=title, proposers=proposers,
            lead_unit=lead, co_units=co, category=category, reply=_html(reply), published=True,
            reply_date=today - dt.timedelta(days=150 - 6 * index),
            published_at=now - dt.timedelta(days=140 - 6 * index),
        )


def load_demo(records: dict[str, SiteRecord], now: dt.datetime) -> None:
    """The demo's surveys, solicitations, interviews, suggestions and proposals, all anonymous submissions."""
    now = _aware(now)
    today = timezone.localdate(now)
    with static_rebuilds_paused():
        _surveys(records, today, now, random.Random(20260301))
        _interviews(records, now)
        _proposals(records, today, now)
