"""Benchmark of the knowledge-base matching (I6): hit rates on held-out paraphrases, latency at 200 and 20,000.

The knowledge base is 52 services x 4 aspects (materials, where, time limit, conditions): the stored
question comes from one of several templates, the answer from the service's facts. The questions
asked are hand-written paraphrases in bench/data/knowledge_paraphrases.tsv, none made from a template;
the `dev` set was used to choose the tokenizer and parameters, the `test` set only measures them.

Run standalone, no Django needed: .venv/bin/python bench/knowledge_bench.py
"""

from __future__ import annotations

import json
import random
import statistics
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from govsite.interaction.matching import MIN_SCORE, QuestionIndex, tokenize

SEED = 20260603
DATA = Path(__file__).with_name("data")
LARGE = 20_000
LATENCY_ROUNDS = 3

QUESTION_TEMPLATES = {
    "materials": ("{name}需要提交哪些材料？", "办理{name}要准备什么材料？", "{name}的申请材料有哪些？"),
    "where": ("{name}在哪里办理？", "到哪个部门办理{name}？", "{name}有哪些办理渠道？"),
    "time": ("{name}多长时间可以办结？", "{name}的办理时限是多少？", "办理{name}要等多久？"),
    "conditions": ("哪些人可以申请{name}？", "{name}需要符合什么条件？", "申请{name}有什么条件限制？"),
}
ANSWER_TEMPLATES = {
    "materials": "您好！{name}需提交以下材料：{materials}。材料齐全、符合法定形式的，窗口当场受理。如有疑问可咨询{unit}。",
    "where": "您好！{name}可通过以下渠道办理：{place}。",
    "time": "您好！{name}的办理时限：{time}。",
    "conditions": "您好！{conditions}。具体以{unit}的规定为准。",
}

# Questions no entry answers: a suggestion for any of them is a false one.
UNRELATED = (
    "今天天气怎么样", "周末有什么好看的电影", "红烧肉怎么做才好吃", "明天股市会不会涨", "我家的猫跑丢了怎么办",
    "附近哪家火锅店好吃", "世界杯决赛几点开始直播", "手机屏幕碎了去哪修", "怎么减肥效果最好", "推荐几本好看的小说",
    "孩子不爱吃饭怎么办", "去海南旅游带什么衣服", "高铁上可以带榴莲吗", "家里空调不制冷了", "狗狗打疫苗多少钱",
    "电脑开机很慢怎么处理", "考研英语怎么复习", "蛋糕的做法", "感冒了吃什么药好得快", "周杰伦演唱会门票怎么买",
)

# Padding for the large index: letters about the city and other policies, no service of the bench.
DISTRICTS = ("城东区", "城西区", "高新区", "经开区", "北湖区", "南山区", "临江区", "新城区", "老城区", "滨海新区", "东湖街道", "西关街道")
PLACES = ("幸福路", "人民路", "解放路", "建设路", "文化路", "和平街", "滨江大道", "长安街", "光明小区", "阳光花园",
          "锦绣家园", "翠湖小区", "工业园区", "火车站广场", "中心菜市场", "第三中学门口", "市民公园", "体育馆", "汽车站", "儿童医院附近")
SUBJECTS = ("路灯", "井盖", "垃圾桶", "公交站台", "红绿灯", "人行道", "排水沟", "绿化带", "健身器材", "电梯", "消防通道",
            "停车场", "广场舞音响", "施工工地", "餐馆油烟", "烧烤摊", "共享单车", "小广告", "违章搭建", "化粪池", "自来水管",
            "下水道", "行道树", "斑马线", "减速带")
PROBLEMS = ("坏了很久没人修", "噪音扰民严重", "占道经营", "污水横流", "晚上不亮", "被长期占用", "气味很大", "堆满垃圾",
            "存在安全隐患", "夜间施工影响休息", "损坏严重", "设置不合理", "遮挡视线", "一下雨就积水", "没人管理")
ASKS = ("什么时候能处理", "请相关部门尽快解决", "该找哪个部门反映", "能不能安排人来看看", "希望加强管理", "多次反映一直没解决")
UNITS = ("市城市管理局", "市住房和城乡建设局", "市生态环境局", "市交通运输局", "市市场监督管理局", "街道办事处", "市水务集团", "市供电公司")
POLICIES = ("老旧小区改造", "消费券发放", "人才公寓申请", "农机购置补贴", "稳岗返还", "冬季取暖补贴", "育儿补贴", "新能源汽车补贴",
            "家电以旧换新补贴", "农村危房改造", "退役军人优待", "见义勇为奖励", "电梯加装补助", "小微企业贴息", "文化惠民演出",
            "职业技能培训补贴", "农村宅基地审批", "林权登记", "渔船燃油补贴", "耕地地力保护补贴", "高标准农田建设", "垃圾分类积分",
            "志愿服务时长认证", "献血优待", "科技型中小企业认定", "专利资助", "外贸企业出口退税", "夜市摊位申请", "户外广告设置审批",
            "临时占道审批", "燃气设施改造", "既有住宅节能改造", "医疗器械经营备案", "药品零售许可", "建筑工程施工许可",
            "城市道路挖掘许可", "排水许可", "河道采砂许可", "取水许可", "烟花爆竹零售许可")
POLICY_ASPECTS = ("的申请条件是什么", "需要哪些材料", "在哪里办理", "的办理流程是怎样的", "多久能办好", "补助标准是多少")


@dataclass(frozen=True)
class Paraphrase:
    split: str
    label: str
    text: str


def knowledge_base(rng: random.Random) -> list[tuple[str, str, str]]:
    """One entry per service and aspect: a templated question and an answer made of the service's facts."""
    services = json.loads((DATA / "knowledge_services.json").read_text(encoding="utf-8"))
    entries = []
    for service in services:
        for aspect, templates in QUESTION_TEMPLATES.items():
            question = rng.choice(templates).format(**service)
            entries.append((f"{service['key']}/{aspect}", question, ANSWER_TEMPLATES[aspect].format(**service)))
    return entries


def paraphrases(entries: list[tuple[str, str, str]]) -> list[Paraphrase]:
    """The hand-written questions, each checked to name a real entry and to differ from its stored question."""
    stored = {entry_id: question for entry_id, question, _answer in entries}
    rows = []
    for line in (DATA / "knowledge_paraphrases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        split, label, text = line.split("\t")
        if label not in stored:
            raise SystemExit(f"释义标注的条目不存在：{label}")
        if tokenize(text) == tokenize(stored[label]):
            raise SystemExit(f"释义与条目问题分词相同，不能算作释义：{text}")
        rows.append(Paraphrase(split, label, text))
    return rows


def overlap(entries: list[tuple[str, str, str]], questions: list[Paraphrase]) -> float:
    """Mean Jaccard similarity of the words of each paraphrase and of its stored question."""
    stored = {entry_id: set(tokenize(question)) for entry_id, question, _answer in entries}
    shares = [len(words & stored[p.label]) / len(words | stored[p.label])
              for p in questions for words in [set(tokenize(p.text))]]
    return statistics.mean(shares)


def padding(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """Letters about the city and questions on other policies, unique, as many as asked."""
    questions: set[str] = set()
    while len(questions) < count:
        if rng.random() < 0.6:
            question = (f"{rng.choice(DISTRICTS)}{rng.choice(PLACES)}的{rng.choice(SUBJECTS)}"
                        f"{rng.choice(PROBLEMS)}，{rng.choice(ASKS)}？")
        else:
            question = f"{rng.randint(2021, 2026)}年{rng.choice(DISTRICTS)}{rng.choice(POLICIES)}{rng.choice(POLICY_ASPECTS)}？"
        questions.add(question)
    return [
        (f"pad/{number}", question,
         f"您好！您反映的问题已转{rng.choice(UNITS)}办理，工作人员将于{rng.randint(1, 15)}个工作日内现场核查并答复。感谢您对我市工作的关注。")
        for number, question in enumerate(sorted(questions))
    ]


# The choices matching.py made, each against its alternative, on the same knowledge base and questions.
VARIANTS = (
    ("选定：搜索模式、不猜新词、同义词归并、问题权重 3", {}),
    ("精确模式（不加长词里的短词）", {"tokenizer": partial(tokenize, search_mode=False)}),
    ("jieba HMM 猜新词", {"tokenizer": partial(tokenize, guess_words=True)}),
    ("不归并同义词", {"tokenizer": partial(tokenize, fold_synonyms=False)}),
    ("问题与答复同权重", {"question_weight": 1.0}),
    ("只索引问题，不看答复", {"answer_weight": 0.0}),
    ("BM25 k1 2.0", {"k1": 2.0}),
    ("BM25 b 0.3", {"b": 0.3}),
)


def hit_rates(index: QuestionIndex, questions: list[Paraphrase]) -> tuple[float, float, float]:
    """Top-1 and top-3 hit rates ignoring the threshold, and top-3 counting only suggestions above it."""
    top1 = top3 = suggested = 0
    for question in questions:
        matches = index.search(question.text, limit=3, min_score=0)
        ids = [match.entry_id for match in matches]
        top1 += ids[:1] == [question.label]
        top3 += question.label in ids
        suggested += any(m.entry_id == question.label and m.score >= MIN_SCORE for m in matches)
    return top1 / len(questions), top3 / len(questions), suggested / len(questions)


def latencies(index: QuestionIndex, texts: list[str]) -> tuple[float, float]:
    """Median and 95th percentile of one search, in milliseconds, over several rounds of the questions."""
    timings = []
    for _ in range(LATENCY_ROUNDS):
        for text in texts:
            started = time.perf_counter()
            index.search(text, limit=5)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)]


def timed_build(entries: list[tuple[str, str, str]]) -> tuple[QuestionIndex, float, float]:
    """The index, and the wall and CPU seconds it took to build (CPU time counts when the machine is busy)."""
    started, started_cpu = time.perf_counter(), time.process_time()
    index = QuestionIndex(entries)
    return index, time.perf_counter() - started, time.process_time() - started_cpu


def report(name: str, index: QuestionIndex, questions: list[Paraphrase]) -> None:
    top1, top3, suggested = hit_rates(index, questions)
    print(f"  {name}（{len(questions)} 问）：top-1 {top1:.1%}，top-3 {top3:.1%}，"
          f"top-3 且得分不低于阈值 {MIN_SCORE} {suggested:.1%}")


def compare(entries: list[tuple[str, str, str]], dev: list[Paraphrase], held_out: list[Paraphrase]) -> None:
    print("各项选择与其替代做法（top-1 / top-3）：")
    for name, options in VARIANTS:
        index = QuestionIndex(entries, **options)
        dev_rates, test_rates = hit_rates(index, dev), hit_rates(index, held_out)
        print(f"  {name}：dev {dev_rates[0]:.1%} / {dev_rates[1]:.1%}，test {test_rates[0]:.1%} / {test_rates[1]:.1%}")


def main() -> None:
    """Build both indexes, print hit rates, false suggestions, latency and the cost of keeping current."""
    rng = random.Random(SEED)
    tokenize("预热分词器")
    entries = knowledge_base(rng)
    asked = paraphrases(entries)
    dev = [p for p in asked if p.split == "dev"]
    held_out = [p for p in asked if p.split == "test"]
    texts = [p.text for p in asked]

    small, small_build, small_cpu = timed_build(entries)
    print(f"知识库 {len(small)} 条，建索引 {small_build * 1000:.0f} 毫秒（CPU {small_cpu * 1000:.0f} 毫秒）；"
          f"留出集的问法与条目问题词语重合度（Jaccard）平均 {overlap(entries, held_out):.2f}")
    report("调参集 dev", small, dev)
    report("留出集 test", small, held_out)
    false_hits = sum(bool(small.search(text)) for text in UNRELATED)
    print(f"  无关问题 {len(UNRELATED)} 个，给出建议的 {false_hits} 个（阈值 {MIN_SCORE}）")
    median, p95 = latencies(small, texts)
    print(f"  每次查询：中位数 {median:.2f} 毫秒，p95 {p95:.2f} 毫秒")
    compare(entries, dev, held_out)

    large_entries = entries + padding(rng, LARGE - len(entries))
    large, large_build, large_cpu = timed_build(large_entries)
    print(f"知识库 {len(large)} 条（其余为生成的来信和其他政策问答），建索引 {large_build:.1f} 秒"
          f"（CPU {large_cpu:.1f} 秒，每千条 {large_cpu / len(large) * 1000:.2f} 秒，几乎全是 jieba 分词）")
    report("留出集 test", large, held_out)
    median, p95 = latencies(large, texts)
    print(f"  每次查询：中位数 {median:.2f} 毫秒，p95 {p95:.2f} 毫秒")
    started = time.perf_counter()
    large.add("new/1", "电动自行车怎么上牌？", "您好！电动自行车持购车发票、合格证和身份证到交警部门登记上牌，免费办理。")
    large.remove("new/1")
    changed = time.perf_counter() - started
    first = []
    for text in texts[:20]:
        large.add("new/1", "电动自行车怎么上牌？", "您好！持购车发票和身份证到交警部门登记上牌。")
        started = time.perf_counter()
        large.search(text, limit=5)
        first.append((time.perf_counter() - started) * 1000)
    large.remove("new/1")
    print(f"  增加并删除一条 {changed * 1000:.1f} 毫秒；改动后的第一次查询中位数 {statistics.median(first):.1f} 毫秒")
    current = [entry for entry in large_entries if entry[0] != "pad/0"]
    current.append(("new/2", "养犬登记证怎么办理？", "您好！持犬只免疫证明到辖区派出所办理养犬登记。"))
    started = time.perf_counter()
    large.sync(current)
    print(f"  按知识库现状同步（删一条、加一条，其余 {len(current) - 1} 条比对指纹）{(time.perf_counter() - started) * 1000:.0f} 毫秒")


if __name__ == "__main__":
    main()
