"""The ONNX sandbox: the same bubblewrap world and zygote protocol as numpy's, with
onnxruntime (and only onnxruntime and numpy) visible and imported before the first fork.

One per grading process, started the first time a model hand-in is run: a worker that grades
only code never starts it.
"""

from __future__ import annotations

import os
from pathlib import Path

from graders.sandbox.bwrap import allowed_packages
from graders.sandbox.runner import Sandbox


def onnx_packages() -> list[Path]:
    """numpy and onnxruntime: `import onnxruntime` needs nothing else from site-packages
    (measured with onnxruntime 1.32: the rest of what it imports is the standard library)."""
    import onnxruntime

    return [*allowed_packages(), Path(onnxruntime.__file__).resolve().parent]


class OnnxSandbox(Sandbox):
    script = "onnx_zygote.py"
    start_timeout = 120.0
    uid_offset = -6000  # its own uid slots (56000-58999): its sweep never touches the others

    def packages(self) -> list[Path]:
        return onnx_packages()


_default: OnnxSandbox | None = None
_default_pid: int | None = None


def default_onnx_sandbox() -> OnnxSandbox:
    """The ONNX sandbox of this process (a forked worker gets its own, never its parent's)."""
    global _default, _default_pid
    if _default is None or _default_pid != os.getpid():
        _default = OnnxSandbox()
        _default_pid = os.getpid()
    return _default
