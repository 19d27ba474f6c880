"""What every kind of package shares: the kinds, the error that names a broken file and field,
the fingerprint of a package's files, and finding packages under a folder.

Each kind reads its own package: ``graders.coding.package``, ``graders.design.package``,
``graders.takehome.package``; ``graders.load`` picks the one a package declares.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from pathlib import Path

KINDS = ("coding", "design", "takehome")
DIFFICULTIES = ("easy", "medium", "hard")


class InvalidPackage(Exception):
    """A package breaks the authoring contract; says which file and field, and why."""

    def __init__(self, *, path: Path | str, field: str = "", reason: str) -> None:
        self.path = str(path)
        self.field = field
        self.reason = reason
        where = f"{self.path}: {field}" if field else self.path
        super().__init__(f"{where}: {reason}")


def files_digest(files: Iterable[Path], *, salt: bytes = b"") -> str:
    """16 hex digits over the files' names and bytes (missing files are skipped): a package
    changed on disk gets a new fingerprint, and the site re-syncs it."""
    digest = hashlib.sha256(salt)
    for file in files:
        if file.exists():
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def package_kind(path: Path | str) -> str:
    """The ``kind`` a package declares (coding when absent), read before full validation."""
    toml_path = Path(path) / "problem.toml"
    try:
        kind = tomllib.loads(toml_path.read_text()).get("kind", "coding")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidPackage(path=toml_path, reason=f"is not valid TOML: {error}") from None
    if kind not in KINDS:
        raise InvalidPackage(path=toml_path, field="kind", reason=f"must be one of {KINDS}")
    return str(kind)


def discover(root: Path | str) -> list[Path]:
    """Package folders under ``root``: every directory that holds a problem.toml."""
    root = Path(root)
    if (root / "problem.toml").is_file():
        return [root]
    return sorted(p.parent for p in root.glob("*/problem.toml"))
