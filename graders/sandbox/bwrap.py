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
SITE_DIR = "/sandbox-site"
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
    """The interpreter's own prefix (stdlib, binary); /usr is bound anyway."""
    root = Path(sys.base_prefix).resolve()
    return [] if str(root).startswith("/usr") else [root]


def build_command(
    *,
    control_fd: int,
    as_root: bool,
    script: str = "zygote.py",
    packages: list[Path] | None = None,
) -> list[str]:
    """The sandbox running ``script`` (from inside/), with ``packages`` (default: numpy's)
    visible on its sys.path."""
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
    for package in allowed_packages() if packages is None else packages:
        command += ["--ro-bind", str(package), f"{SITE_DIR}/{package.name}"]
    command += ["--proc", "/proc", "--dev", "/dev"]
    command += ["--perms", "0755", "--size", str(SCRATCH_BYTES), "--tmpfs", "/scratch"]
    # No shared writable /tmp: it would outlive a submission and reach the next. The child's
    # TMPDIR is its own scratch directory.
    command += ["--perms", "0555", "--dir", "/tmp"]
    namespaces = [
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
    ]
    if not as_root:
        # Without root there is no real uid to drop to: a user namespace maps us to nobody.
        namespaces += ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    command += namespaces
    command += ["--die-with-parent", "--new-session", "--hostname", "sandbox", "--chdir", "/"]
    command += ["--clearenv"]
    for key, value in sandbox_environment().items():
        command += ["--setenv", key, value]
    # -I -S: no environment, no site hooks; the zygote puts exactly these dirs on sys.path.
    command += [
        str(real_python()),
        "-I",
        "-S",
        f"/sandbox/{script}",
        str(control_fd),
        *package_dirs(),
    ]
    return command


def stdlib_dirs() -> list[str]:
    import sysconfig

    paths = sysconfig.get_paths()
    return list(dict.fromkeys([paths["stdlib"], paths["platstdlib"]]))


def allowed_packages() -> list[Path]:
    """numpy and its bundled libraries: the only third-party code a solution may import.

    OpenCV, scipy and the site's own packages (Django, Redis and database clients) stay
    invisible: solutions implement the algorithm, and nothing in there is theirs to use.
    """
    import numpy

    numpy_dir = Path(numpy.__file__).resolve().parent
    site = numpy_dir.parent
    return [numpy_dir, *sorted(site.glob("numpy.libs"))]


def package_dirs() -> list[str]:
    """The sys.path of the zygote: the standard library and the sandbox's own site dir."""
    return [*stdlib_dirs(), SITE_DIR]


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


def probe(timeout: float = 5.0) -> None:
    """Build an empty sandbox with the namespaces grading uses and run ``true`` in it; raises
    SandboxUnavailable saying why when this host cannot (no bwrap, user namespaces refused by
    the kernel or a container). A readiness probe asks this before the host takes work."""
    import subprocess

    as_root = os.geteuid() == 0
    command = [bwrap_path(), "--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "bin"):
        target = Path("/") / name
        if target.is_symlink():
            command += ["--symlink", os.readlink(target), str(target)]
        elif target.is_dir():
            command += ["--ro-bind", str(target), str(target)]
    command += ["--proc", "/proc", "--dev", "/dev", "--unshare-pid", "--unshare-net"]
    command += ["--unshare-ipc", "--unshare-uts"]
    if not as_root:
        command += ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    command += ["--die-with-parent", "--clearenv", "/usr/bin/true"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SandboxUnavailable(f"bwrap could not start: {error}") from error
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip()[:300]
        raise SandboxUnavailable(f"bwrap exit status {done.returncode}: {reason}")
