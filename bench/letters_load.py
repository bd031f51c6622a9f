"""Load test of letter submissions (I1, X4): N letters written at once to the public app on PostgreSQL.

A fresh database on 127.0.0.1:5432 gets the migrations, a master key pair (X7) and one portal site;
gunicorn serves `govsite.wsgi_public` with the production settings, the cache and the rate limits in
Redis. Each letter is written as a browser behind the local nginx writes it: GET the form (CSRF
cookie and token), then POST it over "HTTPS" (X-Forwarded-Proto) from a visitor address
(X-Forwarded-For, believed from 127.0.0.1), with a captcha solved honestly through the shared
SECRET_KEY. The rate limit stays as deployed: each address writes exactly as many letters as it
allows, so a miscount would show as a 429. Then the database must hold every letter exactly once.

    .venv/bin/python bench/letters_load.py [--letters 2000 --concurrency 200 --workers 4]

Prints throughput, latencies and PASS/FAIL (exit status 1 on FAIL); the database, the Redis db and
the scratch directory are removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DB_NAME = "govsite_bench_letters"
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
REDIS_DB = 13
HOST = "www.jizhun.gov.cn"
WRITE_PATH = "/hudong/xiexin/"
# The first visitor address; letter i comes from FIRST_ADDRESS + i // (letters one address may write).
FIRST_ADDRESS = ipaddress.ip_address("10.20.0.1")
KINDS = ("consultation", "suggestion", "help", "complaint", "report")
MARKER = re.compile(r"LT(\d{6})")
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERY_CODE = re.compile(r'id="query-code">([^<]+)<')

PORTAL_FIELDS = dict(
    name="基准市人民政府", short_name="基准市政府", site_type="portal", sponsor="基准市人民政府办公室",
    organizer="基准市电子政务中心", person_in_charge="王基准", person_phone="0873-6000000",
    person_email="a@jizhun.gov.cn", contact_phone="0873-6000001", site_id_code="5325040099",
    icp_number="滇ICP备05009999号-1", psb_number="滇公网安备 53250402009999号", domain=HOST,
)


@dataclass
class Outcome:
    """What one writer saw: the form's and the submission's status and seconds, and the code shown."""

    number: int
    get_status: int = 0
    get_seconds: float = 0.0
    post_status: int = 0
    post_seconds: float = 0.0
    query_code: str = ""
    error: str = ""


def configure_environment(scratch: Path) -> None:
    """Production settings from the environment, shared by this process and gunicorn (same SECRET_KEY)."""
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "govsite.settings.production",
        "GOVSITE_SECRET_KEY": secrets.token_urlsafe(50),
        "GOVSITE_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"{POSTGRES}/{DB_NAME}",
        "GOVSITE_REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "GOVSITE_TRUSTED_PROXIES": "127.0.0.1",
        "GOVSITE_DATA_DIR": str(scratch),
    })
    os.environ.pop("GOVSITE_ROLE", None)
    sys.path.insert(0, str(ROOT))


def recreate_database(drop_only: bool = False) -> None:
    """Drop the bench database (closing any session left on it) and, unless told otherwise, create it anew."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{DB_NAME}"')


def setup_site():
    """Master key, migrations, platform groups and the portal; the cache (one Redis db) emptied."""
    import django
    from django.core.cache import cache
    from django.core.management import call_command

    django.setup()
    from govsite.publishing.signals import suspended
    from govsite.registry.opening import open_site
    from govsite.review.groups import ensure_platform_groups
    from govsite.security.keyring import initialise_master

    initialise_master()
    call_command("migrate", verbosity=0)
    cache.clear()
    with suspended():
        ensure_platform_groups()
        return open_site(dict(PORTAL_FIELDS), hostname=HOST, template="city_portal", city="基准", port=443,
                         is_default=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def browser_headers(address: str) -> dict[str, str]:
    """What the local nginx passes on for a browser on HTTPS at `address`."""
    return {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": address,
            "User-Agent": "govsite-letters-bench"}


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    """The public app as deployed (docs/deployment.md), answering once the write form renders."""
    import httpx

    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "govsite.wsgi_public:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--backlog", "4096", "--timeout", "120"],
        cwd=ROOT, env=os.environ.copy(), stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn 启动失败，见 {log}：\n{log.read_text(errors='replace')[-3000:]}")
        try:
            response = httpx.get(f"http://127.0.0.1:{port}{WRITE_PATH}", headers=browser_headers("10.0.0.1"))
            if response.status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn 60 秒内没有应答")


def letter_data(number: int) -> dict[str, str]:
    """The fields a writer fills in, with the marker LT<number> in the title and the content."""
    return {
        "kind": KINDS[number % len(KINDS)], "channel": "leader" if number % 7 == 0 else "mailbox",
        "title": f"压测来信LT{number:06d}号",
        "content": f"第{number}封压测来信（LT{number:06d}）：幸福路的路灯坏了很久没人修，请相关部门尽快处理。",
        "name": f"压测{number % 100}号", "phone": f"138{number:08d}", "id_number": "",
        "address": "基准市人民路1号", "email": "", "wants_public": "on", "consent": "on",
    }


async def write_letter(client, semaphore: asyncio.Semaphore, number: int, address: str) -> Outcome:
    """GET the form for its CSRF cookie and token, then POST the letter, as one browser does."""
    from govsite.formguard.testing import solved_captcha

    outcome = Outcome(number)
    headers = browser_headers(address)
    async with semaphore:
        try:
            started = time.perf_counter()
            form = await client.get(WRITE_PATH, headers=headers)
            outcome.get_seconds, outcome.get_status = time.perf_counter() - started, form.status_code
            token = CSRF_TOKEN.search(form.text)
            cookie = form.cookies.get("csrftoken")
            if form.status_code != 200 or token is None or cookie is None:
                outcome.error = "表单页没有 CSRF 令牌"
                return outcome
            # The cookie is Secure: a browser on HTTPS sends it back; httpx on plain http would not.
            headers |= {"Cookie": f"csrftoken={cookie}", "Origin": f"https://{HOST}",
                        "Referer": f"https://{HOST}{WRITE_PATH}"}
            data = letter_data(number) | solved_captcha() | {"csrfmiddlewaretoken": token[1]}
            started = time.perf_counter()
            response = await client.post(WRITE_PATH, headers=headers, data=data)
            outcome.post_seconds, outcome.post_status = time.perf_counter() - started, response.status_code
            shown = QUERY_CODE.search(response.text)
            outcome.query_code = shown[1].strip() if shown else ""
        except Exception as error:  # a transport failure is a finding of the bench, not a crash
            outcome.error = f"{type(error).__name__}: {error}"
    return outcome


async def fire(port: int, letters: int, concurrency: int, per_address: int) -> tuple[list[Outcome], float]:
    """Every letter at once, at most `concurrency` writers in flight; the outcomes and the wall seconds."""
    import httpx

    semaphore = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=300) as client:
        started = time.perf_counter()
        outcomes = await asyncio.gather(*(
            write_letter(client, semaphore, number, str(FIRST_ADDRESS + number // per_address))
            for number in range(letters)
        ))
    return list(outcomes), time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] * 1000


def stored_problems(record, outcomes: list[Outcome], letters: int) -> list[str]:
    """Every way the database differs from what the writers were shown: lost, doubled, or mismatched letters."""
    from govsite.interaction.models import Letter

    rows = list(Letter.objects.filter(site=record).values_list("title", "query_code"))
    problems = []
    if len(rows) != letters:
        problems.append(f"库中信件 {len(rows)} 封，应为 {letters} 封")
    markers = Counter(int(match[1]) for title, _code in rows if (match := MARKER.search(title)))
    lost = [n for n in range(letters) if markers[n] == 0]
    doubled = [n for n, count in markers.items() if count > 1]
    if lost:
        problems.append(f"丢失 {len(lost)} 封，如 {lost[:5]}")
    if doubled:
        problems.append(f"重复 {len(doubled)} 封，如 {doubled[:5]}")
    codes = Counter(code for _title, code in rows)
    if len(codes) != len(rows):
        problems.append(f"查询码重复 {sum(c - 1 for c in codes.values() if c > 1)} 个")
    code_of = {int(match[1]): code for title, code in rows if (match := MARKER.search(title))}
    mismatched = [o.number for o in outcomes if o.query_code and code_of.get(o.number) != o.query_code]
    if mismatched:
        problems.append(f"页面显示的查询码与库中不符 {len(mismatched)} 封，如 {mismatched[:5]}")
    return problems


def guard_cost(rounds: int = 2000) -> float:
    """Milliseconds per submission of the Redis work of the guards: the rate-limit count and the captcha's mark."""
    from django.core.cache import caches

    from govsite.formguard.ratelimit import configured_rate, count_hit

    cache, rate = caches["default"], configured_rate("letters", None)
    started = time.perf_counter()
    for n in range(rounds):
        count_hit(cache, f"bench:rate:{n}", rate, time.time())
        cache.add(f"bench:captcha:{n}", 1, timeout=60)
    return (time.perf_counter() - started) / rounds * 1000


def report(outcomes: list[Outcome], seconds: float, client_cpu: float, args) -> list[str]:
    """Print the figures; the problems of the responses (anything but 200 and a code)."""
    posts = [o.post_seconds for o in outcomes if o.post_status]
    gets = [o.get_seconds for o in outcomes if o.get_status]
    statuses = Counter(o.post_status for o in outcomes)
    accepted = sum(1 for o in outcomes if o.post_status == 200 and o.query_code)
    print(f"{args.letters} 封来信，并发 {args.concurrency}，gunicorn 同步 worker {args.workers} 个，"
          f"{os.cpu_count()} 核（压测客户端与服务器同机）")
    print(f"  总耗时 {seconds:.1f} 秒，吞吐 {accepted / seconds:.1f} 封/秒（每封 = GET 表单 + POST 提交）；"
          f"客户端 CPU {client_cpu:.1f} 秒")
    if posts:
        print(f"  提交 POST 延迟：p50 {percentile(posts, 0.50):.0f} 毫秒，p95 {percentile(posts, 0.95):.0f} 毫秒，"
              f"p99 {percentile(posts, 0.99):.0f} 毫秒，最长 {max(posts) * 1000:.0f} 毫秒，"
              f"平均 {statistics.mean(posts) * 1000:.0f} 毫秒")
    if gets:
        print(f"  表单 GET 延迟：p50 {percentile(gets, 0.50):.0f} 毫秒，p95 {percentile(gets, 0.95):.0f} 毫秒")
    print(f"  提交状态码：{dict(sorted(statuses.items()))}；成功并显示查询码 {accepted} 封")
    problems = []
    errors = [o for o in outcomes if o.error or o.post_status != 200 or not o.query_code]
    if errors:
        samples = "；".join(f"#{o.number} {o.post_status or o.get_status} {o.error}" for o in errors[:5])
        problems.append(f"失败 {len(errors)} 封：{samples}")
    print(f"  错误 {len(errors)} 封")
    return problems


def release_django() -> None:
    """Empty the bench's Redis db and close its database connections, if Django got that far."""
    from django.apps import apps

    if apps.ready:
        from django.core.cache import cache
        from django.db import connections

        cache.clear()
        connections.close_all()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="govsite-letters-bench-"))
    configure_environment(scratch)
    recreate_database()
    server = None
    try:
        record = setup_site()
        from django.db import connections

        from govsite.formguard.ratelimit import configured_rate

        per_address = configured_rate("letters", None).count
        connections.close_all()
        port = free_port()
        server = start_gunicorn(port, args.workers, scratch / "gunicorn.log")
        print(f"限流按部署值：每个访客地址 {per_address} 封，共 {-(-args.letters // per_address)} 个地址")
        cpu = time.process_time()
        outcomes, seconds = asyncio.run(fire(port, args.letters, args.concurrency, per_address))
        problems = report(outcomes, seconds, time.process_time() - cpu, args)
        problems += stored_problems(record, outcomes, args.letters)
        print(f"  Redis 上限流计数 + 验证码一次性标记：每封 {guard_cost():.2f} 毫秒（本进程顺序测得）")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        release_django()
        recreate_database(drop_only=True)
        shutil.rmtree(scratch, ignore_errors=True)
    for problem in problems:
        print(f"  问题：{problem}")
    print("PASS" if not problems else "FAIL")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
