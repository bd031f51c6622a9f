"""Suggesting answered questions (I6): a question asked another way finds its entry, an unrelated one none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.interaction.matching import MAX_TEXT, Match, QuestionIndex, tokenize

# A city's knowledge base as the hotline would have built it from reviewed replies.
ENTRIES = [
    (1, "灵活就业人员怎样参加职工养老保险？",
     "您好！无雇工的个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员，可持本人身份证到户籍所在地或居住地的社保经办机构办理参保登记，也可通过“智慧人社”APP自助登记。缴费基数可在全省上年度全口径城镇单位就业人员平均工资的60%至300%之间自主选择。"),
    (2, "养老保险关系从外省转回本市需要怎么办理？",
     "您好！参保人员跨省流动就业的，在新就业地参保后，可向新参保地社保经办机构提出转移接续申请，也可通过国家社会保险公共服务平台或掌上12333在线申请，无需回原参保地办理。转出地和转入地经办机构按规定在45个工作日内办结。"),
    (3, "企业职工达到退休年龄后如何申领养老金？",
     "您好！参保人员达到法定退休年龄且累计缴费满15年的，由所在单位在其到龄前一个月向社保经办机构申报退休，灵活就业人员可本人申报。审核通过后从次月起按月发放基本养老金，发放至本人社会保障卡金融账户。"),
    (4, "社会保障卡丢失后怎么挂失和补办？",
     "您好！社会保障卡丢失后，可拨打12333或通过电子社保卡先办理临时挂失，再持本人身份证到任一社保卡服务网点或合作银行网点申请补卡。补卡工本费免收，即时制卡网点可当场领取。"),
    (5, "失业以后可以领取失业保险金吗？",
     "您好！失业前用人单位和本人已累计缴纳失业保险费满1年、非因本人意愿中断就业并已办理失业登记的，可申领失业保险金。可通过国家社会保险公共服务平台、电子社保卡或到公共就业服务机构申请，领取期限根据缴费年限确定，最长24个月。"),
    (6, "在单位上班时受伤了怎么申请工伤认定？",
     "您好！职工发生事故伤害，用人单位应当自事故发生之日起30日内向统筹地区人力资源社会保障行政部门提出工伤认定申请；用人单位未申请的，职工本人或其近亲属可在1年内直接申请。需提交工伤认定申请表、劳动关系证明和医疗诊断证明。"),
    (7, "到外地看病怎么办理异地就医备案？",
     "您好！参保人员跨省就医前，可通过国家医保服务平台APP、国家异地就医备案小程序或参保地医保经办窗口办理备案。异地长期居住人员、常驻异地工作人员备案后可在就医地定点医疗机构直接结算，临时外出就医人员也可在线办理备案。"),
    (8, "城乡居民医疗保险每年什么时候缴费，交多少钱？",
     "您好！本市城乡居民基本医疗保险集中缴费期为每年9月1日至12月31日，缴纳次年度保费，个人缴费标准为每人每年380元。可通过税务APP、微信“城乡居民医保缴费”小程序、银行网点或村（社区）代收点缴纳。"),
    (9, "高血压糖尿病的门诊慢特病待遇怎么申请？",
     "您好！患有高血压、糖尿病等门诊慢特病病种的参保人员，可持二级及以上定点医疗机构出具的诊断证明和近期病历，到定点医院医保办或医保经办窗口申请认定，认定通过后门诊费用按规定比例报销。"),
    (10, "女职工生孩子的生育津贴怎么领取？",
     "您好！参加职工基本医疗保险（生育保险）的女职工生育后，由用人单位在产假结束后通过单位网厅申报生育津贴，津贴按用人单位上年度职工月平均工资除以30再乘以产假天数计发，拨付至单位后由单位发放给职工。"),
    (11, "住房公积金可以提取出来还房贷吗？",
     "您好！缴存职工偿还本人及配偶购买自住住房的商业银行贷款或公积金贷款本息的，可以申请提取住房公积金，每年可提取一次。可通过公积金中心网上服务大厅、手机公积金APP或到管理部柜台办理，需提供借款合同和还款明细。"),
    (12, "租房子住能提取公积金付房租吗？",
     "您好！职工及配偶在本市无自有住房且租赁住房的，可以申请提取住房公积金支付房租。无需提供租赁合同的按月定额提取，每人每月最高1500元；有租赁备案合同的可按实际房租提取。"),
    (13, "申请住房公积金贷款需要满足什么条件？",
     "您好！申请公积金贷款须连续足额缴存住房公积金满6个月，且申请时处于正常缴存状态，借款人及配偶无未结清的公积金贷款。夫妻双方均缴存的最高可贷70万元，单方缴存的最高可贷50万元。"),
    (14, "离职后公积金账户怎么转移到新单位？",
     "您好！职工在本市内变更工作单位的，由新单位在公积金网上服务大厅办理个人账户转入即可。跨城市就业的，可在新就业地公积金中心通过全国住房公积金小程序申请异地转移接续，资金和缴存时间一并转入。"),
    (15, "小孩刚出生怎么办理户口登记？",
     "您好！婴儿出生后一个月内，由父母一方持《出生医学证明》、父母双方户口簿和居民身份证、结婚证到户籍所在地派出所申报出生登记。已开通“出生一件事”的医院可在线提交申请，证件邮寄到家。"),
    (16, "在本市买了房可以把户口迁过来吗？",
     "您好！在城区购买合法产权住房并取得不动产权证书的，本人及共同居住的配偶、未成年子女可申请将户口迁入该住所。需携带不动产权证书、户口簿、居民身份证到房屋所在地派出所办理，实行“一站式”迁移，不再开具准迁证。"),
    (17, "身份证快到期了怎么换领新证？",
     "您好！居民身份证有效期满前三个月内可申请换领。本人携带原身份证到任一公安户政窗口办理，现场采集照片和指纹，换领工本费20元，一般20个工作日内制证完成，可选择邮寄。"),
    (18, "身份证丢了急着坐火车怎么办？",
     "您好！居民身份证遗失的，可到任一户政窗口申请补领，同时可申领临时居民身份证，临时身份证一般3个工作日内发放，收费10元。乘坐火车也可在车站公安制证口办理临时乘车身份证明，免费即时办理。"),
    (19, "成年人想改名字要走什么流程？",
     "您好！年满十八周岁的公民变更姓名，由本人持户口簿、居民身份证和书面申请到户籍所在地派出所提出，需说明变更理由并提供相关证明。经审核符合规定的予以办理，姓名变更后需同步更换身份证等证件。"),
    (20, "外地人在本市居住怎么申领居住证？",
     "您好！离开常住户口所在地，在本市居住半年以上，并有合法稳定就业、合法稳定住所或连续就读条件之一的，可以申领居住证。持居民身份证、居住登记凭证和就业或住所证明到居住地派出所或社区警务室申请，15个工作日内发证。"),
    (21, "居住证每年都要签注吗，过期了怎么办？",
     "您好！居住证每年签注一次，持证人应在居住每满一年之日前一个月内，持居住证和居住地住址证明到受理点或通过“警务通”APP办理签注。逾期未签注的，居住证使用功能中止，补办签注后恢复，居住年限自签注之日起连续计算。"),
    (22, "孩子明年上小学，什么时候报名？",
     "您好！本市小学一年级新生入学报名一般在每年5月中旬至6月上旬进行，适龄儿童须年满6周岁。家长可通过“义务教育入学服务平台”在线报名，按户籍和住房情况划片入学，具体时间以教育局当年发布的招生公告为准。"),
    (23, "随迁子女在本市读初中需要哪些材料？",
     "您好！随迁子女申请就读本市初中，需提供监护人的居住证、在本市的就业或经营证明、合法稳定住所证明、户口簿以及学生学籍信息。材料由教育部门统一审核，符合条件的统筹安排到公办学校就读。"),
    (24, "家庭困难的学生有什么资助政策？",
     "您好！本市对家庭经济困难学生实行学前教育到高等教育全学段资助。义务教育阶段免除学杂费、免费提供教科书，对寄宿生发放生活补助；高中阶段有国家助学金和免学费政策。学生可向就读学校提出申请，由学校组织认定。"),
    (25, "怎么申请认定教师资格证？",
     "您好！通过中小学教师资格考试并取得合格证明的人员，可在每年春季和秋季两次认定期内登录中国教师资格网提交申请，再到认定机构现场确认，需提交体检合格证明、学历证书和普通话水平测试等级证书。"),
    (26, "买二手房怎么办理过户手续？",
     "您好！二手房买卖双方签订存量房买卖合同后，共同携带身份证件、不动产权证书、买卖合同和完税凭证到不动产登记中心申请转移登记，也可在“不动产网上登记”平台预约。实行“一窗受理”，资料齐全的5个工作日内办结。"),
    (27, "不动产权证书遗失了如何补办？",
     "您好！不动产权证书遗失的，权利人持身份证件到不动产登记中心申请补证，由登记机构在门户网站刊登遗失声明，声明期满15个工作日后补发新证书，原证书作废。"),
    (28, "办理房屋抵押贷款需要做抵押登记吗？",
     "您好！以不动产设定抵押的，抵押人和抵押权人应当共同申请抵押登记，抵押权自登记时设立。银行已接入不动产登记系统的，可在银行网点直接申请，一般1个工作日办结，电子证明推送给抵押权人。"),
    (29, "怎么查询自己名下有几套房？",
     "您好！权利人可持本人身份证到不动产登记中心查询窗口或自助查询机查询名下不动产登记信息，也可在政务服务网注册实名后在线查询并打印查询结果。查询他人名下房产需持法院或有权机关的证明文件。"),
    (30, "车辆违章了在哪里处理和交罚款？",
     "您好！机动车交通违法可通过“交管12123”APP在线处理并缴纳罚款，也可到任一交警大队违法处理窗口办理。需记分的违法由驾驶人本人处理，罚款可通过网银或银行网点缴纳，逾期不缴每日加处3%罚款。"),
    (31, "驾驶证有效期满了要怎么换证？",
     "您好！机动车驾驶证有效期满前90日内，驾驶人可通过“交管12123”APP或到车管所、警邮合作网点申请换证，需提交身份证明和县级以上医疗机构出具的身体条件证明。申请人年满70周岁的，每年还须提交身体条件证明。"),
    (32, "小汽车几年需要年检一次？",
     "您好！非营运小型、微型载客汽车（面包车除外）6年以内免检，期间每两年申领检验标志；第6年和第10年到检验机构上线检验；超过10年的每年检验1次，超过15年的每半年检验1次。检验前须处理完交通违法和交通事故。"),
    (33, "新买的车去哪里上牌照？",
     "您好！新车注册登记可在购车的4S店代办点或车管所办理，需提交机动车所有人身份证明、购车发票、车辆合格证、交强险凭证和车辆购置税完税证明，车辆须到场查验。号牌可互联网选号，当场领取行驶证和号牌。"),
    (34, "开个小饭馆要办个体工商户营业执照吗？",
     "您好！开办餐饮店应当办理个体工商户营业执照，并在取得营业执照后申领食品经营许可证。经营者可通过“一网通办”平台在线申请或到政务服务中心市场监管窗口办理，提交经营者身份证和经营场所使用证明，材料齐全的当场发照，不收取费用。"),
    (35, "注册一家有限责任公司需要准备哪些材料？",
     "您好！设立有限责任公司需提交公司登记（备案）申请书、公司章程、股东主体资格证明、法定代表人和董事监事经理的任职文件及身份证明、住所使用证明。通过企业开办“一网通办”平台申请，营业执照、公章刻制、发票申领一日办结。"),
    (36, "公司搬到新地址需要变更营业执照吗？",
     "您好！公司变更住所的，应当自变更决议作出之日起30日内向登记机关申请变更登记，提交变更登记申请书、股东会决议和新住所使用证明。跨登记机关辖区迁移的，应当先向迁入地登记机关申请。"),
    (37, "公司不想做了怎么注销？",
     "您好！未发生债权债务或已将债权债务清偿完结的企业，可以申请简易注销登记，通过国家企业信用信息公示系统公示20日后无异议的，向登记机关申请注销；不适用简易程序的，需依法清算后办理普通注销。"),
    (38, "个人所得税年度汇算怎么办理？能退多少税？",
     "您好！纳税人应在次年3月1日至6月30日期间办理上一年度综合所得年度汇算，可通过个人所得税APP自行办理，也可由扣缴单位代办。预缴税额大于年度应纳税额的可以申请退税，退税款退至本人境内银行账户。"),
    (39, "赡养老人和子女教育可以抵扣个税吗？",
     "您好！纳税人可享受子女教育、继续教育、大病医疗、住房贷款利息、住房租金、赡养老人和3岁以下婴幼儿照护等专项附加扣除。可在个人所得税APP填报，由单位在预扣预缴时扣除，也可在年度汇算时申报扣除。"),
    (40, "怎么开具个人所得税纳税记录证明？",
     "您好！纳税人可登录个人所得税APP或自然人电子税务局网页端，在“服务—纳税记录开具”中选择时间段在线开具，也可到任一办税服务厅申请，纳税记录可用于购房、落户、子女入学等。"),
    (41, "结婚登记需要带什么证件？",
     "您好！内地居民办理结婚登记，男女双方须共同到婚姻登记机关，提交本人的户口簿、居民身份证和3张2寸近期半身免冠合影照片。本市已实行婚姻登记“全省通办”，可在一方常住户口或居住地办理。"),
    (42, "家里生活困难怎么申请低保？",
     "您好！共同生活的家庭成员人均收入低于当地城乡低保标准，且家庭财产状况符合规定的，可向户籍所在地乡镇人民政府（街道办事处）申请最低生活保障，也可由村（居）民委员会代为提出。审核确认一般在30个工作日内完成。"),
    (43, "残疾人证怎么办理？",
     "您好！申请人持居民身份证、户口簿和近期2寸免冠照片到户籍所在地县级残联申请，由指定医院进行残疾评定，评定结果符合标准的，残联在15个工作日内审核发证。已开通残疾人证“跨省通办”，可在居住地申请。"),
    (44, "公租房申请需要什么条件？",
     "您好！申请公共租赁住房应具有本市城区户籍或持有本市居住证满一年，家庭人均月收入低于规定标准，且在本市无自有住房。可向户籍所在地或居住地街道办事处提交申请，经审核公示后轮候配租。"),
]

QUESTIONS = {entry_id: question for entry_id, question, _answer in ENTRIES}


@pytest.fixture(scope="module")
def index() -> QuestionIndex:
    return QuestionIndex(ENTRIES)


@pytest.mark.parametrize(("question", "entry_id"), [
    ("自由职业者怎么自己交养老保险？", 1),
    ("社保卡弄丢了咋补？", 4),
    ("被公司辞退了能拿失业金吗", 5),
    ("去外省的医院住院，医保要先备案吗", 7),
    ("明年的居民医保要交多少钱？什么时候交？", 8),
    ("糖尿病病人门诊看病能报销吗", 9),
    ("产假期间的生育津贴找谁领？", 10),
    ("每月还贷款能不能用公积金", 11),
    ("我在外面租房，住房公积金可以拿来交房租吗？", 12),
    ("宝宝出生了去派出所上户口要带什么？", 15),
    ("居民身份证过期了怎么换新的", 17),
    ("离开户籍地来这边工作，暂住的居住证怎么申请", 20),
    ("我家娃今年满6岁了，一年级入学怎么报名？", 22),
    ("房本丢失了怎么办？", 27),
    ("交通违法罚单在网上怎么交？", 30),
    ("驾照到期换证需要体检吗", 31),
    ("私家车年审多久一次", 32),
    ("想开一家餐馆，个体户执照怎么办", 34),
    ("个税汇算清缴的退税怎么申请", 38),
    ("赡养父母的专项附加扣除在哪里填报", 39),
    ("领结婚证要准备什么材料", 41),
    ("申请最低生活保障要什么条件", 42),
    ("申請殘疾證需要什麼材料", 43),
    ("ＡＰＰ上能交城乡居民医保吗", 8),
])
def test_a_question_asked_another_way_finds_its_entry_first(index, question, entry_id):
    matches = index.search(question, limit=3)
    assert matches, question
    assert matches[0].entry_id == entry_id, (question, QUESTIONS[matches[0].entry_id])


@pytest.mark.parametrize("question", [
    "今天天气怎么样？",
    "周末有什么好看的电影推荐",
    "我家的猫跑丢了",
    "明天的足球比赛几点开始",
    "红烧肉怎么做好吃",
    "股票明天会涨吗",
])
def test_an_unrelated_question_gets_no_suggestion(index, question):
    assert index.search(question) == []


def test_a_draft_answer_finds_the_past_answers_like_it(index):
    draft = "参保人到外省就医前，请通过国家医保服务平台APP办理异地就医备案，备案后可直接结算。"
    assert index.search(draft, limit=1)[0].entry_id == 7


def test_a_whole_letter_finds_the_entry_it_asks_about_and_an_unrelated_letter_none(index):
    letter = ("关于公积金提取的咨询 我是一名普通职工，在本市工作已经五年了，去年在城东区买了一套房子，现在每个月要还房贷，"
              "压力比较大。听同事说住房公积金可以提取出来还贷款，请问具体怎么办理？需要准备哪些材料？谢谢！")
    assert index.search(letter)[0].entry_id == 11
    assert index.search("小区门口道路破损 小区门口道路破损严重，雨天积水，居民出行很不方便，希望有关部门尽快修复。") == []


def test_scores_fall_from_the_best_match_and_stay_within_one(index):
    matches = index.search("住房公积金提取", limit=10, min_score=0)
    scores = [match.score for match in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)
    assert {match.entry_id for match in matches[:2]} == {11, 12}


def test_limit_caps_the_suggestions(index):
    assert len(index.search("公积金", limit=2, min_score=0)) == 2
    assert index.search("公积金", limit=0) == []


def test_a_removed_entry_is_no_longer_suggested():
    index = QuestionIndex(ENTRIES)
    assert index.search("房产证丢了怎么补办")[0].entry_id == 27
    index.remove(27)
    assert 27 not in index and len(index) == len(ENTRIES) - 1
    assert all(match.entry_id != 27 for match in index.search("房产证丢了怎么补办", limit=50, min_score=0))
    index.remove(27)
    assert len(index) == len(ENTRIES) - 1


def test_an_added_entry_is_suggested_and_a_changed_one_replaces_the_old_text():
    index = QuestionIndex(ENTRIES)
    index.add(45, "电动自行车怎么上牌？", "您好！电动自行车须持购车发票、合格证和身份证到交警部门登记上牌，免费办理。")
    assert index.search("电动自行车上牌要带什么")[0].entry_id == 45
    index.add(45, "养犬登记证怎么办理？", "您好！养犬人持犬只免疫证明到辖区派出所办理养犬登记。")
    assert all(match.entry_id != 45 for match in index.search("电动自行车上牌", limit=50, min_score=0))
    assert index.search("养狗要办登记证吗")[0].entry_id == 45
    assert len(index) == len(ENTRIES) + 1


def test_an_index_updated_entry_by_entry_ranks_like_one_built_at_once():
    built = QuestionIndex(ENTRIES)
    updated = QuestionIndex(ENTRIES[:20])
    for entry in ENTRIES[20:]:
        updated.add(*entry)
    updated.add(99, "临时条目", "临时答复")
    updated.remove(99)
    for question in ("公积金贷款条件", "驾驶证换证", "随迁子女入学材料"):
        assert updated.search(question) == built.search(question)


def test_a_synced_index_holds_exactly_the_entries_given_and_ranks_like_a_new_one():
    changed = (11, "公积金可以用来还商业贷款吗？", "您好！偿还商业银行住房贷款的，可每年提取一次住房公积金。")
    added = (45, "电动自行车怎么上牌？", "您好！电动自行车须持购车发票、合格证和身份证到交警部门登记上牌。")
    current = [entry for entry in ENTRIES if entry[0] not in (11, 27)] + [changed, added]
    index = QuestionIndex(ENTRIES)
    index.sync(current)
    assert len(index) == len(current) and 27 not in index and 45 in index
    fresh = QuestionIndex(current)
    for question in ("房产证丢了怎么补办", "电动自行车上牌", "公积金还商业贷款", "驾驶证换证"):
        assert {m.entry_id: round(m.score, 9) for m in index.search(question, limit=10, min_score=0)} == {
            m.entry_id: round(m.score, 9) for m in fresh.search(question, limit=10, min_score=0)}


def test_entries_scoring_the_same_keep_the_order_they_were_given():
    index = QuestionIndex([("b", "护照怎么办理", "到出入境窗口办理"), ("a", "护照怎么办理", "到出入境窗口办理")])
    assert [match.entry_id for match in index.search("护照办理")] == ["b", "a"]


def test_traditional_and_full_width_text_match_simplified_text():
    assert tokenize("養老保險ＡＰＰ") == tokenize("养老保险app")


def test_different_wordings_of_a_government_term_become_one_word():
    assert "社保卡" in tokenize("社会保障卡") and "公积金" in tokenize("住房公积金")
    assert "驾驶证" in tokenize("驾照") and "房产证" in tokenize("不动产权证书")


def test_function_words_and_punctuation_are_dropped():
    assert tokenize("请问，我的社保卡在哪里？？！") == ["社保", "社保卡", "哪里"]


@pytest.mark.parametrize("text", ["", "   ", "？！。，、；：“”（）", "...!!!", "\u200b\ufeff", "\ud800\udfff", "的了吗呢"])
def test_an_empty_or_punctuation_only_question_finds_nothing(index, text):
    assert index.search(text) == []


def test_only_the_start_of_a_very_long_text_is_read(index):
    assert index.search("社保卡丢了怎么补办" + "啊" * 1_000_000)[0].entry_id == 4
    assert index.search("啊" * MAX_TEXT + "社保卡丢了怎么补办") == []


def test_an_empty_index_finds_nothing():
    assert QuestionIndex().search("社保卡怎么补办") == []
    assert QuestionIndex([(1, "？？", "！！")]).search("社保卡怎么补办", min_score=0) == []


def test_the_segmenter_starts_quietly_and_keeps_its_cache_in_the_temp_dir(tmp_path):
    started = subprocess.run(
        [sys.executable, "-c", "from govsite.interaction.matching import tokenize; print(tokenize('社会保障卡'))"],
        capture_output=True, text=True, env={"TMPDIR": str(tmp_path)}, cwd=Path(__file__).parents[3], check=True,
    )
    assert started.stdout.strip() == "['社保', '社保卡']" and started.stderr == ""
    assert [path.name for path in tmp_path.iterdir()] == ["jieba.cache"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_the_search(index, text):
    matches = index.search(text, limit=3, min_score=0)
    assert len(matches) <= 3
    assert all(isinstance(match, Match) and match.entry_id in QUESTIONS and 0 < match.score <= 1 for match in matches)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("社保卡公积金户口驾照的了吗？！ 　ＡＢ１２養老")), max_size=60))
def test_texts_made_of_indexed_words_never_break_the_search(index, text):
    assert len(index.search(text, limit=5, min_score=0)) <= 5
