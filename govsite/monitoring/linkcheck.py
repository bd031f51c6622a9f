"""Link checker for the daily inspection (M1): crawl one site and report every broken link with all the
pages it was found on (the national check deducts 0.1 points for each broken link on other pages).

Plain asyncio, no Django, so a command, a job or a benchmark can run it. Requests go through a small
HTTP/1.1 client of its own (a keep-alive pool per host, each answer parsed as it arrives): on two cores
httpx tops out at about 2,200 requests/s and aiohttp at about 14,000, this client at about 28,000. Memory
stays flat as a site grows: checked URLs are kept as 8-byte hashes, each page is parsed as it arrives and
then dropped, and source pages are kept only for links still waiting to be checked and for broken ones.
Links found on a page are checked before further pages are crawled, which keeps the waiting list short.
"""

from __future__ import annotations

import asyncio
import codecs
import html
import re
import socket
import ssl
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from functools import cache, lru_cache
from http.cookiejar import CookieJar
from types import SimpleNamespace
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.request import Request

import certifi

MAX_REDIRECTS = 10
MAX_PAGE_BYTES = 5 * 1024 * 1024  # the rest of a larger page is not parsed
MAX_HEAD_BYTES = 64 * 1024  # an answer's status line and headers; a longer head is malformed
DRAIN_BYTES = 64 * 1024  # a body this small is read through so its connection serves the next request
RETRY_BACKOFF = 0.3  # seconds, doubled for each further attempt
USER_AGENT = "Mozilla/5.0 (compatible; govsite-linkcheck/1.0)"
REQUEST_HEADERS = (f"User-Agent: {USER_AGENT}\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
                   "Connection: keep-alive\r\n\r\n")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
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
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
HOST_NAME = re.compile(r"[a-z0-9_.-]+|[0-9a-f:.]+")  # after IDNA; the second form is an IPv6 address
HOST_HEADER = re.compile(r"([A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?")
UNSAFE_TARGET = re.compile(r"[^!$&'()*+,\-./0-9:;=?@A-Z_a-z~%]")  # what a request line may not carry as is
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

Progress = Callable[[int, int], None]
PageHook = Callable[[str, str], None]  # (address, HTML) of each page of the site as it is read
Skip = Callable[[str], bool]  # links a monitor leaves out (dynamic form widgets, other sites in a demo)


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
    return joined_plainly(base, raw) or joined(base, raw)


def joined(base: str, raw: str) -> str | None:
    """A link resolved by urllib: right for every link, but it costs several microseconds each."""
    if raw.startswith("//") or ":" in raw.partition("/")[0].partition("?")[0]:
        return normalize(urljoin(base, raw))
    return urljoin(base, raw)  # relative to a normalized base: already in normal form


def joined_plainly(base: str, raw: str) -> str | None:
    """What `joined` gives, by concatenation, for the plain links most pages are made of; None for others."""
    home, folder = base_parts(base)
    if raw.startswith(home) and raw[len(home):len(home) + 1] == "/":  # already absolute and normal
        raw = raw[len(home):]
    if not raw.isprintable() or raw[0] == " " or raw[-1] == "?" or "//" in raw or "/." in raw or ";" in raw \
            or "\\" in raw:
        return None  # urllib would strip, drop, merge or resolve something
    if raw[0] == "/":
        return home + raw
    return None if folder is None or raw[0] in ".?" or ":" in raw else folder + raw


@lru_cache(maxsize=256)
def base_parts(base: str) -> tuple[str, str | None]:
    """A page address's origin and, when its path is plain, the folder its relative links start from."""
    home = origin(base)
    path = base[len(home):].partition("?")[0]
    plain = path.startswith("/") and base.isprintable() and "//" not in path and "/." not in path
    return home, home + path[:path.rfind("/") + 1] if plain else None


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


def page_encoding(content_type: str, body: bytes) -> str:
    """The page's character set from its Content-Type or <meta>, GB2312 and GBK read as their superset
    GB18030."""
    header = HEADER_CHARSET.search(content_type)
    meta = None if header else META_CHARSET.search(body[:4096])
    name = header.group(1) if header else meta.group(1).decode("ascii") if meta else "utf-8"
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


def failure_reason(error: BaseException) -> str:
    """Why a connection could not be opened, in Chinese."""
    if isinstance(error, TimeoutError):
        return "超时"
    for cause in _causes(error):
        for kind, reason in (
            (socket.gaierror, "域名无法解析"), (ssl.SSLCertVerificationError, "证书无效"),
            (ssl.SSLError, "安全连接失败"), (ConnectionRefusedError, "连接被拒绝"),
        ):
            if isinstance(cause, kind):
                return reason
    return "无法连接"


def site_address(start_url: str) -> str:
    """The start address in normal form; ValueError in Chinese when it cannot be a site's address."""
    url = normalize(start_url.strip())
    if url is None:
        raise ValueError(f"网址“{start_url}”无效，请填写以 http:// 或 https:// 开头的完整网址")
    return url


def host_header_value(name: str) -> str:
    """A Host header to send (a host name, a port after it if any); ValueError in Chinese otherwise."""
    if not HOST_HEADER.fullmatch(name):
        raise ValueError(f"主机名“{name}”无效，请填写域名，如 www.ceshi.gov.cn 或 www.ceshi.gov.cn:8080")
    return name


class Unreachable(Exception):
    """A request that got no usable HTTP answer; `reason` says why in Chinese, `retry` whether another try
    may get one (a network error may pass, a malformed address will not)."""

    def __init__(self, reason: str, retry: bool = True):
        super().__init__(reason)
        self.reason, self.retry = reason, retry


@dataclass(frozen=True, slots=True)
class Address:
    """Where to connect for one origin, and the Host header its requests carry."""

    name: str
    port: int
    tls: bool
    header: str
    prefix: int  # the origin's length: what follows it in an address is the request's target


def address(site: str, host_header: str | None) -> Address | None:
    """How to reach an origin (scheme://host[:port]); None when its host name cannot be sent."""
    parts = urlsplit(site)
    try:
        name = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not HOST_NAME.fullmatch(name):
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    header = f"[{name}]" if ":" in name else name
    header = host_header or (f"{header}:{parts.port}" if parts.port else header)
    return Address(name, port, parts.scheme == "https", header, len(site))


def request_target(url: str, address: Address) -> str:
    """The path and query of an address as the request line carries them, percent-encoded where needed."""
    target = url[address.prefix:]
    if UNSAFE_TARGET.search(target):
        target = quote(LONE_PERCENT.sub("%25", target), safe="!$&'()*+,/:;=?@~%")
    return target


@cache
def tls_context() -> ssl.SSLContext:
    """Certificates checked against certifi's authorities, as browsers and httpx do."""
    return ssl.create_default_context(cafile=certifi.where())


def decompressed(body: bytes, coding: str) -> bytes:
    """A page without its gzip or deflate compression (raw deflate too, which some servers send)."""
    if coding not in ("gzip", "x-gzip", "deflate"):
        return body
    for wbits in (47, -15):  # gzip or zlib header, then none
        try:
            return zlib.decompressobj(wbits).decompress(body, MAX_PAGE_BYTES)
        except zlib.error:
            continue
    raise Unreachable("内容无法解码", retry=False)


def parse_head(head: bytes) -> tuple[str, int, dict[str, str], list[str]]:
    """The version, status, headers (names in lower case) and every Set-Cookie of an answer; ValueError
    when malformed."""
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:  # as httpx: UTF-8 if it is, else Latin-1
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            text = head.decode("latin-1")
    lines = text.split("\r\n")
    version, _, rest = lines[0].partition(" ")
    code = rest[:3]
    if not version.startswith("HTTP/1.") or not (code.isascii() and code.isdigit()):
        raise ValueError(f"not an HTTP/1 status line: {lines[0]!r}")
    headers, cookies = {}, []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            name, value = name.strip().lower(), value.strip()
            headers[name] = value
            if name == "set-cookie":
                cookies.append(value)
        elif line[:1] not in (" ", "\t"):  # a folded line continues the previous header: skipped
            raise ValueError(f"not a header: {line!r}")
    return version, int(code), headers, cookies


@dataclass(slots=True)
class Answer:
    """What the checker reads of an HTTP answer: `body` only for a page it asked to read."""

    status: int
    headers: dict[str, str]
    cookies: list[str]
    body: bytes | None = None

    @property
    def location(self) -> str | None:
        """Where a redirect leads; None when the answer is not one."""
        return self.headers.get("location") if self.status in REDIRECT_STATUSES else None

    @property
    def is_page(self) -> bool:
        """A successful HTML answer (or one that does not say what it is) that does not redirect."""
        return (self.status < 400 and "html" in self.headers.get("content-type", "text/html")
                and self.location is None)

    def text(self) -> str:
        """The page's text (its first MAX_PAGE_BYTES), decoded as it declares."""
        body = decompressed(self.body or b"", self.headers.get("content-encoding", "").strip().lower())
        return body.decode(page_encoding(self.headers.get("content-type", ""), body), errors="replace")


class Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection: one request at a time, its answer parsed as the bytes arrive
    (a protocol rather than streams: no task switch or buffer copy per read)."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[Answer] | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.usable = True  # false once the server closed it or an answer left it unfit to reuse
        self.head = self.read = self.chunked = self.until_close = self.after_chunk = self.trailers = False
        self.answer: Answer | None = None
        self.body: bytearray | None = None
        self.left = 0  # bytes of the body, or of the current chunk, still to come

    def connection_made(self, transport: asyncio.Transport) -> None:
        self.transport = transport

    async def exchange(self, request: bytes, head: bool, read: bool, deadline: float) -> Answer:
        """Send a request and wait for its answer, with its body when `read` and the answer is a page;
        Unreachable("超时") when `deadline` (loop time) passes first."""
        loop = asyncio.get_running_loop()
        self.waiter = loop.create_future()
        self.head, self.read, self.answer, self.body = head, read, None, None
        self.chunked = self.until_close = self.after_chunk = self.trailers = False
        self.timer = loop.call_at(deadline, self.fail, "超时")
        self.transport.write(request)
        try:
            return await self.waiter
        finally:
            self.timer.cancel()

    def data_received(self, data: bytes) -> None:
        """Parse the answer as far as it has come; a malformed one fails the request (it may be retried)."""
        self.buffer += data
        if self.waiter is None:  # a server talking out of turn is not trusted with another request
            self.close()
            return
        try:
            done = self.parse()
        except ValueError:
            self.fail("服务器响应异常")
            return
        if done:
            self.finish()

    def eof_received(self) -> bool:
        self.usable = False
        return False  # the transport closes, then connection_lost ends a pending answer

    def connection_lost(self, exc: Exception | None) -> None:
        self.usable = False
        if self.waiter is None:
            return
        if self.answer is not None and self.until_close:
            self.finish()
        else:
            self.fail("连接中断")

    def parse(self) -> bool:
        """Take in what has arrived; whether the answer is complete, or all of it that is wanted is in."""
        if self.answer is None and not self.parse_head():
            return False
        if self.chunked:
            return self.parse_chunks()
        taken = min(self.left, len(self.buffer))
        self.take(taken)
        self.left -= taken
        return not self.left

    def parse_head(self) -> bool:
        """Read the status line and headers once all are in (1xx answers skipped), and how the body ends."""
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEAD_BYTES:
                    raise ValueError("head too long")
                return False
            version, status, headers, cookies = parse_head(bytes(self.buffer[:end]))
            del self.buffer[:end + 4]
            if not 100 <= status < 200:
                break
        self.answer = Answer(status, headers, cookies)
        connection = headers.get("connection", "").lower()
        self.usable = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
        keep = self.read and self.answer.is_page
        self.body = bytearray() if keep else None
        if self.head or status in (204, 304):
            self.left = 0
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            self.chunked = True
        elif "content-length" in headers:
            self.left = int(headers["content-length"])
            if self.left < 0:
                raise ValueError("negative Content-Length")
        else:
            self.until_close, self.usable, self.left = True, False, MAX_PAGE_BYTES
        if keep and self.left > MAX_PAGE_BYTES:  # the rest is not read: the connection cannot be reused
            self.left, self.usable = MAX_PAGE_BYTES, False
        if not keep and (self.chunked or self.until_close or self.left > DRAIN_BYTES):
            self.left, self.chunked, self.until_close, self.usable = 0, False, False, False
        return True

    def parse_chunks(self) -> bool:
        """Take in a chunked body: size lines, data, then trailers up to an empty line."""
        while True:
            if self.left:
                taken = min(self.left, len(self.buffer))
                self.take(taken)
                self.left -= taken
                if self.left:
                    return False
                if self.body is not None and len(self.body) >= MAX_PAGE_BYTES:
                    self.usable = False
                    return True
                self.after_chunk = True
            end = self.buffer.find(b"\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEAD_BYTES:
                    raise ValueError("chunk line too long")
                return False
            line = bytes(self.buffer[:end])
            del self.buffer[:end + 2]
            if self.trailers:
                if not line:
                    return True
            elif self.after_chunk:
                if line:
                    raise ValueError("chunk data longer than its size")
                self.after_chunk = False
            else:
                self.left = int(line.partition(b";")[0].strip(), 16)
                if self.left < 0:
                    raise ValueError("negative chunk size")
                self.trailers = not self.left

    def take(self, size: int) -> None:
        """Move `size` bytes of body from the buffer to the body kept, or drop them."""
        if self.body is not None:
            self.body += self.buffer[:size]
        del self.buffer[:size]

    def finish(self) -> None:
        """Hand the answer over; close the connection unless the next request may use it."""
        waiter, self.waiter = self.waiter, None
        self.answer.body = None if self.body is None else bytes(self.body)
        if self.buffer:  # bytes beyond the answer: the connection is out of step
            self.usable = False
        if not self.usable:
            self.close()
        if not waiter.done():
            waiter.set_result(self.answer)

    def fail(self, reason: str) -> None:
        """End the request with no answer; what is left of it on the connection makes the connection useless."""
        waiter, self.waiter = self.waiter, None
        self.close()
        if waiter is not None and not waiter.done():
            waiter.set_exception(Unreachable(reason))

    def close(self) -> None:
        self.usable = False
        if self.transport is not None:
            self.transport.close()


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
    """Links waiting for one host (files before pages), the limits on requests to it, and how to reach it."""

    gate: asyncio.Semaphore
    limit: RateLimit | None
    address: Address | None
    files: deque[str] = field(default_factory=deque)
    pages: deque[str] = field(default_factory=deque)
    workers: int = 0

    @property
    def busy(self) -> bool:
        """Whether links of this host are waiting or being checked."""
        return bool(self.workers or self.files or self.pages)


class Pool:
    """Kept-alive connections of each host, at most `size` idle in all (many other sites are linked)."""

    def __init__(self, size: int):
        self.size, self.count = size, 0
        self.idle: dict[Host, list[Connection]] = {}

    def take(self, host: Host) -> Connection | None:
        """An idle connection to the host that the server has not closed meanwhile, if there is one."""
        idle = self.idle.get(host)
        while idle:
            self.count -= 1
            connection = idle.pop()
            if connection.usable:
                return connection
        return None

    def give(self, host: Host, connection: Connection) -> None:
        """Keep a connection for the host's next request while it has links to check; close it otherwise."""
        if connection.usable and host.busy and self.count < self.size:
            self.idle.setdefault(host, []).append(connection)
            self.count += 1
        else:
            connection.close()

    def close(self, host: Host) -> None:
        """Close the host's idle connections: it has no link left to check, or the run is over."""
        for connection in self.idle.pop(host, ()):
            connection.close()
            self.count -= 1


class Cookies:
    """The cookies sites set, sent back as httpx and browsers do (http.cookiejar's rules of domain, path
    and expiry): some sites send a visitor without their session cookie back to the home page."""

    def __init__(self) -> None:
        self.jar = CookieJar()
        self.any = False  # the jar is costly to ask, and most sites set no cookie

    def header(self, url: str) -> str:
        """The Cookie header line for a request to `url`; empty when no cookie applies."""
        if not self.any:
            return ""
        request = Request(url)
        self.jar.add_cookie_header(request)
        value = request.get_header("Cookie")
        return f"Cookie: {value}\r\n" if value else ""

    def store(self, url: str, values: list[str]) -> None:
        """Keep the cookies that the answer to a request for `url` set."""
        message = Message()
        for value in values:
            message["Set-Cookie"] = value
        self.jar.extract_cookies(SimpleNamespace(info=lambda: message), Request(url))
        self.any = True


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
                 timeout: float, retries: int, concurrency: int, progress: Progress | None,
                 host_header: str | None, on_page: PageHook | None = None, skip: Skip | None = None):
        self.start = site_address(start_url)
        self.home = origin(self.start)
        self.internal = {self.home}
        self.host_header = None if host_header is None else host_header_value(host_header)
        self.max_pages, self.per_host, self.external_rate = max_pages, per_host, external_rate
        self.timeout, self.retries, self.concurrency, self.progress = timeout, retries, concurrency, progress
        self.on_page, self.skip = on_page, skip
        self.seen: set[int] = set()  # hash() of every URL queued: 8 bytes of key instead of the whole string
        self.waiting: dict[str, list[str]] = {}  # queued, not yet checked: URL -> pages it was found on
        self.broken: dict[str, BrokenLink] = {}
        self.hosts: dict[str, Host] = {}
        self.pool, self.cookies = Pool(concurrency), Cookies()
        self.pages = self.checked = 0

    async def run(self) -> LinkReport:
        """Check the start page, then everything reachable from it."""
        self.loop = asyncio.get_running_loop()
        self.slots = asyncio.Semaphore(self.concurrency)
        try:
            async with asyncio.TaskGroup() as self.tasks:
                self.found(self.start, None, True)
        finally:
            for host in self.hosts.values():
                self.pool.close(host)
        broken = sorted(self.broken.values(), key=lambda link: link.url)
        for link in broken:
            link.sources.sort()
        return LinkReport(self.pages, len(self.seen), broken)

    def host(self, url: str) -> Host:
        """The queues, limits and address of the URL's host; only other sites' hosts are rate-limited,
        and only the start address's origin gets `host_header`."""
        key = origin(url)
        host = self.hosts.get(key)
        if host is None:
            limit = None if key in self.internal or not self.external_rate else RateLimit(self.external_rate)
            reach = address(key, self.host_header if key == self.home else None)
            host = self.hosts[key] = Host(asyncio.Semaphore(self.per_host), limit, reach)
        return host

    def found(self, url: str, source: str | None, page: bool) -> None:
        """Queue a link the first time it is seen; later sightings only add their page to its sources."""
        if self.skip is not None and source is not None and self.skip(url):
            return
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
        if not host.workers:
            self.pool.close(host)

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
            except Unreachable as error:
                if not error.retry or attempt >= self.retries:
                    raise
            attempt += 1
            await asyncio.sleep(RETRY_BACKOFF * 2 ** (attempt - 1))

    async def send(self, method: str, url: str, crawl: bool, first: bool) -> tuple[int, str | None]:
        """Send one request within the host's limits; crawl the answer if it is a page of the site."""
        host = self.host(url)
        async with host.gate:
            if host.limit:
                await host.limit.wait()
            async with self.slots:
                answer = await self.fetch(host, method, url, crawl and self.crawlable(url, first))
        if answer.body is not None and self.crawlable(url, first):  # still: the budget may be spent now
            self.crawled(url, first, answer.text())
        return answer.status, answer.location

    async def fetch(self, host: Host, method: str, url: str, read: bool) -> Answer:
        """One request over a kept-alive connection to the host, or a new one; `timeout` covers both."""
        deadline = self.loop.time() + self.timeout
        connection = self.pool.take(host) or await self.connect(host.address, deadline)
        request = (f"{method} {request_target(url, host.address)} HTTP/1.1\r\nHost: {host.address.header}\r\n"
                   f"{self.cookies.header(url)}{REQUEST_HEADERS}")
        try:
            answer = await connection.exchange(request.encode(), method == "HEAD", read, deadline)
        except BaseException:
            connection.close()
            raise
        self.pool.give(host, connection)
        if answer.cookies:
            self.cookies.store(url, answer.cookies)
        return answer

    async def connect(self, address: Address | None, deadline: float) -> Connection:
        """A new connection (TLS for https), or Unreachable saying in Chinese why there is none."""
        if address is None:
            raise Unreachable("链接地址无效", retry=False)
        tls = tls_context() if address.tls else None
        try:
            async with asyncio.timeout_at(deadline):
                _, connection = await self.loop.create_connection(
                    Connection, address.name, address.port, ssl=tls, server_hostname=address.name if tls else None)
        except (OSError, TimeoutError) as error:
            raise Unreachable(failure_reason(error)) from error
        except ValueError as error:  # a host name that the resolver refuses outright
            raise Unreachable("链接地址无效", retry=False) from error
        return connection

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
        if self.on_page is not None:
            self.on_page(url, text)
        for link, page in extract_links(text, url).items():
            self.found(link, url, page)


async def check_site(start_url: str, *, max_pages: int | None = None, per_host: int = 8,
                     external_rate: float | None = 5.0, timeout: float = 15.0, retries: int = 1,
                     concurrency: int = 64, progress: Progress | None = None,
                     host_header: str | None = None, on_page: PageHook | None = None,
                     skip: Skip | None = None) -> LinkReport:
    """Crawl every page of the start address's site (same scheme and host, at most `max_pages`) and check
    each distinct link once, other sites' included.

    `per_host` bounds concurrent requests to any one host, `external_rate` the requests per second to any
    other site's host, `concurrency` all requests at once; `timeout` is per request in seconds, and
    `retries` repeats a request after a network error or a 5xx answer. `progress(pages, links)` is called
    after each link checked. `host_header`, when set, is the Host header of every request to the start
    address's own origin (a public server that picks the site by it), the addresses reported staying as
    crawled. `on_page(url, html)` sees every page of the site as it is read (content checks), before it is
    dropped. A link for which `skip(url)` is true is neither checked nor counted (a monitor's exclusions).
    Raises ValueError (in Chinese) for an address that is not http(s) or a malformed host name.
    """
    crawl = Crawl(start_url, max_pages=max_pages, per_host=per_host, external_rate=external_rate,
                  timeout=timeout, retries=retries, concurrency=concurrency, progress=progress,
                  host_header=host_header, on_page=on_page, skip=skip)
    return await crawl.run()


def run_check(start_url: str, **options) -> LinkReport:
    """`check_site` for code that is not async (commands, jobs)."""
    return asyncio.run(check_site(start_url, **options))
