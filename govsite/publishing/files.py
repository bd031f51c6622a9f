"""Files of the static tree: atomic replacement and hashing; pure Python, no Django import."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def file_for(url_path: str) -> str:
    """The tree-relative file of a URL path: `/a/b/` → `a/b/index.html`, `/sitemap.xml` stays."""
    clean = PurePosixPath("/" + url_path.lstrip("/"))
    if url_path.endswith("/") or not clean.suffix:
        clean = clean / "index.html"
    parts = [p for p in clean.parts if p not in ("/", "", ".")]
    if ".." in parts:
        raise ValueError(f"不安全的路径：{url_path}")
    return "/".join(parts)


def resolve_inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing anything that would land outside `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"路径越界：{relative}")
    return target


def write_atomic(root: Path, relative: str, data: bytes) -> str:
    """Write a file so a reader never sees it half-written (write a temporary file, then rename)."""
    target = resolve_inside(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha256_bytes(data)


def walk(root: Path) -> Iterator[str]:
    """Every file below `root` as a tree-relative POSIX path, temporary files excluded."""
    if not root.exists():
        return
    for directory, _dirs, files in os.walk(root):
        for name in files:
            if not name.startswith(".tmp-"):
                yield Path(directory, name).relative_to(root).as_posix()
