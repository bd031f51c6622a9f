"""Benchmark of the link checker (M1) against LinkChecker on a generated site served on 127.0.0.1.

    .venv/bin/python bench/linkcheck_bench.py [--pages 20000] [--no-linkchecker]

Generates a site of N pages with about five links each (next page, another page, an attachment, an
image, the home page; one page in 50 also links a missing page or attachment) into a temporary folder,
serves it with nginx on a free loopback port (a threaded Python server if nginx is missing), and runs,
each as its own process so that wall time and peak RSS (`ru_maxrss`) are its own:
`govsite linkcheck --json`, the engine alone without Django, and LinkChecker (installed into the venv if
missing, never into pyproject) with its per-host rate limit lifted through its `LinkChecker` response
header. The engine alone also runs at a quarter and half of N to show that memory stays flat. Finally it
times the regex link extractor against lxml on the generated pages. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html

from govsite.monitoring.linkcheck import extract_links, is_file, resolve

SEED = 20240601
NGINX = Path("/usr/sbin/nginx")
VENV_BIN = Path(sys.executable).parent
BROKEN_EVERY = 50  # one page in 50 links something missing
IMAGES = 50
PARAGRAPH = "为深入贯彻落实党中央、国务院决策部署，进一步优化营商环境，切实加强组织领导，确保各项任务落到实处。"
ENGINE_ONLY = (
    "import json, sys\n"
    "from govsite.monitoring.linkcheck import run_check\n"
    "print(json.dumps(run_check(sys.argv[1]).as_json(), ensure_ascii=False))\n"
)
LINKCHECKER_RC = "[checking]\nmaxrequestspersecond=100000\nresultcachesize=10000000\n"


@dataclass
class Run:
    """One checker's run: what it found and what it cost."""

    name: str
    pages: int
    urls: int
    broken: int
    seconds: float
    peak_mib: float

    @property
    def rate(self) -> float:
        return self.urls / self.seconds


def page_path(n: int) -> str:
    return "/" if n == 0 else f"/s{n // 1000}/{n}.html"


def page_html(n: int, pages: int, rng: random.Random) -> str:
    """Page n: five links written as an editor would (relative where natural), a missing one in 50."""
    here = page_path(n).rpartition("/")[0]

    def href(m: int) -> str:
        path = page_path(m % pages)
        return path.rpartition("/")[2] if path.rpartition("/")[0] == here and m % pages else path

    links = [
        f'<a href="{href(n + 1)}">下一篇</a>', f'<a href="{href(rng.randrange(pages))}">相关阅读</a>',
        f'<a href="/files/{n % (pages // 4 or 1)}.pdf">附件下载</a>', f'<img src="/img/{n % IMAGES}.png" alt="">',
        '<a href="/">网站首页</a>',
    ]
    if n % BROKEN_EVERY == 7:
        links.append(f'<a href="/old/{n}.html">往期回顾</a>' if n % 2 else f'<a href="/files/gone-{n}.doc">旧附件</a>')
    body = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(12))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>第{n}页</title>"
            f"<link rel='stylesheet' href='/static/site.css'></head><body><div class='nav'>{''.join(links)}</div>"
            f"{body}</body></html>")


def generate(root: Path, pages: int) -> None:
    """Write the site: pages, a quarter as many attachments, images and a style sheet."""
    rng = random.Random(SEED)
    for n in range(pages):
        path = root / (page_path(n).lstrip("/") or "index.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(n, pages, rng), encoding="utf-8")
    for folder, names in (("files", [f"{n}.pdf" for n in range(pages // 4 or 1)]),
                          ("img", [f"{n}.png" for n in range(IMAGES)]), ("static", ["site.css"])):
        (root / folder).mkdir(exist_ok=True)
        for name in names:
            (root / folder / name).write_bytes(b"%PDF-1.4\n" * 20)
    os.chmod(root, 0o755)  # nginx workers read it as nobody


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int) -> None:
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


NGINX_CONF = """daemon off; worker_processes 1; pid {tmp}/nginx.pid; error_log {tmp}/error.log;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types; access_log off; keepalive_requests 1000000;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    server {{ listen 127.0.0.1:{port}; root {root}; add_header LinkChecker 1 always; }}
}}
"""


class LinkCheckerHeader(SimpleHTTPRequestHandler):
    """The fallback server: static files over keep-alive, with the header that lifts LinkChecker's limit."""

    protocol_version = "HTTP/1.1"

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "1")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    """The fallback server, silent when a checker that is done resets its kept-alive connections."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


def start_server(root: Path, tmp: Path, port: int):
    """nginx serving `root` on the port if it is installed, else a threaded Python server; its stop()."""
    if NGINX.exists():
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=root))
        nginx = subprocess.Popen([NGINX, "-p", tmp, "-c", conf, "-e", tmp / "error.log"])
        return lambda: (nginx.terminate(), nginx.wait())
    httpd = QuietServer(("127.0.0.1", port), partial(LinkCheckerHeader, directory=root))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return lambda: (httpd.shutdown(), httpd.server_close())


@contextmanager
def serve(root: Path, tmp: Path):
    """The site at http://127.0.0.1:PORT/ for the duration of the block."""
    port = free_port()
    stop = start_server(root, tmp, port)
    try:
        wait_listening(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop()


def measure(command: list, out: Path) -> tuple[float, float]:
    """Run a command with its output in `out`; its wall seconds and peak RSS in MiB."""
    began = time.perf_counter()
    with out.open("w") as stdout:
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # LinkChecker exits 1 when it found errors
        raise RuntimeError(f"{command[0]} failed: {status}")
    return time.perf_counter() - began, usage.ru_maxrss / 1024


def run_ours(name: str, command: list, pages: int, tmp: Path) -> Run:
    seconds, peak = measure(command, tmp / "ours.json")
    report = json.loads((tmp / "ours.json").read_text())
    assert report["pages"] == pages, report["pages"]
    return Run(name, report["pages"], report["links"], len(report["broken"]), seconds, peak)


def run_linkchecker(url: str, pages: int, urls: int, tmp: Path) -> Run:
    """LinkChecker over the same site; its broken count from the CSV's `valid` column."""
    if not (VENV_BIN / "linkchecker").exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "linkchecker"], check=True)
    rc = tmp / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC)
    rc.chmod(0o644)
    command = [VENV_BIN / "linkchecker", "--no-status", "-o", "csv", "-f", rc, "-r", "-1", url]
    seconds, peak = measure(command, tmp / "linkchecker.csv")
    rows = csv.DictReader((line for line in (tmp / "linkchecker.csv").open() if not line.startswith("#")),
                          delimiter=";")
    broken = {row["url"] for row in rows if row["valid"] == "False"}
    return Run("LinkChecker (10 threads)", pages, urls, len(broken), seconds, peak)


def lxml_links(text: str, page_url: str) -> dict[str, bool]:
    """The same links as `extract_links`, found by lxml's HTML parser instead of one regex."""
    links: dict[str, bool] = {}
    for element, attribute, value, _ in lxml.html.document_fromstring(text).iterlinks():
        if element.tag in ("a", "link", "img", "script", "iframe") and attribute in ("href", "src"):
            url = resolve(page_url, value)
            if url:
                links[url] = links.get(url, False) or (element.tag in ("a", "iframe") and not is_file(url))
    return links


def extractor_rates(pages: int) -> dict[str, float]:
    """Pages per second for each extractor over the first pages of the site, checking they agree."""
    rng = random.Random(SEED)
    sample = [(page_html(n, pages, rng), "http://127.0.0.1:8000" + page_path(n)) for n in range(min(pages, 2000))]
    rates = {}
    for name, extract in (("regex", extract_links), ("lxml", lxml_links)):
        began = time.perf_counter()
        found = [extract(text, url) for text, url in sample]
        rates[name] = len(sample) / (time.perf_counter() - began)
        assert found == [extract_links(text, url) for text, url in sample]
    return rates


def check_size(pages: int, commands: dict[str, list], linkchecker: bool) -> list[Run]:
    """Generate a site of `pages` pages, serve it and run each checker on it."""
    tmp = Path(tempfile.mkdtemp(prefix="linkcheck-bench-"))
    try:
        os.chmod(tmp, 0o755)
        generate(tmp / "site", pages)
        with serve(tmp / "site", tmp) as url:
            runs = [run_ours(name, [*command, url], pages, tmp) for name, command in commands.items()]
            if linkchecker:
                runs.append(run_linkchecker(url, pages, runs[0].urls, tmp))
        return runs
    finally:
        shutil.rmtree(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--no-linkchecker", action="store_true", help="skip LinkChecker (it takes minutes)")
    args = parser.parse_args()
    engine = [sys.executable, "-c", ENGINE_ONLY]
    runs = []
    for pages in (args.pages // 4, args.pages // 2):
        runs += check_size(pages, {f"engine alone, {pages:,} pages": engine}, False)
    runs += check_size(args.pages, {"govsite linkcheck": [VENV_BIN / "govsite", "linkcheck", "--json"],
                                    "engine alone": engine}, not args.no_linkchecker)
    print("\n| checker | pages | URLs | broken | wall s | URLs/s | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    for run in runs:
        print(f"| {run.name} | {run.pages:,} | {run.urls:,} | {run.broken} | {run.seconds:.1f} | {run.rate:,.0f} "
              f"| {run.peak_mib:.0f} |")
    if not args.no_linkchecker:
        theirs = runs[-1]
        for run in runs[-3:-1]:
            print(f"{run.name} / LinkChecker: {run.rate / theirs.rate:.1f}x the URLs/s, "
                  f"{run.peak_mib / theirs.peak_mib:.2f}x the peak memory")
    rates = extractor_rates(args.pages)
    print("extractor pages/s: " + ", ".join(f"{name} {rate:,.0f}" for name, rate in rates.items()))


if __name__ == "__main__":
    main()
