"""A scan of the candidate's source for forbidden names, in the trusted process.

The sandbox's stand-ins catch calls; the scan catches the name itself, however it is reached
in the source: ``F.grid_sample`` after ``import torch.nn.functional as F``, ``from
torch.nn.functional import grid_sample as gs``, ``torch.ops.aten.grid_sampler_2d.default``.
Names are resolved through the module's imports only, so a local variable that happens to be
called ``F`` is not taken for torch.nn.functional, and comments and strings are never matched.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable


def _dotted(node: ast.expr) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def _matches(name: str, forbidden: Iterable[str]) -> str | None:
    for banned in forbidden:
        if name == banned or name.startswith(banned + "."):
            return banned
    return None


def forbidden_use(source: str, forbidden: tuple[str, ...]) -> str | None:
    """The first forbidden name the source imports or refers to, or None (also for source
    that does not parse: the sandbox reports the syntax error)."""
    if not forbidden:
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    aliases: dict[str, str] = {}  # local name -> the dotted name it was imported as
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    aliases.setdefault(alias.name.split(".")[0], alias.name.split(".")[0])
                hit = _matches(alias.name, forbidden)
                if hit:
                    return hit
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                hit = _matches(full, forbidden)
                if hit:
                    return hit
                aliases[alias.asname or alias.name] = full
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)):
            parts = _dotted(node)
            if parts is None or parts[0] not in aliases:
                continue
            hit = _matches(".".join([aliases[parts[0]], *parts[1:]]), forbidden)
            if hit:
                return hit
    return None
