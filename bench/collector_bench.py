"""Collector benchmark (G1): items collected per minute from a local upstream source of 10,000 items.

A separate process serves a made-up province portal on 127.0.0.1: list pages of `--per-page` items linked
by 下一页, and detail pages with the national meta tags (every tenth with a PDF attachment). One collection
run reads the list and stores every item as a draft submitted into the site's review workflow, as in
production. Prints items per minute and the peak memory of the collecting process.

    .venv/bin/python bench/collector_bench.py [--items 10000] [--per-page 200]

Runs in a scratch data directory (SQLite unless DATABASE_URL is set); nothing else is touched.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = Path(tempfile.mkdtemp(prefix="govsite-bench-collector-"))
os.environ["GOVSITE_DATA_DIR"] = str(SCRATCH)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.dev")
sys.path.insert(0, str(ROOT))

SITE, COLUMN = "云南省人民政府", "政策文件"
_DETAIL = re.compile(r"^/zcwj/t(\d+)\.html$")
_LIST = re.compile(r"^/zcwj/index(?:_(\d+))?\.html$")


def serve(items: int, per_page: int, port_queue) -> None:
    """The upstream site, in its own process so that serving does not share the collector's interpreter."""
    from govsite.collector.tests.upstream import Upstream, detail_markup, html_page, list_markup
    from govsite.formguard.tests.test_uploads import pdf_bytes

    pages = -(-items // per_page)
    pdf = (200, pdf_bytes(), "application/pdf")

    def list_page(number: int):
        first = number * per_page
        rows = [(f"t{n}.html", f"关于第{n}号事项的通知", "2026-03-01") for n in range(first, min(first + per_page, items))]
        return html_page(list_markup(COLUMN, rows, f"index_{number + 1}.html" if number + 1 < pages else ""))

    def detail(number: int):
        extra = f'<p><a href="/files/f{number}.pdf">附件：第{number}号附件.pdf</a></p>' if number % 10 == 0 else ""
        paragraphs = [f"各州、市人民政府，省直各部门：现就第{number}号事项通知如下。",
                      "一、提高认识，加强领导。二、明确任务，落实责任。三、强化督查，确保实效。"]
        return html_page(detail_markup(SITE, COLUMN, f"关于第{number}号事项的通知", "2026-03-01 09:30",
                                       paragraphs, extra))

    def resolve(path: str):
        if path.startswith("/files/"):
            return pdf
        if match := _DETAIL.match(path):
            return detail(int(match.group(1)))
        if match := _LIST.match(path):
            return list_page(int(match.group(1) or 0))
        return None

    with Upstream(resolve=resolve) as site:
        port_queue.put(site.url("/zcwj/index.html"))
        while True:
            time.sleep(3600)


def setup_source(list_url: str, pages: int):
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from govsite.collector.models import CollectionSource
    from govsite.columns.models import ColumnPage
    from govsite.registry.opening import open_site

    fields = dict(name="基准市人民政府", short_name="基准市政府", site_type="portal", sponsor="基准市人民政府办公室",
                  organizer="基准市电子政务中心", person_in_charge="王基准", person_phone="0873-6000000",
                  person_email="a@jizhun.gov.cn", contact_phone="0873-6000001", site_id_code="5325040099",
                  icp_number="滇ICP备05009999号-1", psb_number="滇公网安备 53250402009999号",
                  domain="www.jizhun.gov.cn")
    record = open_site(fields, hostname="bench.localhost", template="department", city="基准", is_default=True)
    target = ColumnPage.objects.descendant_of(record.site.root_page).get(title="政策文件")
    return CollectionSource.objects.create(
        name="省政府政策文件", list_url=list_url, link_selector="ul.list a", next_page_selector="div.page a.next",
        max_pages=pages, title_selector="h1.title", date_selector="div.info", body_selector="#zoom",
        expected_site_name=SITE, expected_column_name=COLUMN, target=target, mode="review", important=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--per-page", type=int, default=200, help="items per list page (at most 50 pages are read)")
    options = parser.parse_args()
    ports = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(options.items, options.per_page, ports), daemon=True)
    server.start()
    try:
        source = setup_source(ports.get(timeout=60), -(-options.items // options.per_page))
        from govsite.collector.runs import collect

        started = time.perf_counter()
        run = collect(source)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"found {run.found}, new {run.new}, skipped {run.skipped}, failed {run.failed}, error {run.error!r}")
        print(f"{run.new} items in {seconds:.1f} s: {run.new / seconds * 60:,.0f} items/minute "
              f"({seconds / max(run.new, 1) * 1000:.1f} ms per item); peak memory {peak:,.0f} MiB")
    finally:
        server.terminate()
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
