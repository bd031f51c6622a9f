"""Site search latency (U1) at 100,000 indexed items, on a fresh SQLite database (or PostgreSQL with
DATABASE_URL). Not run by pytest.

    .venv/bin/python bench/search_bench.py [--items 100000 --rounds 5] [--keep DIR] [--reuse]

--keep DIR keeps the SQLite database in DIR; --reuse measures a database built by an earlier run (the kept
one, or the PostgreSQL database of DATABASE_URL, which must exist: the script migrates it, never drops it).

Items are written in bulk (pages, content rows and the search index through the configured backend, with
the same segmented fields publishing indexes), then each query runs the endpoint's own path —
`params.parse` of the query string, `query.search` and the hits with highlights — and, separately, the
whole public request through the Django test client (middleware, rendering). Prints p50/p95/max per query.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
HOST = "bench.localhost"
DEPT_HOST = "dept.bench.localhost"
CHUNK = 2000
PLACES = ["城区", "东山镇", "西一镇", "虹溪镇", "竹园镇", "朋普镇", "巡检司镇", "五山乡", "江边乡", "新哨镇"]
SUBJECTS = ["城乡居民医保参保缴费", "优化营商环境", "安全生产专项整治", "森林防火", "防汛抗旱", "义务教育招生",
            "农村人居环境整治", "高标准农田建设", "就业创业补贴", "养老服务体系建设", "政务服务“一网通办”",
            "食品安全抽检", "道路交通安全", "生态环境保护督察", "乡村振兴重点帮扶", "住房公积金缴存",
            "最低生活保障", "退役军人优抚", "文化旅游融合发展", "城市更新改造"]
FORMS = ["关于做好{s}工作的通知", "{p}召开{s}推进会", "{p}扎实开展{s}", "关于印发{s}实施方案的通知",
         "{s}政策解读", "{p}{s}工作取得阶段性成效", "关于{s}有关事项的公告", "市政府常务会议研究部署{s}"]
SENTENCES = ["会议强调，要提高政治站位，压紧压实工作责任。", "各乡镇、各部门要结合实际，细化工作措施。",
             "要加强统筹协调，形成工作合力，确保各项任务落到实处。", "对工作中发现的问题，要建立台账，限期整改。",
             "各单位要加强宣传引导，营造良好社会氛围。", "市直有关部门负责同志参加会议。",
             "下一步，将持续巩固拓展工作成果，不断提升群众满意度。", "请各地于每月5日前报送工作进展情况。"]
LEADERS = ["张三丰", "李四海", "王五岳", "赵六顺", "钱七星"]
QUERIES = [
    ({"q": "医保"}, "two-character word"),
    ({"q": "营商环境"}, "four-character word"),
    ({"q": "城乡居民医保缴费"}, "long query, three words"),
    ({"q": "钱七星"}, "rare name (body only)"),
    ({"q": "通知"}, "very common word"),
    ({"q": "工作"}, "in nearly every item"),
    ({"q": "医保", "order": "date"}, "newest first"),
    ({"q": "防汛抗旱", "from": "2025-01-01", "to": "2025-06-30"}, "date range"),
    ({"q": "安全生产", "type": "content.policypage"}, "type filter"),
    ({"q": "森林防火", "column": "{column}"}, "column filter"),
    ({"q": "乡村振兴", "scope": "all"}, "whole platform"),
    ({"q": "不存在的词语组合"}, "no result"),
]


def build(items: int) -> dict:
    """Two sites and `items` articles and policies spread over their columns, indexed as publishing does."""
    from django.core.management import call_command
    from django.db import connection

    from govsite.columns.models import ColumnPage
    from govsite.demo.city import DEPARTMENTS, PORTAL
    from govsite.publishing.signals import suspended
    from govsite.registry.opening import open_site

    call_command("migrate", verbosity=0)
    with suspended():
        portal = open_site(dict(PORTAL.fields), hostname=HOST, template=PORTAL.template, city=PORTAL.city,
                           is_default=True)
        dept = DEPARTMENTS[0]
        department = open_site({**dept.fields, "parent": portal}, hostname=DEPT_HOST, template=dept.template,
                               city=dept.city)
    columns = [c for record in (portal, department)
               for c in ColumnPage.objects.descendant_of(record.site.root_page) if c.is_leaf()]
    rng = random.Random(7)
    began = time.perf_counter()
    for start in range(0, items, CHUNK):
        _write_chunk(rng, columns, start, min(CHUNK, items - start))
        print(f"\r{start + CHUNK:>7} items written and indexed, {time.perf_counter() - began:5.0f} s", end="")
    print()
    for column in columns:
        ColumnPage.objects.filter(pk=column.pk).update(numchild=column.get_children().count())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a database that has run for a while has them
    return values()


def values() -> dict:
    """Values the queries refer to: the column of the first item."""
    from govsite.content.models import ContentPage

    return {"column": str(ContentPage.objects.order_by("pk").first().get_parent().pk)}


def _write_chunk(rng: random.Random, columns: list, start: int, count: int) -> None:
    """Insert pages, content rows and index entries for `count` items; the index through the search backend."""
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models.sql import InsertQuery
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from govsite.content.models import ArticlePage, ContentPage, PolicyPage

    types = {model: ContentType.objects.get_for_model(model) for model in (ArticlePage, PolicyPage)}
    by_model: dict[type, list] = {ArticlePage: [], PolicyPage: []}
    with transaction.atomic():
        pages = []
        for n in range(start, start + count):
            column = columns[n % len(columns)]
            model = PolicyPage if n % 5 == 0 else ArticlePage
            title = rng.choice(FORMS).format(s=rng.choice(SUBJECTS), p=rng.choice(PLACES))
            body = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(4, 10)))
            if n % 1000 == 0:
                body = f"副市长{rng.choice(LEADERS)}出席会议并讲话。" + body
            when = timezone.now() - dt.timedelta(days=rng.uniform(0, 5 * 365))
            extra = {"issuing_authority": "弥勒市人民政府", "written_date": when.date(),
                     "document_number": f"弥政发〔{when.year}〕{n}号"} if model is PolicyPage else {}
            page = model(title=title, slug=f"t{n}", body=f"<p>{body}</p>", summary=body[:40], published_at=when,
                         live=True, first_published_at=when, last_published_at=when, url_path="",
                         depth=column.depth + 1, path=Page._get_path(column.path, column.depth + 1, n // len(columns) + 1),
                         content_type=types[model], locale_id=column.locale_id, draft_title=title, **extra)
            page.url_path = f"{column.url_path}t{n}/"
            pages.append(page)
            by_model[model].append(page)
        base = Page.objects.bulk_create([Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.local_concrete_fields
                                                 if f.attname != "id"}) for p in pages])
        for page, row in zip(pages, base, strict=True):
            page.id = page.page_ptr_id = page.contentpage_ptr_id = row.id
        for model in (ContentPage, ArticlePage, PolicyPage):
            rows = [p for p in pages if isinstance(p, model)]
            fields = [f for f in model._meta.local_concrete_fields]
            query = InsertQuery(model)
            query.insert_values(fields, rows)
            query.get_compiler(using="default").execute_sql()
        backend = get_search_backend()
        for model, rows in by_model.items():
            backend.get_index_for_model(model).add_items(model, rows)


def measure(label: str, run, rounds: int) -> None:
    latencies = []
    for _ in range(rounds):
        began = time.perf_counter()
        result = run()
        latencies.append((time.perf_counter() - began) * 1000)
    found = f"{result:>6}" if isinstance(result, int) else f"{'':>6}"
    print(f"  {label:<34} found {found}  p50 {statistics.median(latencies):7.1f} ms  "
          f"p95 {_p95(latencies):7.1f} ms  max {max(latencies):7.1f} ms")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", help="a directory for the SQLite database, kept for later runs")
    parser.add_argument("--reuse", action="store_true", help="the database (kept or DATABASE_URL) is built")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govsite-search-bench-") as folder:
        folder = args.keep or folder
        reuse = args.reuse
        os.environ.update(GOVSITE_DATA_DIR=folder, GOVSITE_ROLE="public", DJANGO_SETTINGS_MODULE="govsite.settings.dev")
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.test.client import RequestFactory
        from django.test.utils import setup_test_environment
        from wagtail.models import Site

        from govsite.sitesearch.params import parse
        from govsite.sitesearch.query import search, visible_sites

        setup_test_environment()  # the test client's response.context, for the counts
        settings.ALLOWED_HOSTS = ["*"]
        settings.GOVSITE_RATE_LIMITS = {**settings.GOVSITE_RATE_LIMITS, "search": None, "search:global": None}
        print(f"database: {connection.vendor}")
        print("reusing the kept database" if reuse else f"building {args.items} items …")
        found = values() if reuse else build(args.items)
        site = Site.objects.get(hostname=HOST)
        request = RequestFactory().get("/search/", HTTP_HOST=HOST)
        client = Client()
        client.get("/search/", {"q": "预热城乡居民医保"}, HTTP_HOST=HOST)  # loads jieba, as a process does once
        print(f"query path (parse + search + highlighted hits), {args.rounds} rounds each:")
        for query, label in QUERIES:
            query = {k: v.format(**found) for k, v in query.items()}

            def run(query=query):
                params = parse(query)
                column = None
                if params.column:
                    from govsite.columns.models import ColumnPage

                    column = ColumnPage.objects.get(pk=params.column)
                sites = visible_sites() if params.whole_platform else [site]
                outcome = search(sites, params, column, request)
                return outcome.paginator_page.paginator.count

            measure(label, run, args.rounds)
        print(f"whole request GET /search/ through the test client, {args.rounds} rounds each:")
        for query, label in QUERIES:
            query = {k: v.format(**found) for k, v in query.items()}

            def get(query=query):
                response = client.get("/search/", query, HTTP_HOST=HOST)
                assert response.status_code == 200, response.status_code
                return response.context["outcome"].paginator_page.paginator.count

            measure(label, get, args.rounds)


if __name__ == "__main__":
    main()
