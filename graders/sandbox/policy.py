"""The seccomp filter every submission runs under, compiled in the trusted process.

libseccomp (through pyseccomp) compiles the rules to classic BPF here; the zygote installs the
bytes with a bare prctl, so nothing inside the sandbox needs libseccomp. The policy allows by
default and refuses, with EPERM, every call that creates processes, reaches other processes,
opens network sockets, or touches kernel surfaces a numpy program never needs.
"""

from __future__ import annotations

import errno
import tempfile
from functools import cache

CLONE_THREAD = 0x00010000
AF_UNIX = 1
TIOCSTI = 0x5412

# Calls refused outright.
DENIED = (
    # processes: a solution is one process (threads are allowed, see below)
    "fork",
    "vfork",
    "execve",
    "execveat",
    # other processes and the kernel's debugging surfaces
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_open",
    "pidfd_getfd",
    "pidfd_send_signal",
    "perf_event_open",
    "bpf",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    # namespaces, mounts and privileges
    "unshare",
    "setns",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "mount_setattr",
    "open_tree",
    "move_mount",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "name_to_handle_at",
    "open_by_handle_at",
    # keys, modules, clocks, the machine
    "keyctl",
    "add_key",
    "request_key",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
    "quotactl",
    "syslog",
    "ioperm",
    "iopl",
    "modify_ldt",
    "uselib",
    "vhangup",
    "lookup_dcookie",
    "clock_settime",
    "clock_adjtime",
    "settimeofday",
    "adjtimex",
    "personality",
    "process_madvise",
    "move_pages",
    "migrate_pages",
    "memfd_secret",
)


@cache
def seccomp_bpf() -> bytes:
    """Compile the policy; raises ImportError or RuntimeError when libseccomp is missing."""
    import pyseccomp as seccomp

    refuse = seccomp.ERRNO(errno.EPERM)
    policy = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in DENIED:
        try:
            policy.add_rule(refuse, name)
        except (RuntimeError, ValueError, OSError):
            pass  # a call this kernel or libseccomp does not know cannot be made either
    # clone() is how threads start too: refuse it only when it would make a new process.
    policy.add_rule(refuse, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
    # clone3 passes its flags in memory that seccomp cannot read: ENOSYS makes libc fall back
    # to clone(), which the rule above can judge.
    policy.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    # Only Unix sockets (no network family at all, not even inside the empty net namespace).
    policy.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.NE, AF_UNIX))
    # Typing into a terminal that someone else reads.
    policy.add_rule(refuse, "ioctl", seccomp.Arg(1, seccomp.EQ, TIOCSTI))
    with tempfile.TemporaryFile() as file:  # libseccomp writes to a real file descriptor
        policy.export_bpf(file)
        file.seek(0)
        return file.read()
