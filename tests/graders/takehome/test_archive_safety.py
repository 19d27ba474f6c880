"""Hand-in archives: zip-slip, symlinks, bombs, odd types and corrupt files are refused."""

import io
import stat
import struct
import zipfile

import pytest

from graders.takehome import UploadError, ZipEntry, inspect_zip, read_text_file
from tests.graders.takehome.factories import zip_bytes

CODE = (".py", ".md", ".txt")


def zip_with_info(info: zipfile.ZipInfo, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(info, content)
    return buffer.getvalue()


def refused(data: bytes, match: str, **limits) -> None:
    limits.setdefault("allowed_suffixes", CODE)
    with pytest.raises(UploadError, match=match):
        inspect_zip(data, **limits)


def test_a_clean_archive_lists_its_files():
    data = zip_bytes({"src/": b"", "src/train.py": b"print(1)\n", "README.md": b"# hi\n"})
    entries = inspect_zip(
        data, max_total_bytes=10_000, max_files=10, max_ratio=50, allowed_suffixes=CODE
    )
    assert entries == [
        ZipEntry("src/train.py", 9, entries[0].compressed_size),
        ZipEntry("README.md", 5, entries[1].compressed_size),
    ]


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("../x.py", r"'\.\.'"),
        ("src/../../etc/x.py", r"'\.\.'"),
        ("..\\..\\x.py", r"'\.\.'"),
        ("/etc/cron.d/x.py", "absolute"),
        ("C:/Windows/x.py", "absolute"),
    ],
)
def test_paths_that_escape_are_refused(name, match):
    refused(zip_bytes({name: b"x = 1\n"}), match)


def test_a_symlink_entry_is_refused():
    info = zipfile.ZipInfo("link.py")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    refused(zip_with_info(info, b"/etc/passwd"), "symbolic link")


def test_a_zip_bomb_with_a_huge_ratio_is_refused():
    refused(
        zip_bytes({"data.txt": b"\0" * (20 * 1024 * 1024)}),
        "compression ratio|zip bomb",
        max_total_bytes=50 * 1024 * 1024,
        max_ratio=100,
    )


def test_declared_sizes_over_the_limit_are_refused():
    refused(
        zip_bytes({"a.txt": b"a" * 5000, "b.txt": b"b" * 5000}), "declared", max_total_bytes=8000
    )


def test_a_header_that_lies_about_the_size_is_caught_while_reading():
    data = bytearray(zip_bytes({"big.txt": bytes(range(256)) * 8192}))  # 2 MiB, barely compressible
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)  # uncompressed size in the central directory
    refused(bytes(data), "corrupt|more than|zip bomb")


def test_too_many_files_are_refused():
    refused(zip_bytes({f"f{i}.py": b"" for i in range(30)}), "too many", max_files=20)


@pytest.mark.parametrize("name", ["model.exe", "weights.pt", "notes", "data.pkl"])
def test_disallowed_file_types_are_refused(name):
    refused(zip_bytes({name: b"MZ..."}), "not allowed")


def test_nested_archives_are_refused_by_name_and_by_content():
    inner = zip_bytes({"a.py": b"1"})
    refused(zip_bytes({"inner.zip": inner}), "archives inside", allowed_suffixes=None)
    refused(zip_bytes({"innocent.py": inner}), "archives inside")


def test_an_encrypted_entry_is_refused():
    data = bytearray(zip_bytes({"secret.py": b"x = 1\n"}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        struct.pack_into("<H", data, position + offset, 1)  # general purpose flag: encrypted
    refused(bytes(data), "encrypted")


@pytest.mark.parametrize("data", [b"not a zip at all", zip_bytes({"a.py": b"x" * 1000})[:-30], b""])
def test_corrupt_archives_are_refused(data):
    refused(data, "not a readable zip|corrupt")


def test_a_corrupt_entry_is_refused():
    data = bytearray(zip_bytes({"a.py": b"print('hello world')\n" * 50}))
    data[40:48] = b"\xff" * 8  # inside the compressed data of the first entry
    refused(bytes(data), "corrupt|not a readable")


def test_duplicate_names_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("a.py", b"1")
        archive.writestr("a.py", b"2")
    refused(buffer.getvalue(), "twice")


def test_read_text_file_returns_text_for_the_file_browser():
    data = zip_bytes({"src/train.py": "# café\nprint(1)\n".encode()})
    assert read_text_file(data, "src/train.py") == "# café\nprint(1)\n"


@pytest.mark.parametrize(
    ("files", "name", "match"),
    [
        ({"a.py": b"\xff\xfeoops"}, "a.py", r"not UTF-8 text \(byte 0xff at offset 0\)"),
        ({"a.bin": b"\x00\x01\x02"}, "a.bin", "binary"),
        ({"a.txt": b"x" * 2000}, "a.txt", "too large"),
        ({"a.py": b"1"}, "b.py", "no such file"),
    ],
)
def test_read_text_file_reports_what_it_cannot_show(files, name, match):
    with pytest.raises(UploadError, match=match):
        read_text_file(zip_bytes(files), name, max_bytes=1000)


def test_the_entry_count_is_checked_before_the_directory_is_parsed():
    data = zip_bytes({f"f{i}.py": b"" for i in range(300)}, compression=zipfile.ZIP_STORED)
    refused(data, r"too many entries: 300 \(at most 100\)", max_files=100)
