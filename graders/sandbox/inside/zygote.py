"""The warm runner inside the sandbox.

Started once per grading worker under bubblewrap (new mount, pid, net, ipc, uts and cgroup
namespaces; only system libraries, the interpreter and numpy are visible, read-only). It imports
numpy once and then, for each submission, forks a child that drops to an unprivileged uid,
applies rlimits, no-new-privs and a seccomp filter, and only then reads the submission's code and
its cases from its own channel. The zygote itself never reads a submission's code or data, so a
child inherits nothing of any other submission.

Control protocol (one trusted peer, request/response over a Unix socket, wire.py framing):
  init  {bpf_hex, drop_uid}                    -> {ok}
  spawn {uid, memory_bytes, cpu_seconds, fsize_bytes} + fds [data, stdout] -> {pid}
  stats {pid}                                  -> {cpu, hwm_kb} (and resets the peak)
  kill  {pid}                                  -> {ok}
  reap  {pid, timeout}                         -> {exited, code, signal, cpu, maxrss_kb}
"""

import sys

# The trusted side passes the package directories (numpy's site-packages) as arguments.
CONTROL_FD = int(sys.argv[1])
sys.path.extend(arg for arg in sys.argv[2:] if arg not in sys.path)

import array

# Pre-import what solutions commonly use, so a child starts warm.
import bisect  # noqa: F401
import builtins
import collections  # noqa: F401
import ctypes
import dataclasses  # noqa: F401
import functools  # noqa: F401
import heapq  # noqa: F401
import itertools  # noqa: F401
import math  # noqa: F401
import os
import resource
import shutil
import signal
import socket
import time
import traceback
import typing  # noqa: F401

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wire  # noqa: E402

SCRATCH_ROOT = "/scratch"
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MAX_CONTROL_MESSAGE = 1 << 20
MAX_INPUT_MESSAGE = 4 << 30

libc = ctypes.CDLL(None, use_errno=True)


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


# --- the child: one submission --------------------------------------------------------------


def install_seccomp(bpf: bytes) -> None:
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS failed")
    if not bpf:
        return
    buffer = ctypes.create_string_buffer(bpf, len(bpf))
    program = SockFprog(len(bpf) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "seccomp filter failed to load")


def vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def child_main(data_fd, stdout_fd, scratch, request, bpf, drop_uid, serve=None):
    """Runs in the forked child: confine first, then read and run the untrusted code."""
    os.setsid()
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(stdout_fd, 1)
    os.dup2(stdout_fd, 2)
    keep = sorted({0, 1, 2, data_fd})
    for low, high in zip(keep, keep[1:] + [65536], strict=False):
        os.closerange(low + 1, high)
    os.chdir(scratch)
    os.environ.update(HOME=scratch, TMPDIR=scratch)

    memory = request["memory_bytes"]
    set_limit = resource.setrlimit
    set_limit(resource.RLIMIT_AS, (vm_size_bytes() + memory, vm_size_bytes() + memory))
    cpu = int(request["cpu_seconds"]) + 1
    set_limit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    set_limit(resource.RLIMIT_FSIZE, (request["fsize_bytes"], request["fsize_bytes"]))
    set_limit(resource.RLIMIT_NOFILE, (64, 64))
    set_limit(resource.RLIMIT_CORE, (0, 0))
    set_limit(resource.RLIMIT_MEMLOCK, (0, 0))
    set_limit(resource.RLIMIT_MSGQUEUE, (0, 0))
    if drop_uid:
        uid = request["uid"]
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    set_limit(resource.RLIMIT_NPROC, (4, 4))
    install_seccomp(bpf)

    sys.stdout = open(1, "w", buffering=1, closefd=False, errors="replace")  # noqa: SIM115
    sys.stderr = sys.stdout
    (serve or serve_submission)(data_fd)


def describe_exception(error):
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "solution.py"]
    line = frames[-1].lineno if frames else None
    return {"type": type(error).__name__, "message": str(error)[:500], "line": line}


def serve_submission(data_fd):
    send = wire.send_message
    header, _ = wire.recv_message(data_fd, MAX_INPUT_MESSAGE)
    code, entry = header["code"], header["entry"]
    try:
        compiled = compile(code, "solution.py", "exec")
    except (SyntaxError, ValueError) as error:
        send(
            data_fd,
            {
                "status": "compile_error",
                "message": "".join(traceback.format_exception_only(type(error), error))[-2000:],
            },
        )
        return
    namespace = {"__name__": "solution", "__builtins__": builtins}
    try:
        exec(compiled, namespace)
        function = namespace.get(entry)
        if not callable(function):
            raise NameError(f"solution.py defines no function named {entry!r}")
    except MemoryError:
        send(data_fd, {"status": "memory"})
        return
    except BaseException as error:  # the solution's own failure, SystemExit included
        send(data_fd, {"status": "error", **describe_exception(error)})
        return
    send(data_fd, {"status": "ready"})

    while True:
        try:
            header, blobs = wire.recv_message(data_fd, MAX_INPUT_MESSAGE)
        except EOFError:
            return
        args = wire.decode_value(header["args"], blobs)
        del blobs, header
        try:
            result = function(*args)
            sys.stdout.flush()
            tree, out_blobs = wire.encode_value(result)
            del result
            message = wire.pack_message({"status": "ok", "value": tree}, out_blobs)
            del out_blobs
        except MemoryError:
            message = wire.pack_message({"status": "memory"})
        except wire.UnsupportedValue as error:
            message = wire.pack_message({"status": "bad_output", "message": str(error)})
        except BaseException as error:
            message = wire.pack_message({"status": "error", **describe_exception(error)})
        del args
        try:
            sys.stdout.flush()
        except BaseException:
            pass
        wire.write_all(data_fd, message)
        del message


# --- the zygote ------------------------------------------------------------------------------


def read_stats(pid, reset):
    try:
        # nanoseconds on the CPU; /proc/<pid>/stat only counts 10 ms ticks
        with open(f"/proc/{pid}/schedstat") as schedstat:
            cpu = int(schedstat.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    hwm = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    if not reset:
        return {"cpu": cpu, "hwm_kb": hwm}
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as clear:
            clear.write("5")  # reset the peak-RSS mark, so the next case gets its own peak
    except OSError:
        pass
    return {"cpu": cpu, "hwm_kb": hwm}


def kill_leftovers(uid):
    """Backstop: no process of the slot's uid survives its submission."""
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    os.kill(int(name), signal.SIGKILL)
            except OSError:
                pass


def reap(pid, timeout, kill):
    if kill:
        # The trusted side is done with this child (or gave up on it): no need to wait politely.
        os.kill(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
    else:
        deadline = time.monotonic() + timeout
        while True:
            waited, status, usage = os.wait4(pid, os.WNOHANG)
            if waited:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                _, status, usage = os.wait4(pid, 0)
                break
            time.sleep(0.0005)
    return {
        "exited": os.WIFEXITED(status),
        "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
    }


def main(serve=None):
    """Serve the control channel; ``serve`` runs a submission in the child (default: numpy's
    serve_submission; the torch zygote passes its harness)."""
    control = socket.socket(fileno=CONTROL_FD)
    os.makedirs(SCRATCH_ROOT, exist_ok=True)
    bpf = b""
    drop_uid = False
    children = {}
    counter = 0

    def receive():
        fds = array.array("i")
        data, ancillary, _, _ = control.recvmsg(
            MAX_CONTROL_MESSAGE, socket.CMSG_LEN(8 * fds.itemsize)
        )
        if not data:
            raise EOFError
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
        header, _ = wire.unpack_body(data[wire.FRAME_HEADER.size :])
        return header, list(fds)

    def reply(header):
        control.sendall(wire.pack_message(header))

    reply({"ready": True, "pid": os.getpid()})
    while True:
        try:
            request, fds = receive()
        except (EOFError, ConnectionError):
            return
        op = request.get("op")
        try:
            if op == "init":
                bpf = bytes.fromhex(request["bpf_hex"])
                drop_uid = bool(request["drop_uid"])
                reply({"ok": True})
            elif op == "spawn":
                data_fd, stdout_fd = fds
                counter += 1
                scratch = f"{SCRATCH_ROOT}/{counter}"
                os.mkdir(scratch, 0o700)
                if drop_uid:
                    os.chown(scratch, request["uid"], request["uid"])
                sys.stdout.flush()
                pid = os.fork()
                if pid == 0:
                    try:
                        control.close()
                        child_main(data_fd, stdout_fd, scratch, request, bpf, drop_uid, serve)
                    finally:
                        os._exit(0)
                os.close(data_fd)
                os.close(stdout_fd)
                children[pid] = (scratch, request["uid"])
                reply({"pid": pid})
            elif op == "stats":
                reply(read_stats(request["pid"], request.get("reset", True)))
            elif op == "kill":
                if request["pid"] in children:
                    os.kill(request["pid"], signal.SIGKILL)
                reply({"ok": True})
            elif op == "reap":
                pid = request["pid"]
                outcome = reap(pid, float(request.get("timeout", 5)), bool(request.get("kill")))
                scratch, uid = children.pop(pid)
                if drop_uid:
                    kill_leftovers(uid)
                shutil.rmtree(scratch, ignore_errors=True)
                reply(outcome)
            else:
                reply({"error": f"unknown op {op!r}"})
        except Exception as error:  # report, keep serving: the trusted side decides
            for fd in fds:
                try:
                    os.close(fd)
                except OSError:
                    pass
            reply({"error": repr(error)})


if __name__ == "__main__":
    main()
