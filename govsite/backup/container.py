"""The encrypted container of a backup file (X6): a small header, then AES-256-GCM chunks; no Django import.

Layout::

    MAGIC (8 bytes) | header length (4 bytes, big-endian) | header (UTF-8 JSON)
    chunk*:  last flag (1 byte) | ciphertext length (4 bytes, big-endian) | ciphertext with its 16-byte tag

The header names the master key pair (fingerprint) and holds the random 256-bit file key wrapped by its public
key. Each chunk's nonce is its index (8 bytes) and last flag (1 byte), padded to 12 bytes, unique because the key
is new for every file; the associated data is the SHA-256 of the header bytes plus index and flag. So a changed
header or chunk, chunks moved or dropped, or a file cut short fails with a Chinese message, and memory holds
one chunk at a time.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import struct
from dataclasses import asdict, dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"GSBAK\x00\x01\n"
FORMAT_VERSION = 1
FILE_KEY_BYTES = 32
CHUNK_SIZE = 1 << 20
MAX_CHUNK_SIZE = 16 << 20
MAX_HEADER_BYTES = 64 << 10
TAG_BYTES = 16
_HEADER_LENGTH = struct.Struct(">I")
_FRAME = struct.Struct(">BI")
_NONCE = struct.Struct(">QB3x")


class BackupError(Exception):
    """A backup, verification or restore that cannot go on; the message tells the operator why, in Chinese."""


class BackupFormatError(BackupError):
    """The file is not a platform backup, or was cut short or changed; the message says which."""


def new_file_key() -> bytes:
    """A fresh random AES-256 key for one backup file."""
    return os.urandom(FILE_KEY_BYTES)


def wrap_label(backup_id: str) -> str:
    """The OAEP label of the wrapped file key: binds it to this backup, so it cannot be moved to another."""
    return f"govsite-backup:{backup_id}"


@dataclass(frozen=True)
class Header:
    """What a backup says about itself before decryption: who can open it, and how it was made."""

    backup_id: str
    created_at: str
    engine: str
    master_fingerprint: str
    wrapped_key: str
    chunk_size: int = CHUNK_SIZE
    compression: str = "gz"
    format: int = FORMAT_VERSION

    @classmethod
    def new(cls, backup_id: str, created_at: str, engine: str, fingerprint: str, wrapped: bytes) -> Header:
        return cls(backup_id, created_at, engine, fingerprint, base64.b64encode(wrapped).decode("ascii"))

    @property
    def wrapped_key_bytes(self) -> bytes:
        return base64.b64decode(self.wrapped_key)

    def to_bytes(self) -> bytes:
        """The header as written: magic, length, compact JSON."""
        body = json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode("utf-8")
        return MAGIC + _HEADER_LENGTH.pack(len(body)) + body


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes; fewer only at the end of the file (files return short reads only there)."""
    return stream.read(size) or b""


def _parse_header(body: bytes) -> Header:
    try:
        fields = json.loads(body.decode("utf-8"))
        header = Header(**fields)
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as error:
        raise BackupFormatError(f"备份文件头已损坏：{error}") from None
    if header.format != FORMAT_VERSION:
        raise BackupFormatError(f"不支持的备份格式版本 {header.format}（本平台读取版本 {FORMAT_VERSION}）")
    if not 0 < header.chunk_size <= MAX_CHUNK_SIZE:
        raise BackupFormatError("备份文件头已损坏：数据块大小不合理")
    return header


def read_header(stream: BinaryIO) -> tuple[Header, bytes]:
    """The header of an open backup file and its exact bytes (which every chunk authenticates)."""
    start = _read_exactly(stream, len(MAGIC) + _HEADER_LENGTH.size)
    if len(start) != len(MAGIC) + _HEADER_LENGTH.size or not start.startswith(MAGIC):
        raise BackupFormatError("这不是本平台的备份文件（文件头不符）")
    (length,) = _HEADER_LENGTH.unpack(start[len(MAGIC):])
    if length > MAX_HEADER_BYTES:
        raise BackupFormatError("备份文件头已损坏：长度不合理")
    body = _read_exactly(stream, length)
    if len(body) != length:
        raise BackupFormatError("备份文件已被截断：文件头不完整")
    return _parse_header(body), start + body


def _nonce_and_aad(header_digest: bytes, index: int, last: bool) -> tuple[bytes, bytes]:
    nonce = _NONCE.pack(index, int(last))
    return nonce, header_digest + nonce


class ChunkWriter(io.RawIOBase):
    """A write-only stream that encrypts what it is given in chunks; `close()` writes the last one."""

    def __init__(self, stream: BinaryIO, key: bytes, header_bytes: bytes, chunk_size: int = CHUNK_SIZE) -> None:
        super().__init__()
        self._stream, self._cipher, self._chunk_size = stream, AESGCM(key), chunk_size
        self._digest = hashlib.sha256(header_bytes).digest()
        self._buffer = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        # A chunk leaves only when more follows, so the one `close()` writes is always the last.
        while len(self._buffer) > self._chunk_size:
            self._emit(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        nonce, aad = _nonce_and_aad(self._digest, self._index, last)
        sealed = self._cipher.encrypt(nonce, plain, aad)
        self._stream.write(_FRAME.pack(int(last), len(sealed)) + sealed)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


class ChunkReader(io.RawIOBase):
    """A read-only stream of the decrypted body; refuses a changed, reordered, truncated or extended file."""

    def __init__(self, stream: BinaryIO, key: bytes, header_bytes: bytes, chunk_size: int) -> None:
        super().__init__()
        self._stream, self._cipher, self._chunk_size = stream, AESGCM(key), chunk_size
        self._digest = hashlib.sha256(header_bytes).digest()
        self._plain = memoryview(b"")
        self._index = 0
        self._ended = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        frame = _read_exactly(self._stream, _FRAME.size)
        if len(frame) < _FRAME.size:
            raise BackupFormatError("备份文件已被截断：缺少最后的数据块")
        flag, length = _FRAME.unpack(frame)
        if flag > 1 or not TAG_BYTES <= length <= self._chunk_size + TAG_BYTES:
            raise BackupFormatError(f"备份文件已损坏或被篡改：第 {self._index + 1} 个数据块的长度不合理")
        sealed = _read_exactly(self._stream, length)
        if len(sealed) < length:
            raise BackupFormatError("备份文件已被截断：最后一个数据块不完整")
        nonce, aad = _nonce_and_aad(self._digest, self._index, bool(flag))
        try:
            self._plain = memoryview(self._cipher.decrypt(nonce, sealed, aad))
        except InvalidTag:
            raise BackupFormatError(
                f"备份文件已损坏或被篡改：第 {self._index + 1} 个数据块校验失败（或密钥不对）") from None
        self._index += 1
        self._ended = bool(flag)

    def readinto(self, target) -> int:
        while not self._plain and not self._ended:
            self._next_chunk()
        size = min(len(target), len(self._plain))
        target[:size] = self._plain[:size]
        self._plain = self._plain[size:]
        return size

    def finish(self) -> None:
        """Read to the last chunk and make sure nothing follows it: the whole file was authenticated."""
        while self.read(self._chunk_size):
            pass
        if self._stream.read(1):
            raise BackupFormatError("备份文件末尾有多余的数据：文件已被改动")
