"""The encrypted container (X6): what goes in comes out; changed, reordered, cut or extended files are refused."""

from __future__ import annotations

import io
import os

import pytest

from govsite.backup.container import (
    BackupFormatError,
    ChunkReader,
    ChunkWriter,
    Header,
    new_file_key,
    read_header,
)

CHUNK = 64
FRAME = 5 + CHUNK + 16  # flag and length, a full chunk, the GCM tag


def sealed(plain: bytes, key: bytes) -> bytes:
    """A whole container file around `plain`, in chunks of 64 bytes."""
    header = Header.new("b1", "2026-03-01T03:00:00+08:00", "sqlite", "ab" * 32, b"wrapped").to_bytes()
    out = io.BytesIO()
    out.write(header)
    with ChunkWriter(out, key, header, CHUNK) as body:
        for start in range(0, len(plain), 50):
            body.write(plain[start:start + 50])
    return out.getvalue()


def opened(data: bytes, key: bytes) -> bytes:
    stream = io.BytesIO(data)
    header, header_bytes = read_header(stream)
    reader = ChunkReader(stream, key, header_bytes, header.chunk_size)
    plain = reader.read()
    reader.finish()
    return plain


@pytest.fixture
def key() -> bytes:
    return new_file_key()


@pytest.mark.parametrize("size", [0, 1, CHUNK, CHUNK + 1, 10 * CHUNK])
def test_x6_what_is_sealed_opens_unchanged(key, size):
    plain = os.urandom(size)
    data = sealed(plain, key)
    assert opened(data, key) == plain
    assert size < 16 or plain[:16] not in data  # sealed, not stored


def test_x6_header_is_read_back():
    header = Header.new("b1", "2026-03-01T03:00:00+08:00", "postgresql", "cd" * 32, b"\x01\x02")
    parsed, raw = read_header(io.BytesIO(header.to_bytes() + b"rest"))
    assert parsed == header and parsed.wrapped_key_bytes == b"\x01\x02" and raw == header.to_bytes()


def test_x6_a_changed_byte_is_refused(key):
    data = bytearray(sealed(os.urandom(300), key))
    data[-20] ^= 1
    with pytest.raises(BackupFormatError, match="已损坏或被篡改"):
        opened(bytes(data), key)


def test_x6_a_changed_header_is_refused(key):
    data = sealed(os.urandom(300), key).replace(b'"engine":"sqlite"', b'"engine":"sqlitx"')
    with pytest.raises(BackupFormatError, match="第 1 个数据块校验失败"):
        opened(data, key)


def test_x6_a_file_cut_at_a_chunk_boundary_is_refused(key):
    data = sealed(os.urandom(5 * CHUNK), key)
    body_start = len(data) - 5 * FRAME
    with pytest.raises(BackupFormatError, match="已被截断"):
        opened(data[: body_start + 3 * FRAME], key)


def test_x6_a_file_cut_inside_a_chunk_is_refused(key):
    data = sealed(os.urandom(5 * CHUNK), key)
    with pytest.raises(BackupFormatError, match="已被截断"):
        opened(data[:-7], key)


def test_x6_swapped_chunks_are_refused(key):
    data = sealed(os.urandom(5 * CHUNK), key)
    start = len(data) - 5 * FRAME
    first, second = data[start:start + FRAME], data[start + FRAME:start + 2 * FRAME]
    swapped = data[:start] + second + first + data[start + 2 * FRAME:]
    with pytest.raises(BackupFormatError, match="第 1 个数据块校验失败"):
        opened(swapped, key)


def test_x6_data_after_the_last_chunk_is_refused(key):
    with pytest.raises(BackupFormatError, match="多余的数据"):
        opened(sealed(os.urandom(100), key) + b"\x00", key)


def test_x6_another_key_does_not_open_it(key):
    with pytest.raises(BackupFormatError, match="校验失败"):
        opened(sealed(b"secret", key), new_file_key())


def test_x6_other_files_are_not_taken_for_backups():
    with pytest.raises(BackupFormatError, match="不是本平台的备份文件"):
        read_header(io.BytesIO(b"SQLite format 3\x00" + b"\x00" * 100))
    with pytest.raises(BackupFormatError, match="不是本平台的备份文件"):
        read_header(io.BytesIO(b""))
