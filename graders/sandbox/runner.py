"""The trusted side of the sandbox: one warm zygote per grading process, one child per submission.

For each submission the runner hands the zygote a fresh channel, the zygote forks a child that
confines itself before reading anything, and the runner then streams the cases one at a time,
measuring each case's CPU time and peak memory through the zygote and enforcing the wall clock,
the output cap and the result-size cap itself. A child that dies or overruns is replaced by a
fresh one for the next case.
"""

from __future__ import annotations

import array
import os
import selectors
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graders.sandbox.bwrap import SandboxUnavailable, allowed_packages, build_command
from graders.sandbox.inside import wire
from graders.sandbox.limits import Limits
from graders.sandbox.policy import seccomp_bpf

STDOUT_KEEP_BYTES = 64 << 10
FSIZE_BYTES = 16 << 20
CONTROL_TIMEOUT = 20.0
UID_BASE = 62000
CPU_POLL_SECONDS = 0.1
# A case that times out is run again this many times per submission before the verdict stands.
TIMEOUT_REMEASURES = 2


@dataclass
class RawOutcome:
    """What happened when one case ran, before any checking. ``status`` is one of:
    ok, compile_error, error, memory, bad_output, timeout, output_limit, crashed, and for the
    torch runtime forbidden (``message`` is the forbidden name the solution called)."""

    status: str
    value: Any = None
    message: str = ""
    error_type: str = ""
    line: int | None = None
    cpu_time: float = 0.0
    wall_time: float = 0.0
    memory_kb: int = 0
    stdout: bytes = b""
    details: dict[str, Any] = field(default_factory=dict)


OnOutcome = Callable[[RawOutcome], None]


class ZygoteDied(RuntimeError):
    pass


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(child) for child in children.read().split()]
    except OSError:
        return []


def _namespace_pid(host_pid: int) -> int | None:
    """The pid a process has in its own (innermost) pid namespace."""
    try:
        with open(f"/proc/{host_pid}/status") as status:
            for line in status:
                if line.startswith("NSpid:"):
                    return int(line.split()[-1])
    except (OSError, ValueError):
        pass
    return None


class ProcStats:
    """CPU time and peak memory of a child, read by the trusted side from the host's /proc.

    Saves a round trip to the zygote per case. Only possible where this process may read the
    child's /proc files (as root); otherwise ``open`` returns None and the zygote is asked.
    """

    def __init__(self, host_pid: int) -> None:
        self.host_pid = host_pid

    @classmethod
    def open(cls, zygote_host_pid: int | None, namespace_pid: int) -> ProcStats | None:
        if zygote_host_pid is None:
            return None
        for child in _children(zygote_host_pid):
            if _namespace_pid(child) == namespace_pid:
                stats = cls(child)
                return stats if stats.read(reset_peak=False) is not None else None
        return None

    def read(self, reset_peak: bool) -> dict[str, Any] | None:
        try:
            with open(f"/proc/{self.host_pid}/schedstat") as schedstat:
                cpu = int(schedstat.read().split()[0]) / 1e9
            hwm = 0
            with open(f"/proc/{self.host_pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        hwm = int(line.split()[1])
                        break
            if reset_peak:
                with open(f"/proc/{self.host_pid}/clear_refs", "w") as clear:
                    clear.write("5")
        except (OSError, ValueError, IndexError):
            return None
        return {"cpu": cpu, "hwm_kb": hwm}


class Sandbox:
    """A bubblewrap sandbox with a warm zygote; not thread-safe (one per grading process).

    Subclasses change what the zygote preloads (graders.torchrt.sandbox): its script, the
    packages visible inside, and the uid slot its children run as.
    """

    script = "zygote.py"
    start_timeout = 60.0  # seconds for the zygote to import what it preloads
    uid_offset = 0

    def packages(self) -> list[Path]:
        return allowed_packages()

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.control: socket.socket | None = None
        self.as_root = os.geteuid() == 0
        self.uid = UID_BASE + self.uid_offset + os.getpid() % 3000
        self.lock = threading.Lock()
        self.zygote_host_pid: int | None = None
        self.pending_replies = 0  # replies to requests sent without waiting (reaps)

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        try:
            bpf = seccomp_bpf()
        except (ImportError, RuntimeError, OSError) as error:
            raise SandboxUnavailable(
                f"cannot build the seccomp filter (libseccomp): {error}"
            ) from None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        command = build_command(
            control_fd=theirs.fileno(),
            as_root=self.as_root,
            script=self.script,
            packages=self.packages(),
        )
        debug = os.environ.get("CVPREP_SANDBOX_DEBUG") == "1"
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=None if debug else subprocess.DEVNULL,
            stderr=None if debug else subprocess.DEVNULL,
            pass_fds=(theirs.fileno(),),
            start_new_session=True,
        )
        theirs.close()
        self.control = ours
        try:
            self._receive(timeout=self.start_timeout)  # ready once numpy (or torch) is imported
            ready = self._request({"op": "init", "bpf_hex": bpf.hex(), "drop_uid": self.as_root})
            del ready
            self.zygote_host_pid = self._find_zygote()
        except ZygoteDied:
            code = self.process.poll()
            self.stop()
            raise SandboxUnavailable(
                f"the sandbox failed to start (bwrap exit status {code}); "
                "set CVPREP_SANDBOX_DEBUG=1 to see its errors"
            ) from None

    def _find_zygote(self) -> int | None:
        """bwrap -> its init in the new pid namespace -> the zygote (pid 2 there)."""
        assert self.process is not None
        for init in _children(self.process.pid):
            for child in _children(init):
                if _namespace_pid(child) == 2:
                    return child
        return None

    def stop(self) -> None:
        self.pending_replies = 0
        self.zygote_host_pid = None
        if self.control is not None:
            self.control.close()
            self.control = None
        if self.process is not None:
            if self.process.poll() is None:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.process.wait()
            self.process = None

    def ensure_started(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self.start()

    # -- control channel ------------------------------------------------------------------------

    def _receive(self, timeout: float) -> dict[str, Any]:
        assert self.control is not None
        self.control.settimeout(timeout)
        try:
            data = self.control.recv(1 << 20)
        except (TimeoutError, OSError):
            raise ZygoteDied("the zygote did not answer") from None
        if not data:
            raise ZygoteDied("the zygote closed its channel")
        header, _ = wire.unpack_body(data[wire.FRAME_HEADER.size :])
        return header

    def settle(self) -> None:
        """Wait until the zygote has answered every request sent without waiting: after
        this, every child of a finished submission is reaped and its scratch is gone."""
        with self.lock:
            self._drain()

    def _drain(self) -> None:
        while self.pending_replies and self.control is not None:
            self.pending_replies -= 1
            self._receive(CONTROL_TIMEOUT)

    def _send_later(self, header: dict[str, Any]) -> None:
        """Send a request whose reply nobody waits for now (read before the next reply)."""
        assert self.control is not None
        try:
            self.control.sendall(wire.pack_message(header))
        except OSError:
            raise ZygoteDied("the zygote is gone") from None
        self.pending_replies += 1

    def _request(self, header: dict[str, Any], fds: Sequence[int] = ()) -> dict[str, Any]:
        assert self.control is not None
        message = wire.pack_message(header)
        try:
            if fds:
                ancillary = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))]
                self.control.sendmsg([message], ancillary)
            else:
                self.control.sendall(message)
        except OSError:
            raise ZygoteDied("the zygote is gone") from None
        self._drain()
        answer = self._receive(CONTROL_TIMEOUT)
        if "error" in answer:
            raise ZygoteDied(f"zygote error: {answer['error']}")
        return answer

    # -- running a submission ----------------------------------------------------------------

    def run(
        self,
        *,
        code: str,
        entry: str,
        limits: Limits,
        inputs: Sequence[tuple[Any, list[bytes]]],
        on_outcome: OnOutcome,
        setup: dict[str, Any] | None = None,
    ) -> None:
        """Run ``code`` on each encoded input in turn, handing each outcome to ``on_outcome``.

        A compile error or a failure while loading the module gives a single outcome. This is
        a plain call, not a generator: whatever ``on_outcome`` raises leaves through ``with
        self.lock`` and the session's ``finally``, so the lock and the child never outlive it
        (a generator suspended inside the lock kept it when its consumer raised). ``setup``
        (JSON) travels with the code, for the runtime's harness (torch: what is forbidden).
        """
        with self.lock:
            self.ensure_started()
            session = _Session(self, code=code, entry=entry, limits=limits, setup=setup or {})
            session.run(inputs, on_outcome)

    def outcomes(
        self,
        *,
        code: str,
        entry: str,
        limits: Limits,
        inputs: Sequence[tuple[Any, list[bytes]]],
        setup: dict[str, Any] | None = None,
    ) -> list[RawOutcome]:
        """Every outcome at once, for callers that need no streaming."""
        collected: list[RawOutcome] = []
        self.run(
            code=code,
            entry=entry,
            limits=limits,
            inputs=inputs,
            on_outcome=collected.append,
            setup=setup,
        )
        return collected


class _Session:
    """One submission: a child process (replaced when it dies) and the cases streamed to it."""

    def __init__(
        self, sandbox: Sandbox, *, code: str, entry: str, limits: Limits, setup: dict[str, Any]
    ) -> None:
        self.sandbox = sandbox
        self.code = code
        self.entry = entry
        self.limits = limits
        self.setup = setup
        self.pid: int | None = None
        self.data: socket.socket | None = None
        self.stdout_fd: int | None = None
        self.last_cpu = 0.0
        self.proc_stats: ProcStats | None = None
        self.remeasures_left = TIMEOUT_REMEASURES

    def run(self, inputs: Sequence[tuple[Any, list[bytes]]], on_outcome: OnOutcome) -> None:
        try:
            for index, (tree, blobs) in enumerate(inputs):
                if self.pid is None:
                    loaded = self._spawn_and_load(cases_left=len(inputs) - index)
                    if loaded is not None:
                        # the module itself failed: every remaining case gets that failure,
                        # except a compile error, which is the whole submission's
                        on_outcome(loaded)
                        if loaded.status == "compile_error":
                            return
                        continue
                on_outcome(self._run_case_measured(tree, blobs))
        finally:
            self._finish()

    def _run_case_measured(self, tree: Any, blobs: list[bytes]) -> RawOutcome:
        """Run a case; a time-out is measured again (load and cold caches only ever slow a
        run, so the best of a few runs is the honest figure), a few times per submission."""
        outcome = self._run_case(tree, blobs)
        while outcome.status == "timeout" and self.remeasures_left > 0:
            self.remeasures_left -= 1
            if self.pid is None and self._spawn_and_load(cases_left=1) is not None:
                break  # the module no longer loads: keep the first verdict
            again = self._run_case(tree, blobs)
            again.details["remeasured"] = True
            if again.status != "timeout":
                return again
            outcome = min(outcome, again, key=lambda measured: measured.cpu_time)
        return outcome

    def _spawn_and_load(self, cases_left: int) -> RawOutcome | None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        out_read, out_write = os.pipe()
        request = {
            "op": "spawn",
            "uid": self.sandbox.uid,
            "memory_bytes": self.limits.memory_limit_mb << 20,
            # RLIMIT_CPU is a whole-process backstop; each case is also judged on its own.
            "cpu_seconds": self.limits.time_limit * (cases_left + 1) + 1,
            "fsize_bytes": FSIZE_BYTES,
        }
        try:
            answer = self.sandbox._request(request, fds=(theirs.fileno(), out_write))
        finally:
            theirs.close()
            os.close(out_write)
        self.pid = int(answer["pid"])
        self.proc_stats = ProcStats.open(self.sandbox.zygote_host_pid, self.pid)
        self.data = ours
        self.stdout_fd = out_read
        self.last_cpu = 0.0
        wire.send_message(ours.fileno(), {**self.setup, "code": self.code, "entry": self.entry})
        outcome = self._await_reply()
        if outcome.status == "ready":
            return None
        self._finish()
        return outcome

    def _run_case(self, tree: Any, blobs: list[bytes]) -> RawOutcome:
        assert self.data is not None
        try:
            wire.write_all(self.data.fileno(), wire.pack_message({"args": tree}, blobs))
        except OSError:
            pass  # the child died between cases; the reply wait reports how
        outcome = self._await_reply()
        if outcome.status != "ok" or self.pid is None:
            self._finish()
        return outcome

    def _await_reply(self) -> RawOutcome:
        """Wait for one reply, draining stdout meanwhile; enforce wall, output and size caps."""
        assert self.data is not None and self.stdout_fd is not None
        started = time.monotonic()
        deadline = started + self.limits.wall_limit
        reader = _FrameReader(self.limits.result_limit_bytes)
        captured = bytearray()
        stdout_total = 0
        data_fd = self.data.fileno()
        selector = selectors.DefaultSelector()
        selector.register(data_fd, selectors.EVENT_READ, "data")
        selector.register(self.stdout_fd, selectors.EVENT_READ, "stdout")
        failure: str | None = None
        try:
            while reader.body is None and failure is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    failure = "timeout"
                    break
                events = selector.select(min(remaining, CPU_POLL_SECONDS))
                if not events and self._cpu_used() > self.limits.time_limit:
                    failure = "timeout"  # a busy loop: stop it at the CPU limit, not the wall
                    break
                for key, _ in events:
                    if key.data == "stdout":
                        chunk = os.read(self.stdout_fd, 1 << 16)
                        if not chunk:
                            selector.unregister(self.stdout_fd)
                            continue
                        stdout_total += len(chunk)
                        if len(captured) < STDOUT_KEEP_BYTES:
                            captured += chunk[: STDOUT_KEEP_BYTES - len(captured)]
                        if stdout_total > self.limits.output_limit_bytes:
                            failure = "output_limit"
                    else:
                        chunk = os.read(data_fd, 1 << 20)
                        if not chunk:
                            failure = "crashed"
                            break
                        if not reader.feed(chunk):
                            failure = "result_too_large"
            # what the child printed just before it answered is already in the pipe
            stdout_total += self._drain_stdout(captured)
        finally:
            selector.close()
        wall = time.monotonic() - started

        if failure is None:
            stats = self._stats()
            cpu = max(0.0, stats["cpu"] - self.last_cpu)
            self.last_cpu = stats["cpu"]
            memory = int(stats["hwm_kb"])
            assert reader.body is not None
            outcome = self._parse_reply(reader.body)
            outcome.cpu_time, outcome.wall_time, outcome.memory_kb = cpu, wall, memory
            if cpu > self.limits.time_limit and outcome.status in ("ok", "error", "bad_output"):
                outcome = RawOutcome("timeout", cpu_time=cpu, wall_time=wall, memory_kb=memory)
        else:
            ended = self._kill_and_reap()
            cpu = max(0.0, ended.get("cpu", 0.0) - self.last_cpu)
            memory = int(ended.get("maxrss_kb", 0))
            outcome = self._classify_death(failure, ended, cpu=cpu, wall=wall, memory=memory)
        outcome.stdout = bytes(captured)
        if stdout_total > self.limits.output_limit_bytes and outcome.status != "output_limit":
            outcome = RawOutcome(
                "output_limit",
                message=f"printed {stdout_total} bytes",
                cpu_time=outcome.cpu_time,
                wall_time=wall,
                memory_kb=outcome.memory_kb,
                stdout=bytes(captured),
            )
        return outcome

    def _drain_stdout(self, captured: bytearray) -> int:
        assert self.stdout_fd is not None
        os.set_blocking(self.stdout_fd, False)
        total = 0
        try:
            while total <= self.limits.output_limit_bytes:
                chunk = os.read(self.stdout_fd, 1 << 16)
                if not chunk:
                    break
                total += len(chunk)
                if len(captured) < STDOUT_KEEP_BYTES:
                    captured += chunk[: STDOUT_KEEP_BYTES - len(captured)]
        except BlockingIOError:
            pass
        finally:
            os.set_blocking(self.stdout_fd, True)
        return total

    def _parse_reply(self, body: bytes) -> RawOutcome:
        try:
            header, blobs = wire.unpack_body(body)
            status = header.get("status")
            if status == "ok":
                return RawOutcome("ok", value=wire.decode_value(header.get("value"), blobs))
            if status in ("ready", "memory"):
                return RawOutcome(status)
            if status in ("compile_error", "bad_output", "forbidden"):
                return RawOutcome(status, message=str(header.get("message", ""))[:2000])
            if status == "error":
                line = header.get("line")
                return RawOutcome(
                    "error",
                    error_type=str(header.get("type", "Exception"))[:100],
                    message=str(header.get("message", ""))[:500],
                    line=line if isinstance(line, int) else None,
                )
        except (wire.WireError, ValueError, TypeError, RecursionError, MemoryError) as error:
            return RawOutcome("bad_output", message=f"unreadable result: {error}"[:500])
        return RawOutcome("bad_output", message="unreadable result")

    def _classify_death(
        self, failure: str, ended: dict[str, Any], *, cpu: float, wall: float, memory: int
    ) -> RawOutcome:
        sig = ended.get("signal")
        if failure == "timeout" or sig in (signal.SIGXCPU,) or cpu > self.limits.time_limit:
            return RawOutcome("timeout", cpu_time=cpu, wall_time=wall, memory_kb=memory)
        if failure == "output_limit" or sig == signal.SIGXFSZ:
            why = (
                "wrote a file over the size limit" if sig == signal.SIGXFSZ else "printed too much"
            )
            return RawOutcome(
                "output_limit", message=why, cpu_time=cpu, wall_time=wall, memory_kb=memory
            )
        if failure == "result_too_large":
            return RawOutcome(
                "output_limit",
                message="the returned value is too large",
                cpu_time=cpu,
                wall_time=wall,
                memory_kb=memory,
            )
        near_limit = memory * 1024 > 0.9 * (self.limits.memory_limit_mb << 20)
        if near_limit and sig in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            return RawOutcome("memory", cpu_time=cpu, wall_time=wall, memory_kb=memory)
        if sig is not None:
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
            message = f"the solution was killed by signal {name}"
        else:
            message = f"the solution exited (status {ended.get('code')}) instead of returning"
        return RawOutcome(
            "crashed", message=message, cpu_time=cpu, wall_time=wall, memory_kb=memory
        )

    def _cpu_used(self) -> float:
        try:
            return float(self._stats(reset_peak=False)["cpu"]) - self.last_cpu
        except ZygoteDied:
            return 0.0

    def _stats(self, reset_peak: bool = True) -> dict[str, Any]:
        if self.proc_stats is not None:
            stats = self.proc_stats.read(reset_peak)
            if stats is not None:
                return stats
        return self.sandbox._request({"op": "stats", "pid": self.pid, "reset": reset_peak})

    def _kill_and_reap(self) -> dict[str, Any]:
        self._close_channels()
        self.proc_stats = None
        if self.pid is None:
            return {}
        pid, self.pid = self.pid, None
        try:
            return self.sandbox._request({"op": "reap", "pid": pid, "kill": True})
        except ZygoteDied:
            self.sandbox.stop()
            return {}

    def _close_channels(self) -> None:
        if self.data is not None:
            self.data.close()
            self.data = None
        if self.stdout_fd is not None:
            os.close(self.stdout_fd)
            self.stdout_fd = None

    def _finish(self) -> None:
        """End the child once its cases are done. Its teardown (unmapping numpy, removing the
        scratch directory, the uid sweep) overlaps with checking: the reply is read later."""
        self._close_channels()
        self.proc_stats = None
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        try:
            self.sandbox._send_later({"op": "reap", "pid": pid, "kill": True})
        except ZygoteDied:
            self.sandbox.stop()


class _FrameReader:
    """Accumulates one length-prefixed frame, refusing it early when it is over the cap."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.buffer = bytearray()
        self.expected: int | None = None
        self.body: bytes | None = None

    def feed(self, chunk: bytes) -> bool:
        self.buffer += chunk
        if self.expected is None and len(self.buffer) >= wire.FRAME_HEADER.size:
            (self.expected,) = wire.FRAME_HEADER.unpack_from(self.buffer)
            if self.expected > self.max_bytes:
                return False
        if self.expected is not None and len(self.buffer) >= wire.FRAME_HEADER.size + self.expected:
            end = wire.FRAME_HEADER.size + self.expected
            self.body = bytes(self.buffer[wire.FRAME_HEADER.size : end])
        return True


_default: Sandbox | None = None
_default_pid: int | None = None


def default_sandbox() -> Sandbox:
    """The sandbox of this process (a forked worker gets its own, never its parent's)."""
    global _default, _default_pid
    if _default is None or _default_pid != os.getpid():
        _default = Sandbox()
        _default_pid = os.getpid()
    return _default
