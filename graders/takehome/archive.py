"""Zip archives: reading hand-ins safely, and writing byte-reproducible downloads.

A hand-in zip is hostile until proven otherwise. ``inspect_zip`` refuses, with a message that
names the entry: paths that escape the archive (absolute, drive letters, ``..``), symlinks,
encrypted entries, nested archives, disallowed file types, duplicate names, too many files, and
zip bombs: declared sizes over the limit, compression ratios over the limit and, because
declared sizes can lie, ACTUAL decompressed bytes counted while streaming (never trusting the
header). Every entry is read once to the end, so corrupt data and bad CRCs are found here too.
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_FILES = 2000
MAX_RATIO = 100.0
MAX_TEXT_BYTES = 512 * 1024
# A file that decompresses to less than this is no bomb whatever its ratio (a column of zeros
# compresses 1000:1 and is harmless).
RATIO_FLOOR_BYTES = 1024 * 1024
ARCHIVE_SUFFIXES = (".zip", ".jar", ".whl", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar")
_NESTED_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!")
_CHUNK = 64 * 1024
# The fixed timestamp of every entry we write (the earliest a zip can hold), so the same content
# gives the same archive bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)


class UploadError(Exception):
    """An uploaded archive or file is refused; the message says which entry and why."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class ZipEntry:
    name: str  # normalised POSIX path inside the archive
    size: int  # actual uncompressed bytes
    compressed_size: int


def _safe_name(raw: str) -> str:
    name = raw.replace("\\", "/")
    if "\0" in name or not name.strip("/"):
        raise UploadError(f"{raw!r}: invalid entry name")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise UploadError(f"{raw}: absolute paths are not allowed")
    parts = PurePosixPath(name).parts
    if ".." in parts:
        raise UploadError(f"{raw}: '..' in a path is not allowed (it would escape the folder)")
    return "/".join(part for part in parts if part != ".")


def _declared_entries(data: bytes) -> int | None:
    """The entry count of the end-of-central-directory record, read before ZipFile parses
    the whole directory (a few MB of directory can describe a million entries)."""
    find_end = getattr(zipfile, "_EndRecData", None)  # private but stable since Python 2
    try:
        end = find_end(io.BytesIO(data)) if find_end else None
    except (OSError, ValueError, struct.error):
        return None
    return int(end[zipfile._ECD_ENTRIES_TOTAL]) if end else None  # type: ignore[attr-defined]


def _open(data: bytes, max_files: int | None = None) -> zipfile.ZipFile:
    declared = _declared_entries(data)
    if max_files is not None and declared is not None and declared > max_files:
        raise UploadError(f"too many entries: {declared} (at most {max_files})")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UploadError(f"not a readable zip archive: {error}") from None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Decompress one entry, stopping as soon as it exceeds ``limit`` bytes."""
    chunks, total = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise UploadError(
                        f"{info.filename}: decompresses to more than {limit} bytes (zip bomb?)"
                    )
                chunks.append(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        ValueError,
    ) as error:
        raise UploadError(f"{info.filename}: corrupt or unsupported entry: {error}") from None
    return b"".join(chunks)


def _check_info(info: zipfile.ZipInfo, name: str, allowed_suffixes: Collection[str] | None) -> None:
    if info.flag_bits & 0x1:
        raise UploadError(f"{name}: encrypted entries are not allowed")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UploadError(f"{name}: symbolic links are not allowed")
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # devices, pipes, sockets
        raise UploadError(f"{name}: only regular files are allowed")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        raise UploadError(f"{name}: archives inside the archive are not allowed")
    if allowed_suffixes is not None and suffix not in {s.lower() for s in allowed_suffixes}:
        allowed = ", ".join(sorted(allowed_suffixes)) or "none"
        raise UploadError(f"{name}: file type {suffix or '(none)'!r} is not allowed ({allowed})")


def _walk(
    data: bytes,
    *,
    max_total_bytes: int,
    max_files: int,
    max_ratio: float,
    allowed_suffixes: Collection[str] | None,
) -> list[tuple[ZipEntry, bytes]]:
    if len(data) > max_total_bytes:
        raise UploadError(f"the archive is larger than {max_total_bytes} bytes")
    archive = _open(data, max_files)
    infos = archive.infolist()
    if len(infos) > max_files:
        raise UploadError(f"too many entries: {len(infos)} (at most {max_files})")
    seen: set[str] = set()
    total_declared = sum(info.file_size for info in infos)
    if total_declared > max_total_bytes:
        raise UploadError(
            f"declared uncompressed size {total_declared} bytes is over {max_total_bytes}"
        )
    entries: list[tuple[ZipEntry, bytes]] = []
    total_actual = 0
    for info in infos:
        name = _safe_name(info.filename)
        if name in seen:
            raise UploadError(f"{name}: appears twice in the archive")
        seen.add(name)
        if info.is_dir():
            _check_info(info, name, None)
            continue
        _check_info(info, name, allowed_suffixes)
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > max_ratio and info.file_size > RATIO_FLOOR_BYTES:
            raise UploadError(
                f"{name}: compression ratio {ratio:.0f}:1 is over {max_ratio:.0f}:1 (zip bomb?)"
            )
        by_ratio = max(RATIO_FLOOR_BYTES, int(max_ratio * max(info.compress_size, 1)))
        limit = min(max_total_bytes - total_actual, by_ratio)
        content = _read_member(archive, info, limit)
        if content.startswith(_NESTED_MAGIC):
            raise UploadError(f"{name}: archives inside the archive are not allowed")
        total_actual += len(content)
        entries.append((ZipEntry(name, len(content), info.compress_size), content))
    return entries


def inspect_zip(
    data: bytes,
    *,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_files: int = MAX_FILES,
    max_ratio: float = MAX_RATIO,
    allowed_suffixes: Collection[str] | None = None,
) -> list[ZipEntry]:
    """Check a hand-in archive and list its files (directories left out); raises UploadError.

    ``allowed_suffixes`` such as ``(".py", ".md")`` (lower case, with the dot); None allows any
    type except archives.
    """
    return [
        entry
        for entry, _ in _walk(
            data,
            max_total_bytes=max_total_bytes,
            max_files=max_files,
            max_ratio=max_ratio,
            allowed_suffixes=allowed_suffixes,
        )
    ]


def extract_checked(
    data: bytes,
    *,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_files: int = MAX_FILES,
    max_ratio: float = MAX_RATIO,
    allowed_suffixes: Collection[str] | None = None,
) -> dict[str, bytes]:
    """Like inspect_zip, but also return each file's content (in memory, never on disk)."""
    return {
        entry.name: content
        for entry, content in _walk(
            data,
            max_total_bytes=max_total_bytes,
            max_files=max_files,
            max_ratio=max_ratio,
            allowed_suffixes=allowed_suffixes,
        )
    }


def read_text_file(data: bytes, name: str, *, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """One text file of a hand-in archive, for the reviewer's browser; raises UploadError."""
    archive = _open(data)
    wanted = _safe_name(name)
    for info in archive.infolist():
        if info.is_dir() or _safe_name(info.filename) != wanted:
            continue
        _check_info(info, wanted, None)
        if info.file_size > max_bytes:
            raise UploadError(f"{wanted}: {info.file_size} bytes is too large to show")
        content = _read_member(archive, info, max_bytes)
        if b"\0" in content:
            raise UploadError(f"{wanted}: binary file, not shown")
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise UploadError(
                f"{wanted}: not UTF-8 text (byte 0x{content[error.start]:02x} at offset "
                f"{error.start})"
            ) from None
    raise UploadError(f"{name}: no such file in the archive")


def write_deterministic_zip(files: Iterable[tuple[str, bytes]], target: io.BufferedIOBase) -> None:
    """Write ``(name, bytes)`` in name order with fixed timestamps and permissions."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permission bits below mean what they say
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, content, compresslevel=6)
