"""Publishing benchmark (issue: static publishing, X4).

Prints: (1) time from final approval to the page and its listings on disk for one article in a site of
20,000 articles; (2) full rebuild speed in pages per second; (3) requests per second for one article
served from the static tree by Debian's nginx against the same page served dynamically by Wagtail.

    .venv/bin/python bench/publishing_bench.py [--articles 20000] [--seconds 10]

Everything runs on 127.0.0.1 in a scratch data directory; nothing else is touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = Path(tempfile.mkdtemp(prefix="govsite-bench-"))
os.environ["GOVSITE_DATA_DIR"] = str(SCRATCH)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.dev")
sys.path.insert(0, str(ROOT))


def setup_site(articles: int):
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from govsite.registry.opening import open_site

    fields = dict(name="基准市人民政府", short_name="基准市政府", site_type="portal", sponsor="基准市人民政府办公室",
                  organizer="基准市电子政务中心", person_in_charge="王基准", person_phone="0873-6000000",
                  person_email="a@jizhun.gov.cn", contact_phone="0873-6000001", site_id_code="5325040099",
                  icp_number="滇ICP备05009999号-1", psb_number="滇公网安备 53250402009999号",
                  domain="www.jizhun.gov.cn")
    record = open_site(fields, hostname="bench.localhost", template="department", city="基准", is_default=True)
    bulk_articles(record, articles)
    return record


def bulk_articles(record, total: int) -> None:
    """Insert `total` live articles across the site's dynamic columns with raw inserts (seconds, not hours)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from govsite.columns.models import ColumnPage
    from govsite.content.models import ArticlePage

    columns = list(ColumnPage.objects.descendant_of(record.site.root_page).filter(
        title__in=["工作动态", "通知公告", "政策文件"]))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    per_column = total // len(columns)
    with transaction.atomic(), connection.cursor() as cursor:
        for column in columns:
            column = Page.objects.get(pk=column.pk)
            start = column.numchild
            pages = []
            for n in range(per_column):
                path = Page._get_path(column.path, column.depth + 1, start + n + 1)
                slug = f"b{n:06d}"
                when = now - dt.timedelta(minutes=(per_column - n) * 30)
                pages.append(Page(
                    path=path, depth=column.depth + 1, numchild=0, title=f"{column.title}第{n}号信息",
                    draft_title=f"{column.title}第{n}号信息", slug=slug, content_type=content_type,
                    live=True, has_unpublished_changes=False, url_path=f"{column.url_path}{slug}/",
                    first_published_at=when, last_published_at=when, locale=locale,
                ))
            created = Page.objects.bulk_create(pages, batch_size=500)
            if created[0].pk is None:
                created = list(Page.objects.filter(path__in=[p.path for p in pages]).order_by("path"))
            cursor.executemany(
                "INSERT INTO content_contentpage (page_ptr_id, published_at, source, author, summary, keywords,"
                " is_major, body) VALUES (%s, %s, %s, '', '', '', %s, %s)",
                [(p.pk, p.first_published_at, record.sponsor, False, "<p>正文。</p>") for p in created],
            )
            cursor.executemany(
                "INSERT INTO content_articlepage (contentpage_ptr_id, kind) VALUES (%s, 'news')",
                [(p.pk,) for p in created],
            )
            Page.objects.filter(pk=column.pk).update(numchild=start + per_column)


def approve_to_disk(record, runs: int = 5) -> list[float]:
    """Final approval of a reviewed article → the publish job has written the page and its listings.

    The site counts as built (its navigation signature is recorded); the sitemap refresh is a separate,
    later job and is timed apart.
    """
    from django.db import transaction
    from django.test import override_settings

    from govsite.columns.models import ColumnPage
    from govsite.content.models import ArticlePage
    from govsite.publishing import plan
    from govsite.publishing.models import SiteBuild
    from govsite.publishing.tasks import run_now

    site = record.site
    SiteBuild.objects.update_or_create(host=site.hostname, defaults={"nav_signature": plan.nav_signature(site)})
    column = ColumnPage.objects.descendant_of(site.root_page).get(title="工作动态")
    timings = []
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for n in range(runs):
        page = ArticlePage(title=f"基准测试新发布信息{n}", body="<p>正文</p>", live=False)
        column.add_child(instance=page)
        revision = page.save_revision()
        with override_settings(TASKS=dummy):  # the follow-up sitemap job is queued, not run here
            started = time.perf_counter()
            with transaction.atomic():
                revision.publish(skip_permission_checks=True)
            run_now("publishing.publish_page", page.pk)
            timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    run_now("publishing.refresh_sitemap", site.pk)
    print(f"    随后的网站地图任务（列出全部页面）：{(time.perf_counter() - started) * 1000:.0f} 毫秒")
    return timings


def rebuild_rate(record, limit: int = 600) -> float:
    from govsite.publishing import plan
    from govsite.publishing.publisher import Publisher

    urls = plan.all_urls(record.site)[:limit]
    started = time.perf_counter()
    Publisher(record.site).publish(urls)
    return len(urls) / (time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int) -> None:
    for _ in range(200):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"端口 {port} 未就绪")


def wrk(port: int, path: str, host: str, seconds: int) -> float:
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "-H", f"Host: {host}", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("Requests/sec"))
    return float(line.split()[1])


def serve_side_by_side(record, seconds: int) -> tuple[float, float]:
    from govsite.content.models import ArticlePage
    from govsite.publishing import plan
    from govsite.publishing.publisher import Publisher, tree_root

    page = ArticlePage.objects.live().descendant_of(record.site.root_page).last()
    path = plan.url_of(page, record.site)
    Publisher(record.site).publish([path])
    nginx_port, django_port = free_port(), free_port()
    conf = SCRATCH / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(f"{user}daemon off; worker_processes 1; pid {SCRATCH}/nginx.pid; error_log {SCRATCH}/nginx.err;\n"
                    f"events {{ worker_connections 1024; }}\nhttp {{ include /etc/nginx/mime.types; access_log off;\n"
                    f"server {{ listen 127.0.0.1:{nginx_port}; root {tree_root()}/$host;\n"
                    f"location / {{ try_files $uri ${{uri}}index.html =404; }} }} }}\n")
    nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(SCRATCH)])
    django_server = subprocess.Popen(
        [sys.executable, "-m", "govsite", "runserver", f"127.0.0.1:{django_port}", "--noreload"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "govsite.settings.dev"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(nginx_port)
        wait_for(django_port)
        host = record.site.hostname
        return wrk(nginx_port, path, host, seconds), wrk(django_port, path, host, seconds)
    finally:
        nginx.terminate()
        django_server.terminate()
        nginx.wait(10)
        django_server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    try:
        started = time.perf_counter()
        record = setup_site(args.articles)
        print(f"准备：{args.articles} 篇文章的网站，用时 {time.perf_counter() - started:.1f} 秒（数据目录 {SCRATCH}）")
        timings = approve_to_disk(record)
        print(f"(1) 终审通过到页面及其列表写入磁盘：中位数 {statistics.median(timings) * 1000:.0f} 毫秒，"
              f"最小 {min(timings) * 1000:.0f}，最大 {max(timings) * 1000:.0f}（{len(timings)} 次）")
        print(f"(2) 全量重建速度：{rebuild_rate(record):.1f} 页/秒（前 600 个地址）")
        if shutil.which("nginx") and shutil.which("wrk"):
            static_rps, dynamic_rps = serve_side_by_side(record, args.seconds)
            print(f"(3) 同一篇文章，每秒请求数：nginx 静态 {static_rps:.0f}，Wagtail 动态 {dynamic_rps:.0f}，"
                  f"倍数 {static_rps / dynamic_rps:.1f}")
        else:
            print("(3) 跳过：需要 Debian 的 nginx 和 wrk 软件包")
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
