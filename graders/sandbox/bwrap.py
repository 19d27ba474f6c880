"""The bubblewrap command line that builds the sandbox's world.

Visible inside, read-only: the system's /usr (with /lib, /lib64, /bin as links into it), the
interpreter's prefix, the virtualenv's prefix, and graders/sandbox/inside/ at /sandbox. Nothing
else of the host: not the project, not problems/, not /etc, /home, /root or /var. A private
tmpfs of bounded size holds the scratch directories.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

INSIDE_DIR = Path(__file__).resolve().parent / "inside"
SCRATCH_BYTES = 64 << 20


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be built here; grading must refuse rather than run code unconfined."""


def bwrap_path() -> str:
    path = shutil.which("bwrap")
    if path is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed: refusing to run submissions unconfined. "
            "Install it with `apt-get install bubblewrap` (the ./cvprep launcher does this)."
        )
    return path


def real_python() -> Path:
    """The interpreter itself, not a version-manager shim (a shim costs ~90 ms a start)."""
    return Path(os.path.realpath(sys.executable))


def _ancestors(path: Path) -> list[Path]:
    return [p for p in reversed(path.parents) if p != Path("/")]


def read_only_roots() -> list[Path]:
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    return sorted(root for root in roots if not str(root).startswith("/usr"))


def build_command(*, control_fd: int, as_root: bool) -> list[str]:
    command = [bwrap_path(), "--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "bin", "sbin"):
        target = Path("/") / name
        if target.is_symlink():
            command += ["--symlink", os.readlink(target), str(target)]
        elif target.is_dir():
            command += ["--ro-bind", str(target), str(target)]
    created: set[Path] = set()
    for root in read_only_roots():
        # bwrap creates missing parents with mode 0700; the unprivileged uid must traverse them.
        for parent in _ancestors(root):
            if parent not in created:
                command += ["--perms", "0755", "--dir", str(parent)]
                created.add(parent)
        command += ["--ro-bind", str(root), str(root)]
    command += ["--ro-bind", str(INSIDE_DIR), "/sandbox"]
    command += ["--proc", "/proc", "--dev", "/dev"]
    command += ["--perms", "0755", "--size", str(SCRATCH_BYTES), "--tmpfs", "/scratch"]
    command += ["--perms", "1777", "--tmpfs", "/tmp"]
    namespaces = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                  "--unshare-cgroup-try"]
    if not as_root:
        # Without root there is no real uid to drop to: a user namespace maps us to nobody.
        namespaces += ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    command += namespaces
    command += ["--die-with-parent", "--new-session", "--hostname", "sandbox", "--chdir", "/"]
    command += ["--clearenv"]
    for key, value in sandbox_environment().items():
        command += ["--setenv", key, value]
    # -I -S: no environment, no site hooks; the zygote puts exactly these dirs on sys.path.
    command += [str(real_python()), "-I", "-S", "/sandbox/zygote.py", str(control_fd),
                *package_dirs()]
    return command


def package_dirs() -> list[str]:
    """Where numpy and the standard library live, resolved on the trusted side."""
    import site
    import sysconfig

    dirs = [sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]]
    dirs += [os.path.realpath(d) for d in site.getsitepackages()]
    return list(dict.fromkeys(dirs))


def sandbox_environment() -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        # One thread each: limits stay per process and two workers do not fight over 2 cores.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "HOME": "/scratch",
    }
