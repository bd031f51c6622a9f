"""The entry names of an OLE compound file (.doc, .xls), read from its directory (X6); pure Python.

Old Word and Excel files keep macros in storages named "Macros" or "_VBA_PROJECT_CUR"; the directory
lists every storage and stream by name, so reading it tells a macro document without running anything.
Hostile files may loop their sector chains or point outside the file: both end in DamagedCompoundFile.
"""

from __future__ import annotations

import struct

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_DIFAT_ENTRIES = 109
END_OF_CHAIN = 0xFFFFFFFE
FREE_SECTOR = 0xFFFFFFFF
DIRECTORY_ENTRY_SIZE = 128
EMPTY_ENTRY = 0
# A 50 MB file of 512-byte sectors has about 100,000 sectors; no honest chain is longer than the file.
MAX_SECTORS = 1_000_000


class DamagedCompoundFile(ValueError):
    """The bytes start like a compound file but its structure does not hold together."""


def _sector_size(data: bytes) -> int:
    if len(data) < 512 or not data.startswith(SIGNATURE):
        raise DamagedCompoundFile("not a compound file")
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise DamagedCompoundFile("bad sector size")
    return 1 << shift


def _sector(data: bytes, number: int, size: int) -> bytes:
    start = (number + 1) * size
    if number >= MAX_SECTORS or start + size > len(data):
        raise DamagedCompoundFile("sector outside the file")
    return data[start : start + size]


def _fat_sector_numbers(data: bytes, size: int) -> list[int]:
    """Where the allocation table lies: 109 places in the header, the rest in a chain of DIFAT sectors."""
    count = struct.unpack_from("<I", data, 0x2C)[0]
    first_difat, difat_count = struct.unpack_from("<II", data, 0x44)
    numbers = list(struct.unpack_from(f"<{HEADER_DIFAT_ENTRIES}I", data, 0x4C))
    per_sector = size // 4 - 1
    difat, seen = first_difat, set()
    while difat not in (END_OF_CHAIN, FREE_SECTOR) and len(seen) < difat_count:
        if difat in seen:
            raise DamagedCompoundFile("looping DIFAT chain")
        seen.add(difat)
        entries = struct.unpack(f"<{per_sector + 1}I", _sector(data, difat, size))
        numbers.extend(entries[:per_sector])
        difat = entries[per_sector]
    return [n for n in numbers[:count] if n != FREE_SECTOR]


def _allocation_table(data: bytes, size: int) -> list[int]:
    table: list[int] = []
    for number in _fat_sector_numbers(data, size):
        table.extend(struct.unpack(f"<{size // 4}I", _sector(data, number, size)))
    return table


def _chain(table: list[int], first: int) -> list[int]:
    """The sector numbers of one chain, refusing loops and pointers past the table."""
    chain: list[int] = []
    seen: set[int] = set()
    sector = first
    while sector != END_OF_CHAIN:
        if sector in seen or sector >= len(table):
            raise DamagedCompoundFile("broken sector chain")
        seen.add(sector)
        chain.append(sector)
        sector = table[sector]
    return chain


def entry_names(data: bytes) -> set[str]:
    """Every storage and stream name in the file's directory; DamagedCompoundFile if it cannot be read."""
    size = _sector_size(data)
    first_directory = struct.unpack_from("<I", data, 0x30)[0]
    try:
        chain = _chain(_allocation_table(data, size), first_directory)
    except struct.error as error:
        raise DamagedCompoundFile("truncated header or sector") from error
    directory = b"".join(_sector(data, n, size) for n in chain)
    names: set[str] = set()
    for offset in range(0, len(directory) - DIRECTORY_ENTRY_SIZE + 1, DIRECTORY_ENTRY_SIZE):
        name_length, entry_type = struct.unpack_from("<HB", directory, offset + 64)
        if entry_type == EMPTY_ENTRY or not 2 <= name_length <= 64:
            continue
        names.add(directory[offset : offset + name_length - 2].decode("utf-16-le", errors="replace"))
    return names
