"""What every kind of package shares: the kinds, the error that names a broken file and field,
reading problem.toml and the fields every catalog lists (title, difficulty, category, tags), the
fingerprint of a package's files, and finding packages under a folder.

Each kind reads its own package: ``graders.coding.package``, ``graders.design.package``,
``graders.takehome.package``; ``graders.load`` picks the one a package declares.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def read_problem_toml(path: Path, required_files: Iterable[str]) -> tuple[Path, dict[str, Any]]:
    """A package folder's problem.toml, parsed, once the files its kind needs are there."""
    if not path.is_dir():
        raise InvalidPackage(path=path, reason="is not a directory")
    for name in required_files:
        if not (path / name).is_file():
            raise InvalidPackage(path=path / name, reason="is missing")
    toml_path = path / "problem.toml"
    try:
        data = tomllib.loads(toml_path.read_text())
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidPackage(path=toml_path, reason=f"is not valid TOML: {error}") from None
    return toml_path, data


def typed_field(
    table: dict[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    where: Path,
    prefix: str = "",
) -> Any:
    """``table[key]``, required and of ``kind`` (a bool is not an int here); the refusal names
    the field as ``prefix + key``."""
    field = f"{prefix}{key}"
    if key not in table:
        raise InvalidPackage(path=where, field=field, reason="is required")
    value = table[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise InvalidPackage(path=where, field=field, reason=f"must be {names}")
    return value


@dataclass(frozen=True)
class Listing:
    """What a catalog lists of any package."""

    title: str
    difficulty: str
    category: str
    tags: tuple[str, ...]


def read_listing(
    data: dict[str, Any], toml_path: Path, *, default_category: str | None = None
) -> Listing:
    """Title, difficulty, category and tags, checked alike for every kind. Without a
    ``default_category`` the category (and the tags) are required."""
    title = typed_field(data, "title", str, toml_path).strip()
    if not title:
        raise InvalidPackage(path=toml_path, field="title", reason="must not be empty")
    difficulty = typed_field(data, "difficulty", str, toml_path)
    if difficulty not in DIFFICULTIES:
        raise InvalidPackage(
            path=toml_path, field="difficulty", reason=f"must be one of {DIFFICULTIES}"
        )
    if default_category is None:
        category = typed_field(data, "category", str, toml_path)
        tags = typed_field(data, "tags", list, toml_path)
    else:
        category = str(data.get("category", default_category))
        tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag for tag in tags):
        raise InvalidPackage(path=toml_path, field="tags", reason="must be non-empty strings")
    return Listing(title=title, difficulty=difficulty, category=category, tags=tuple(tags))


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
