"""Django's own `check --deploy` messages as check-deploy findings in Chinese (X11). Pure Python.

The ones the platform's rules already report (govsite/security/deploy.py) are left out, so nothing is listed
twice; an id Django adds later is passed through in its own words.
"""

from __future__ import annotations

from .deploy import ERROR, WARNING, Finding

# Django's ids whose setting a platform rule of deploy.py already reports.
COVERED = frozenset({
    "security.W004", "security.W005", "security.W008", "security.W009", "security.W010", "security.W011",
    "security.W012", "security.W013", "security.W014", "security.W015", "security.W016", "security.W018",
    "security.W020",
})
CHINESE: dict[str, tuple[str, str, str]] = {
    "security.W001": (ERROR, "MIDDLEWARE 中没有 SecurityMiddleware：不发送 HSTS、不跳转 HTTPS",
                      "把 django.middleware.security.SecurityMiddleware 放在 MIDDLEWARE 第一位"),
    "security.W002": (ERROR, "MIDDLEWARE 中没有 XFrameOptionsMiddleware：页面可被其他网站嵌套（点击劫持）",
                      "保留 django.middleware.clickjacking.XFrameOptionsMiddleware"),
    "security.W003": (ERROR, "MIDDLEWARE 中没有 CsrfViewMiddleware：表单没有跨站请求伪造防护",
                      "保留 django.middleware.csrf.CsrfViewMiddleware"),
    "security.W006": (ERROR, "SECURE_CONTENT_TYPE_NOSNIFF 未开启：浏览器可能把上传的文件当作脚本执行",
                      "设置 SECURE_CONTENT_TYPE_NOSNIFF = True"),
    "security.W019": (WARNING, "X_FRAME_OPTIONS 不是 DENY",
                      "平台的页面预览需要 SAMEORIGIN；生产配置已将此项列入 SILENCED_SYSTEM_CHECKS"),
    "security.W021": (WARNING, "HSTS 未设置 preload",
                      "确认该域名下所有子域名（含内网）都已支持 HTTPS 后，设置环境变量 GOVSITE_HSTS_PRELOAD=1"),
    "security.W022": (ERROR, "SECURE_REFERRER_POLICY 未设置：访问者的来源页面地址会泄露给外部网站",
                      "设置 SECURE_REFERRER_POLICY = \"same-origin\""),
    "security.E023": (ERROR, "SECURE_REFERRER_POLICY 的取值无效", "改为 \"same-origin\" 等 Referrer-Policy 标准取值"),
    "security.E024": (ERROR, "SECURE_CROSS_ORIGIN_OPENER_POLICY 的取值无效", "改为 \"same-origin\""),
    "security.W025": (ERROR, "SECRET_KEY_FALLBACKS 中有太短或开发用的旧密钥", "删去这些旧密钥"),
    "security.E101": (ERROR, "CSRF_FAILURE_VIEW 指向的视图参数不对", "该视图须接受 request 和 reason 两个参数"),
    "security.E102": (ERROR, "CSRF_FAILURE_VIEW 指向的视图无法导入", "检查 CSRF_FAILURE_VIEW 的模块路径"),
    "async.E001": (ERROR, "设置了环境变量 DJANGO_ALLOW_ASYNC_UNSAFE：关闭了异步环境下的数据库访问保护",
                   "生产环境的服务进程不得设置 DJANGO_ALLOW_ASYNC_UNSAFE"),
}


def from_django(check_id: str, is_error: bool, message: str, hint: str | None) -> Finding | None:
    """A Django check message as a finding: in Chinese when known, None when a platform rule reports it."""
    if check_id in COVERED:
        return None
    if check_id in CHINESE:
        level, chinese, chinese_hint = CHINESE[check_id]
        return Finding(check_id, chinese, chinese_hint, level)
    return Finding(check_id, message, hint or "", ERROR if is_error else WARNING)
