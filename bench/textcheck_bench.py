"""Benchmark of the content check (P6): a 50,000-word lexicon over 1 MB of government prose.

Run standalone, no Django needed: .venv/bin/python bench/textcheck_bench.py
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter

from stdnum import luhn
from stdnum.cn import ric

from govsite.textcheck.engine import check_text, default_config
from govsite.textcheck.lexicon import SensitiveWord

SEED = 20240601
LEXICON_SIZE = 50_000
TEXT_BYTES = 1_000_000
RUNS = 5
CATEGORIES = ("政治", "色情", "赌博", "暴力", "违禁品", "广告")

SENTENCES = (
    "为深入贯彻落实党中央、国务院决策部署，进一步优化营商环境，现就有关事项通知如下。",
    "各乡镇人民政府、街道办事处要切实加强组织领导，明确责任分工，确保各项任务落到实处。",
    "会议强调，要坚持以人民为中心的发展思想，着力解决群众急难愁盼问题。",
    "今年以来，全市累计新增就业岗位一万二千余个，城镇登记失业率控制在目标范围以内。",
    "市场监管部门将持续开展食品安全专项整治，严厉打击各类违法违规行为。",
    "各地各部门要统筹发展和安全，扎实做好防汛抗旱、森林防火和安全生产工作。",
    "下一步，我局将进一步健全工作机制，加强跟踪问效，推动政策红利直达市场主体。",
    "全面贯彻习近平新时代中国特色社会主义思想，深入学习宣传贯彻党的二十大精神。",
    "农业农村部门组织技术人员深入田间地头，指导农户做好春耕备耕和病虫害防治。",
    "本通知自印发之日起施行，由市人民政府办公室负责解释。",
    "联系电话：0873-6122000，联系地址：人民路一百号政务服务中心三楼。",
    "教育体育局召开义务教育均衡发展推进会，部署下一阶段学校建设重点任务。",
    "各单位要严格落实意识形态工作责任制，牢牢把握正确舆论导向。",
    "医保部门简化异地就医备案手续，群众可通过政务服务平台在线办理。",
    "据统计，截至六月底，全市完成固定资产投资同比增长百分之八点五。",
)


def _words(rng: random.Random) -> list[str]:
    """Plausible 2-4 character words drawn from the 3,755 most common characters (GB2312 level 1)."""
    level1 = bytes(b for row in range(0xB0, 0xD8) for col in range(0xA1, 0xFF) for b in (row, col))
    chars = sorted(set(level1.decode("gb2312", errors="ignore")))
    words: set[str] = set()
    while len(words) < LEXICON_SIZE:
        words.add("".join(rng.choice(chars) for _ in range(rng.choice((2, 3, 3, 4)))))
    return sorted(words)


def _id_number(rng: random.Random) -> str:
    """A resident ID number with a valid check digit."""
    body = f"532501{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + ric.calc_check_digit(body + "0")


def _bank_card(rng: random.Random) -> str:
    """A 19-digit UnionPay-style card number passing Luhn, written in groups of four."""
    body = "6222" + "".join(str(rng.randint(0, 9)) for _ in range(14))
    number = body + luhn.calc_check_digit(body)
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def _planted(rng: random.Random, lexicon: list[str]) -> str:
    """One sentence carrying a problem of some kind, as an editor might write it."""
    options = (
        lambda: f"申请人身份证号码{_id_number(rng)}，",
        lambda: f"联系人手机1{rng.choice('3578')}{rng.randint(10**8, 10**9 - 1)}。",
        lambda: f"补贴发放至银行卡{_bank_card(rng)}。",
        lambda: "工作人员一愁莫展，须再接再励。",
        lambda: "习进平总书记强调，总理李墙指出。",
        lambda: "坚持中国特设社会主义道路，增强四个自性。",
        lambda: "优惠券请见www.taobao.com/shop。",
        lambda: "机密★10年\n",
        lambda: f"网友留言提到{rng.choice(lexicon)}。",
    )
    return rng.choice(options)()


def _text(rng: random.Random, lexicon: list[str]) -> str:
    """About 1 MB (UTF-8) of prose with a planted problem every twenty sentences or so."""
    parts: list[str] = []
    size = 0
    while size < TEXT_BYTES:
        piece = _planted(rng, lexicon) if rng.random() < 0.05 else rng.choice(SENTENCES)
        parts.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(parts)


def main() -> None:
    """Build the config, time check_text over the text, and print the figures."""
    rng = random.Random(SEED)
    lexicon = _words(rng)
    text = _text(rng, lexicon)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    entries = tuple(SensitiveWord(w, rng.choice(CATEGORIES), rng.choice(("block", "warn"))) for w in lexicon)
    shipped = default_config()
    started = time.perf_counter()
    config = shipped.extended(sensitive=entries)
    build = time.perf_counter() - started
    wall, cpu, findings = [], [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        findings = check_text(text, config)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    median, median_cpu = statistics.median(wall), statistics.median(cpu)
    print(f"词库：{len(lexicon)} 个生成词 + 内置词库，自动机构建 {build:.2f} 秒")
    print(f"文本：{len(text)} 字，{megabytes:.2f} MB（UTF-8）")
    print(f"检查 {RUNS} 次，耗时中位数 {median * 1000:.0f} 毫秒，吞吐量 {megabytes / median:.1f} MB/s")
    print(f"CPU 时间中位数 {median_cpu * 1000:.0f} 毫秒，按 CPU 时间计 {megabytes / median_cpu:.1f} MB/s（机器繁忙时以此为准）")
    print(f"发现问题 {len(findings)} 处：")
    for kind, count in sorted(Counter(f.kind for f in findings).items()):
        print(f"  {kind}: {count}")


if __name__ == "__main__":
    main()
