"""How many beacon hits per second `/tongji/hit` counts, through the public app's whole middleware stack
(Django test client, in one process), on a fresh SQLite database; and how long the daily rollup takes.
Not run by pytest.

    .venv/bin/python bench/analytics_bench.py [--hits 4000 --visitors 800 --pages 40]

Phases: first views (a visitor's first hit on a page: UPDATE finds nothing, then INSERT), repeat views
(one UPDATE), ignored hits (a bot: no query at all, the floor set by the middleware stack), then the rollup.
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
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36 #{n}"
HOST = "bench.localhost"


def setup_site(pages: int) -> list[str]:
    """A migrated platform with the demo portal and `pages` published articles; their public paths."""
    from django.core.management import call_command
    from django.utils import timezone

    from govsite.columns.models import ColumnPage
    from govsite.content.models import ArticlePage
    from govsite.demo.city import PORTAL
    from govsite.publishing.signals import suspended
    from govsite.registry.opening import open_site

    call_command("migrate", verbosity=0)
    with suspended():
        record = open_site(dict(PORTAL.fields), hostname=HOST, template=PORTAL.template, city=PORTAL.city,
                           is_default=True)
        root = record.site.root_page
        column = ColumnPage.objects.child_of(root).first()
        for n in range(pages):
            page = ArticlePage(title=f"测试信息{n}", published_at=timezone.now(), source="测试", body="<p>正文</p>")
            column.add_child(instance=page)
            page.save_revision().publish()
    return ["/" + p.url_path[len(root.url_path):] for p in ArticlePage.objects.all()]


def measure(client, label: str, hits: list[tuple[str, int, str]]) -> None:
    latencies = []
    began, cpu = time.perf_counter(), time.process_time()
    for path, visitor, agent in hits:
        start = time.perf_counter()
        response = client.post("/tongji/hit", {"p": path}, HTTP_HOST=HOST, HTTP_USER_AGENT=agent,
                               REMOTE_ADDR=f"10.{visitor // 65536}.{visitor // 256 % 256}.{visitor % 256}")
        latencies.append(time.perf_counter() - start)
        assert response.status_code == 204
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    q = statistics.quantiles(latencies, n=100)
    print(f"{label:<26} {len(hits):>5} hits {seconds:6.2f} s {len(hits) / seconds:5.0f} hits/s "
          f"(CPU {cpu * 1000 / len(hits):4.2f} ms/hit)  p50 {q[49] * 1000:5.2f} ms  p95 {q[94] * 1000:5.2f} ms  "
          f"p99 {q[98] * 1000:5.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hits", type=int, default=4000)
    parser.add_argument("--visitors", type=int, default=800)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--profile", action="store_true", help="print where a bot hit's time goes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govsite-analytics-bench-") as folder:
        os.environ.update(GOVSITE_DATA_DIR=folder, GOVSITE_ROLE="public", DJANGO_SETTINGS_MODULE="govsite.settings.dev")
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.test import Client
        from django.utils import timezone

        from govsite.analytics.models import SiteVisitDay, VisitorMark
        from govsite.analytics.rollup import roll_up_pending

        paths = setup_site(args.pages)
        rng = random.Random(1)
        pairs = rng.sample([(p, v) for p in paths for v in range(args.visitors)], args.hits)
        client = Client()
        first = [(p, v, BROWSER.format(n=v)) for p, v in pairs]
        measure(client, "first views (insert)", first)
        measure(client, "repeat views (update)", first)
        bots = [(p, v, "Baiduspider/2.0") for p, v, _a in first]
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(measure, client, "bots, profiled", bots[:500])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        measure(client, "bots (ignored, no query)", bots)
        marks = VisitorMark.objects.count()
        began = time.perf_counter()
        roll_up_pending(timezone.localdate() + timezone.timedelta(days=1))
        day = SiteVisitDay.objects.get()
        print(f"rollup of {marks} marks: {time.perf_counter() - began:.2f} s -> {day.views} views, "
              f"{day.visitors} visitors; marks left: {VisitorMark.objects.count()}")


if __name__ == "__main__":
    main()
