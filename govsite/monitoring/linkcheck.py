"""Link checker for the daily inspection (M1): crawl one site and report every broken link with all the
pages it was found on (the national check deducts 0.1 points for each broken link on other pages).

Plain asyncio and httpx, no Django, so a command, a job or a benchmark can run it. Memory stays flat as a
site grows: checked URLs are kept as 8-byte hashes, each page is parsed as it arrives and then dropped, and
source pages are kept only for links still waiting to be checked and for broken ones. Links found on a
page are checked before further pages are crawled, which keeps the waiting list short.
"""

from __future__ import annotations

import asyncio
import codecs
import html
import re
import socket
import ssl
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

MAX_REDIRECTS = 10
MAX_PAGE_BYTES = 5 * 1024 * 1024  # the rest of a larger page is not parsed
DRAIN_BYTES = 64 * 1024  # a body this small is read through so its connection serves the next request
RETRY_BACKOFF = 0.3  # seconds, doubled for each further attempt
USER_AGENT = "Mozilla/5.0 (compatible; govsite-linkcheck/1.0)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HEAD_ANSWERS_GET = frozenset({404, 410, 429})  # after these a GET would only say the same
HOME_PATHS = frozenset({
    "/", "/index.html", "/index.htm", "/index.shtml", "/index.jsp", "/index.php", "/default.htm",
    "/default.html", "/default.aspx",
})
FILE_EXTENSIONS = frozenset({  # links to these are files to HEAD, not pages to crawl
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd", ".rtf", ".txt",
    ".csv", ".zip", ".rar", ".7z", ".gz", ".tar", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".svg",
    ".ico", ".mp3", ".mp4", ".avi", ".flv", ".wmv", ".mov", ".swf", ".css", ".js", ".xml", ".json", ".apk",
    ".exe",
})
STATUS_REASONS = {
    400: "请求无效", 401: "需要登录", 403: "禁止访问", 404: "地址不存在", 405: "不允许的请求方式",
    410: "已被删除", 429: "请求过于频繁", 500: "服务器内部错误", 502: "网关错误", 503: "服务暂不可用",
    504: "网关超时",
}

_VALUE = r"""("[^"]*"|'[^']*'|[^\s"'>]+)"""
LINK_PATTERN = re.compile(
    r"<!--.*?-->"  # commented-out links are not links
    rf"|<script\b[^>]*?\ssrc\s*=\s*{_VALUE}"
    r"|<script\b.*?</script\s*>"  # markup written by inline scripts is not a link either
    rf"|<(a|link|base)\b[^>]*?\shref\s*=\s*{_VALUE}"
    rf"|<(img|iframe)\b[^>]*?\ssrc\s*=\s*{_VALUE}",
    re.IGNORECASE | re.DOTALL,
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)

Progress = Callable[[int, int], None]


@dataclass
class BrokenLink:
    """A link that does not work, the pages it is on, and the redirects followed (the link itself first)."""

    url: str
    status: int | None
    reason: str
    sources: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """The four fields every consumer reads, plus the redirect chain when there was one."""
        data = {"url": self.url, "status": self.status, "reason": self.reason, "sources": self.sources}
        return {**data, "chain": self.chain} if len(self.chain) > 1 else data


@dataclass
class LinkReport:
    """One run: pages crawled, distinct URLs checked (the start address, every distinct link found on the
    pages and pages reached through a redirect) and the broken links, sorted by address."""

    pages: int
    links: int
    broken: list[BrokenLink]

    def as_json(self) -> dict:
        return {"pages": self.pages, "links": self.links, "broken": [link.as_json() for link in self.broken]}


def normalize(url: str) -> str | None:
    """An absolute http(s) address with scheme and host in lower case, a path and no fragment, or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    netloc = parts.netloc.lower()
    if port == {"http": 80, "https": 443}[parts.scheme]:
        netloc = netloc.rpartition(":")[0]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def resolve(base: str, raw: str) -> str | None:
    """The address a link written on page `base` leads to; None for mailto:, javascript: and the like."""
    raw = raw.strip(" \t\r\n\f\"'")
    if "&" in raw:
        raw = html.unescape(raw)
    raw = raw.partition("#")[0]
    if not raw:
        return None
    if raw.startswith("//") or ":" in raw.partition("/")[0].partition("?")[0]:
        return normalize(urljoin(base, raw))
    return urljoin(base, raw)  # relative to a normalized base: already in normal form


def origin(url: str) -> str:
    """scheme://host[:port] of a normalized address."""
    end = url.find("/", url.find("//") + 2)
    return url if end < 0 else url[:end]


def is_file(url: str) -> bool:
    """Whether the address names a document, image or other file rather than a web page."""
    name = url.partition("?")[0].rpartition("/")[2]
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in FILE_EXTENSIONS


def is_home(url: str) -> bool:
    """Whether the address is a site's home page (no deep path, no query)."""
    rest = url[len(origin(url)):]
    return "?" not in rest and rest.lower() in HOME_PATHS


def extract_links(text: str, page_url: str) -> dict[str, bool]:
    """Each distinct link of a page, resolved, mapped to whether it may be a page to crawl (a, iframe)."""
    base, links = page_url, {}
    for script_src, href_tag, href, src_tag, src in LINK_PATTERN.findall(text):
        tag = (href_tag or src_tag).lower()
        if tag == "base":
            base = resolve(page_url, href) or base
            continue
        url = resolve(base, script_src or href or src)
        if url:
            links[url] = links.get(url, False) or (tag in ("a", "iframe") and not is_file(url))
    return links


def page_encoding(response: httpx.Response, body: bytes) -> str:
    """The page's character set from its header or <meta>, GB2312 and GBK read as their superset GB18030."""
    meta = META_CHARSET.search(body[:4096])
    name = response.charset_encoding or (meta.group(1).decode("ascii") if meta else "utf-8")
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return "utf-8"
    return "gb18030" if name in ("gb2312", "gbk") else name


def _causes(error: BaseException | None) -> Iterator[BaseException]:
    """The error and what caused it, down to the operating system's error."""
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


def failure_reason(error: Exception) -> str:
    """Why a request got no HTTP answer, in Chinese."""
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return "超时"
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return "链接地址无效"
    for cause in _causes(error):
        for kind, reason in (
            (socket.gaierror, "域名无法解析"), (ssl.SSLCertVerificationError, "证书无效"),
            (ssl.SSLError, "安全连接失败"), (ConnectionRefusedError, "连接被拒绝"),
        ):
            if isinstance(cause, kind):
                return reason
    if isinstance(error, httpx.ConnectError):
        return "无法连接"
    if isinstance(error, httpx.RemoteProtocolError):
        return "服务器响应异常"
    if isinstance(error, httpx.DecodingError):
        return "内容无法解码"
    return "连接中断"


def retryable(error: Exception) -> bool:
    """Network errors and timeouts may pass; a malformed address or a foreign scheme will not."""
    return isinstance(error, httpx.TransportError | TimeoutError) and not isinstance(error, httpx.UnsupportedProtocol)


def site_address(start_url: str) -> str:
    """The start address in normal form; ValueError in Chinese when it cannot be a site's address."""
    url = normalize(start_url.strip())
    if url is None:
        raise ValueError(f"网址“{start_url}”无效，请填写以 http:// 或 https:// 开头的完整网址")
    return url


class Unreachable(Exception):
    """A request that got no usable HTTP answer; `reason` says why in Chinese."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class RateLimit:
    """At most `rate` requests a second to one host, evenly spaced: a token bucket holding one token."""

    def __init__(self, rate: float):
        self.interval, self.next = 1.0 / rate, 0.0

    async def wait(self) -> None:
        now = time.monotonic()
        at = max(now, self.next)
        self.next = at + self.interval
        if at > now:
            await asyncio.sleep(at - now)


@dataclass(eq=False)
class Host:
    """Links waiting for one host (files before pages) and the limits on requests to it."""

    gate: asyncio.Semaphore
    limit: RateLimit | None
    files: deque[str] = field(default_factory=deque)
    pages: deque[str] = field(default_factory=deque)
    workers: int = 0


@dataclass(slots=True)
class Result:
    """What checking one link found: broken when `reason` is set."""

    chain: list[str]
    status: int | None = None
    reason: str = ""

    @property
    def head_refused(self) -> bool:
        """An error that a GET may not repeat: servers refusing HEAD answer 405, 501, 403 and the like."""
        return self.status is not None and self.status >= 400 and self.status not in HEAD_ANSWERS_GET


class Crawl:
    """One run over one site; see `check_site`."""

    def __init__(self, start_url: str, *, max_pages: int | None, per_host: int, external_rate: float | None,
                 timeout: float, retries: int, concurrency: int, progress: Progress | None):
        self.start = site_address(start_url)
        self.internal = {origin(self.start)}
        self.max_pages, self.per_host, self.external_rate = max_pages, per_host, external_rate
        self.timeout, self.retries, self.concurrency, self.progress = timeout, retries, concurrency, progress
        self.seen: set[int] = set()  # hash() of every URL queued: 8 bytes of key instead of the whole string
        self.waiting: dict[str, list[str]] = {}  # queued, not yet checked: URL -> pages it was found on
        self.broken: dict[str, BrokenLink] = {}
        self.hosts: dict[str, Host] = {}
        self.pages = self.checked = 0

    async def run(self) -> LinkReport:
        """Check the start page, then everything reachable from it, with one pooled keep-alive client."""
        limits = httpx.Limits(max_connections=self.concurrency, max_keepalive_connections=self.concurrency)
        self.slots = asyncio.Semaphore(self.concurrency)
        client = httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(self.timeout, pool=None),
                                   headers={"User-Agent": USER_AGENT})
        async with client as self.client, asyncio.TaskGroup() as self.tasks:
            self.found(self.start, None, True)
        broken = sorted(self.broken.values(), key=lambda link: link.url)
        for link in broken:
            link.sources.sort()
        return LinkReport(self.pages, len(self.seen), broken)

    def host(self, url: str) -> Host:
        """The queues and limits of the URL's host; only other sites' hosts are rate-limited."""
        key = origin(url)
        if key not in self.hosts:
            limit = None if key in self.internal or not self.external_rate else RateLimit(self.external_rate)
            self.hosts[key] = Host(asyncio.Semaphore(self.per_host), limit)
        return self.hosts[key]

    def found(self, url: str, source: str | None, page: bool) -> None:
        """Queue a link the first time it is seen; later sightings only add their page to its sources."""
        key = hash(url)
        if key in self.seen:
            sources = self.waiting.get(url)
            if sources is None and url in self.broken:
                sources = self.broken[url].sources
            if sources is not None and source:
                sources.append(source)
            return
        self.seen.add(key)
        self.waiting[url] = [source] if source else []
        host = self.host(url)
        (host.pages if page and origin(url) in self.internal else host.files).append(url)
        if host.workers < self.per_host:
            host.workers += 1
            self.tasks.create_task(self.work(host))

    async def work(self, host: Host) -> None:
        """Check a host's queued links until none is left: files first, so pages found wait less."""
        while host.files or host.pages:
            page = not host.files
            await self.check((host.pages if page else host.files).popleft(), page)
        host.workers -= 1

    def budget_spent(self) -> bool:
        """Whether `max_pages` pages have been crawled: further pages are only checked."""
        return self.max_pages is not None and self.pages >= self.max_pages

    async def check(self, url: str, page: bool) -> None:
        """Check one link: GET a page to crawl, HEAD anything else (GET if HEAD is refused)."""
        crawl = page and not self.budget_spent()
        result = await self.follow(url, "GET" if crawl else "HEAD", crawl)
        if not crawl and result.head_refused:
            result = await self.follow(url, "GET", False)
        sources = self.waiting.pop(url)
        if result.reason:
            self.broken[url] = BrokenLink(url, result.status, result.reason, sources, result.chain)
        self.checked += 1
        if self.progress:
            self.progress(self.pages, self.checked)

    async def follow(self, url: str, method: str, crawl: bool) -> Result:
        """Request the link and each redirect by hand, so the chain is kept and loops are caught."""
        chain = [url]
        while True:
            try:
                status, location = await self.request(method, chain[-1], crawl, len(chain) == 1)
            except Unreachable as error:
                return Result(chain, None, error.reason)
            if location is None:
                return self.verdict(chain, status)
            target = resolve(chain[-1], location)
            if target is None:
                return Result(chain, None, "重定向地址无效")
            if target in chain:
                return Result([*chain, target], None, "重定向循环")
            if len(chain) > MAX_REDIRECTS:
                return Result([*chain, target], None, "重定向次数过多")
            if url == self.start:  # the site lives where its home page leads (http -> https, a new host)
                self.internal.add(origin(target))
            chain.append(target)

    @staticmethod
    def verdict(chain: list[str], status: int) -> Result:
        """Broken on an HTTP error, and when a deep link lands on a home page (a "soft 404")."""
        if status >= 400:
            return Result(chain, status, STATUS_REASONS.get(status, f"HTTP 错误 {status}"))
        if len(chain) > 1 and is_home(chain[-1]) and not is_home(chain[0]):
            return Result(chain, status, "重定向到首页")
        return Result(chain, status)

    async def request(self, method: str, url: str, crawl: bool, first: bool) -> tuple[int, str | None]:
        """One request, tried again after a network error or a 5xx answer, with a short backoff."""
        attempt = 0
        while True:
            try:
                status, location = await self.send(method, url, crawl, first)
                if status not in RETRY_STATUSES or attempt >= self.retries:
                    return status, location
            except (httpx.HTTPError, TimeoutError) as error:
                if not retryable(error) or attempt >= self.retries:
                    raise Unreachable(failure_reason(error)) from error
            attempt += 1
            await asyncio.sleep(RETRY_BACKOFF * 2 ** (attempt - 1))

    async def send(self, method: str, url: str, crawl: bool, first: bool) -> tuple[int, str | None]:
        """Send one request within the host's limits; crawl the answer if it is a page of the site."""
        host = self.host(url)
        async with host.gate:
            if host.limit:
                await host.limit.wait()
            async with self.slots, asyncio.timeout(self.timeout), self.client.stream(method, url) as response:
                location = response.headers.get("location") if response.is_redirect else None
                if location is None and crawl and self.is_page(response) and self.crawlable(url, first):
                    text = await self.read_text(response)
                    if self.crawlable(url, first):  # still: other pages may have spent the budget meanwhile
                        self.crawled(url, first, text)
                elif method == "HEAD" or self.is_small(response):
                    await response.aread()
                return response.status_code, location

    @staticmethod
    def is_small(response: httpx.Response) -> bool:
        """Whether reading the body through costs less than the new connection that skipping it would."""
        length = response.headers.get("content-length", "")
        return length.isdigit() and int(length) <= DRAIN_BYTES

    @staticmethod
    def is_page(response: httpx.Response) -> bool:
        """A successful HTML answer (or one that does not say what it is)."""
        return response.status_code < 400 and "html" in response.headers.get("content-type", "text/html")

    def crawlable(self, url: str, first: bool) -> bool:
        """Whether to crawl this page: the budget allows, and it is the link itself or an unseen page of
        the site that a redirect led to."""
        if self.budget_spent():
            return False
        return first or (origin(url) in self.internal and hash(url) not in self.seen)

    def crawled(self, url: str, first: bool, text: str) -> None:
        """Count a page read in full and queue its links; the page itself is not kept."""
        if not first:
            self.seen.add(hash(url))
        self.pages += 1
        for link, page in extract_links(text, url).items():
            self.found(link, url, page)

    @staticmethod
    async def read_text(response: httpx.Response) -> str:
        """A page's text (its first MAX_PAGE_BYTES), decoded as it declares."""
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) >= MAX_PAGE_BYTES:
                break
        return body.decode(page_encoding(response, body), errors="replace")


async def check_site(start_url: str, *, max_pages: int | None = None, per_host: int = 8,
                     external_rate: float | None = 5.0, timeout: float = 15.0, retries: int = 1,
                     concurrency: int = 64, progress: Progress | None = None) -> LinkReport:
    """Crawl every page of the start address's site (same scheme and host, at most `max_pages`) and check
    each distinct link once, other sites' included.

    `per_host` bounds concurrent requests to any one host, `external_rate` the requests per second to any
    other site's host, `concurrency` all requests at once; `timeout` is per request in seconds, and
    `retries` repeats a request after a network error or a 5xx answer. `progress(pages, links)` is called
    after each link checked. Raises ValueError (in Chinese) for an address that is not http(s).
    """
    crawl = Crawl(start_url, max_pages=max_pages, per_host=per_host, external_rate=external_rate,
                  timeout=timeout, retries=retries, concurrency=concurrency, progress=progress)
    return await crawl.run()


def run_check(start_url: str, **options) -> LinkReport:
    """`check_site` for code that is not async (commands, jobs)."""
    return asyncio.run(check_site(start_url, **options))
