"""The torch sandbox: the same bubblewrap world and zygote protocol as numpy's, with torch
(and only what ``import torch`` needs) visible and imported before the first fork.

One per grading process, started the first time a torch problem is graded: a worker that only
grades numpy problems never starts it.
"""

from __future__ import annotations

import os
from pathlib import Path

from graders.sandbox.bwrap import allowed_packages
from graders.sandbox.runner import Sandbox

# What `import torch` loads from site-packages besides numpy (measured with torch 2.13 CPU).
TORCH_DISTRIBUTIONS = ("torch", "torchgen", "typing_extensions.py")


def torch_packages() -> list[Path]:
    import numpy

    site = Path(numpy.__file__).resolve().parent.parent
    return [*allowed_packages(), *(site / name for name in TORCH_DISTRIBUTIONS)]


class TorchSandbox(Sandbox):
    script = "torch_zygote.py"
    start_timeout = 180.0  # importing torch takes 1-2 s idle, over 10 s on a loaded machine
    uid_offset = -3000  # its own uid slots (59000-61999): its sweep never touches numpy's

    def packages(self) -> list[Path]:
        return torch_packages()


_default: TorchSandbox | None = None
_default_pid: int | None = None


def default_torch_sandbox() -> TorchSandbox:
    """The torch sandbox of this process (a forked worker gets its own, never its parent's)."""
    global _default, _default_pid
    if _default is None or _default_pid != os.getpid():
        _default = TorchSandbox()
        _default_pid = os.getpid()
    return _default
