"""One loader for every kind of package: ``load(path)`` reads the kind that problem.toml
declares and hands the folder to that kind's loader."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graders.coding.package import ProblemPackage, load_package
from graders.package import package_kind

if TYPE_CHECKING:
    from graders.design import DesignPackage
    from graders.takehome import TakehomePackage



def load(path: Path | str) -> ProblemPackage | DesignPackage | TakehomePackage:
    """The package at ``path``, of whichever kind it declares (coding when absent).

    Raises InvalidPackage naming the file and field at fault, as each kind's loader does.
    """
    kind = package_kind(path)
    if kind == "design":
        # The design and take-home engines load their own dependencies (simpy, pycocotools,
        # Pillow) only when a package of theirs is read.
        from graders.design import load_design

        return load_design(Path(path))
    if kind == "takehome":
        from graders.takehome import load_takehome

        return load_takehome(Path(path))
    return load_package(path)
