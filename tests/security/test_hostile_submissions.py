"""Hostile submissions: each gets the verdict it must get, the next submission is graded
normally, nothing leaks to the candidate, and nothing is left running.

Every snippet defines probe(x). Many of them return what they managed to read, so that a leak
would show in the sample case's output (the suite checks the canaries never appear).
"""

from __future__ import annotations

import pytest

RE, WA, TLE, MLE, OLE, CE, OK = (
    "runtime_error",
    "wrong_answer",
    "time_limit_exceeded",
    "memory_limit_exceeded",
    "output_limit_exceeded",
    "compile_error",
    "accepted",
)


def attempt(body: str) -> str:
    """A probe that runs `body` (which may set `result`) and returns what it got as text."""
    indented = "\n".join("        " + line for line in body.strip().splitlines())
    return (
        "import os, sys\n"
        "def probe(x):\n"
        "    result = 'nothing'\n"
        "    try:\n"
        f"{indented}\n"
        "    except BaseException as error:\n"
        "        result = 'refused: ' + type(error).__name__\n"
        "    return str(result)\n"
    )


def syscall(number: int, *args: int) -> str:
    arguments = ", ".join(str(a) for a in args)
    return attempt(
        "import ctypes\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        f"rc = libc.syscall({number}{', ' + arguments if arguments else ''})\n"
        "assert rc == -1, f'syscall {rc}'\n"
        "result = 'refused: errno ' + str(ctypes.get_errno())\n"
    )


# (name, code, verdicts it may get)
CASES: list[tuple[str, str, set[str]]] = [
    # processes
    ("fork_bomb", "import os\ndef probe(x):\n    while True:\n        os.fork()\n", {RE}),
    (
        "multiprocessing_pool",
        "import multiprocessing\ndef probe(x):\n    multiprocessing.Pool(2)\n",
        {RE},
    ),
    ("subprocess_run", "import subprocess\ndef probe(x):\n    subprocess.run(['id'])\n", {RE}),
    (
        "os_system",
        "import os\ndef probe(x):\n    assert os.system('id') == 0\n    return x * 2\n",
        {RE},
    ),
    ("exec_a_binary", "import os\ndef probe(x):\n    os.execv('/usr/bin/id', ['id'])\n", {RE}),
    (
        "thread_bomb",
        "import threading, time\ndef probe(x):\n    for _ in range(1000):\n"
        "        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n",
        {RE},
    ),
    (
        "background_thread_outlives_the_solution",
        "import threading, time\ndef probe(x):\n"
        "    threading.Thread(target=lambda: time.sleep(3600), daemon=True).start()\n    return x * 2\n",
        {OK},
    ),
    # resources
    (
        "numpy_memory_bomb",
        "import numpy as np\ndef probe(x):\n    return np.ones((1 << 33,), np.uint8)\n",
        {MLE},
    ),
    (
        "python_memory_bomb",
        "def probe(x):\n    hog = []\n    while True:\n        hog.append(bytearray(1 << 20))\n",
        {MLE},
    ),
    (
        "mmap_huge",
        "import mmap\ndef probe(x):\n    m = mmap.mmap(-1, 1 << 34)\n    m[-1] = 1\n",
        {MLE, RE},
    ),
    ("busy_loop", "def probe(x):\n    while True:\n        pass\n", {TLE}),
    ("sleep_forever", "import time\ndef probe(x):\n    time.sleep(10**6)\n", {TLE}),
    ("wait_for_a_signal", "import signal\ndef probe(x):\n    signal.pause()\n", {TLE}),
    (
        "ten_gigabyte_file",
        "def probe(x):\n    with open('big', 'wb') as f:\n        for _ in range(10240):\n"
        "            f.write(b'\\0' * (1 << 20))\n",
        {RE, OLE},
    ),
    (
        "fill_the_scratch_disk",
        "def probe(x):\n    for i in range(100):\n        with open(f'f{i}', 'wb') as f:\n"
        "            f.write(b'\\0' * (15 << 20))\n",
        {RE, OLE},
    ),
    (
        "one_gigabyte_on_stdout",
        "import sys\ndef probe(x):\n    chunk = 'x' * (1 << 20)\n    for _ in range(1024):\n"
        "        sys.stdout.write(chunk)\n",
        {OLE},
    ),
    (
        "flood_stderr",
        "import os\ndef probe(x):\n    while True:\n        os.write(2, b'e' * 65536)\n",
        {OLE},
    ),
    (
        "exhaust_file_descriptors",
        "def probe(x):\n    return [open('/dev/null') for _ in range(100000)]\n",
        {RE},
    ),
    ("recursion_too_deep", "def probe(x):\n    return probe(x)\n", {RE}),
    (
        "c_stack_overflow",
        "import sys\nsys.setrecursionlimit(10**7)\ndef f(n):\n    return f(n + 1) + 1\n"
        "def probe(x):\n    return f(0)\n",
        {RE, TLE, MLE},
    ),  # 3.11 keeps Python frames off the C stack
    # the network and the services
    (
        "socket_to_redis",
        attempt(
            "import socket\ns = socket.create_connection(('127.0.0.1', 6379), 1)\n"
            "s.sendall(b'INFO\\r\\n'); result = s.recv(100)"
        ),
        {WA},
    ),
    (
        "socket_to_postgres",
        attempt(
            "import socket\nsocket.create_connection(('127.0.0.1', 5432), 1)\nresult = 'connected'"
        ),
        {WA},
    ),
    (
        "socket_to_the_internet",
        attempt(
            "import socket\nsocket.create_connection(('1.1.1.1', 53), 1)\nresult = 'connected'"
        ),
        {WA},
    ),
    (
        "udp_packet_out",
        attempt(
            "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            "s.sendto(b'x', ('8.8.8.8', 53)); result = 'sent'"
        ),
        {WA},
    ),
    (
        "postgres_unix_socket",
        attempt(
            "import socket\ns = socket.socket(socket.AF_UNIX)\n"
            "s.connect('/var/run/postgresql/.s.PGSQL.5432'); result = 'connected'"
        ),
        {WA},
    ),
    # secrets and files
    (
        "read_the_reference",
        attempt(
            "import glob\nresult = [open(p).read() for p in "
            "glob.glob('/**/probe/reference.py', recursive=True)] or 'not found'"
        ),
        {WA, TLE},
    ),
    (
        "read_the_repository_problems",
        attempt("result = open('/work/main/problems/nms/reference.py').read()"),
        {WA},
    ),
    (
        "read_django_settings",
        attempt("import backend.config.settings as s\nresult = s.SECRET_KEY"),
        {WA},
    ),
    ("read_environment", attempt("result = dict(os.environ)"), {WA}),
    (
        "read_zygote_environ",
        attempt(
            "result = [open(f'/proc/{p}/environ').read() for p in os.listdir('/proc') "
            "if p.isdigit()]"
        ),
        {WA},
    ),
    (
        "read_parent_memory",
        attempt("f = open(f'/proc/{os.getppid()}/mem', 'rb'); result = f.read(64)"),
        {WA},
    ),
    (
        "read_pid1_maps_and_cmdline",
        attempt("result = open('/proc/1/maps').read() + open('/proc/1/cmdline').read()"),
        {WA},
    ),
    ("read_etc_shadow", attempt("result = open('/etc/shadow').read()"), {WA}),
    (
        "write_outside_scratch",
        attempt("open('/usr/lib/evil', 'w').write('x'); result = 'wrote'"),
        {WA},
    ),
    (
        "overwrite_the_zygote",
        attempt("open('/sandbox/zygote.py', 'a').write('x'); result = 'wrote'"),
        {WA},
    ),
    ("write_shared_tmp", attempt("open('/tmp/evil', 'w').write('x'); result = 'wrote'"), {WA}),
    # other processes and privileges
    ("kill_pid_1", attempt("os.kill(1, 9); result = 'killed'"), {WA}),
    (
        "kill_the_zygote",
        attempt(
            "[os.kill(int(p), 9) for p in os.listdir('/proc') if p.isdigit() and int(p) != os.getpid()]"
        ),
        {WA},
    ),
    ("kill_everything", "import os\ndef probe(x):\n    os.kill(-1, 9)\n    return x * 2\n", {OK}),
    ("setuid_root", attempt("os.setuid(0); result = 'root'"), {WA}),
    ("ptrace_the_zygote", syscall(101, 16, 2), {WA}),  # PTRACE_ATTACH pid 2
    ("raw_fork_syscall", syscall(57), {WA}),
    ("unshare_user_namespace", syscall(272, 0x10000000), {WA}),
    ("io_uring_setup", syscall(425, 8, 0), {WA}),
    ("userfaultfd", syscall(323, 0), {WA}),
    ("perf_event_open", syscall(298, 0, 0, -1, -1, 0), {WA}),
    ("keyctl", syscall(250, 0, 0), {WA}),
    ("bpf", syscall(321, 0, 0, 0), {WA}),
    (
        "mount_tmpfs",
        attempt(
            "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            "assert libc.mount(b'none', b'/scratch', b'tmpfs', 0, None) == -1\nresult = 'refused'"
        ),
        {WA},
    ),
    # fooling the checker
    (
        "monkeypatch_numpy_and_builtins",
        "import numpy as np, builtins\nnp.array_equal = lambda *a, **k: True\n"
        "np.allclose = lambda *a, **k: True\nbuiltins.isinstance = lambda *a: True\ndef probe(x):\n    return x * 3\n",
        {WA, RE},
    ),  # the child's own encoder may break too; never accepted
    (
        "lying_eq_object",
        "class Liar:\n    def __eq__(self, other):\n        return True\n"
        "def probe(x):\n    return Liar()\n",
        {WA},
    ),
    (
        "numpy_subclass_with_lying_eq",
        "import numpy as np\nclass A(np.ndarray):\n    def __eq__(self, o):\n"
        "        return np.ones(self.shape, bool)\ndef probe(x):\n    return (x * 3).view(A)\n",
        {WA},
    ),
    (
        "object_array",
        "import numpy as np\ndef probe(x):\n    return np.array([object()] * len(x))\n",
        {WA},
    ),
    ("nan_filled", "import numpy as np\ndef probe(x):\n    return np.full(len(x), np.nan)\n", {WA}),
    ("wrong_dtype", "def probe(x):\n    return (x * 2).astype('float64')\n", {WA}),
    ("wrong_shape", "def probe(x):\n    return (x * 2)[None, :]\n", {WA}),
    ("infinite_generator", "import itertools\ndef probe(x):\n    return itertools.count()\n", {WA}),
    ("huge_python_int", "def probe(x):\n    return 10 ** 100000\n", {WA, RE}),
    (
        "deeply_nested_list",
        "def probe(x):\n    v = []\n    for _ in range(10000):\n        v = [v]\n    return v\n",
        {WA},
    ),
    (
        "forged_reply_frame",
        "import os, json, struct\ndef probe(x):\n"
        "    header = json.dumps({'status': 'ok', 'value': {'nd': 0}, 'blobs': [120]}).encode()\n"
        "    body = struct.pack('>I', len(header)) + header + b'\\x93NUMPY' + b'\\0' * 114\n"
        "    for fd in range(3, 64):\n        try:\n            os.write(fd, struct.pack('>Q', len(body)) + body)\n"
        "        except OSError:\n            pass\n    return x * 3\n",
        {WA},
    ),
    (
        "compressed_bomb_in_output",
        "import zlib\ndef probe(x):\n    return zlib.compress(b'\\0' * (50 << 20))\n",
        {WA},
    ),
    # leaving the interpreter
    ("sys_exit", "import sys\ndef probe(x):\n    sys.exit(0)\n", {RE}),
    ("os_exit", "import os\ndef probe(x):\n    os._exit(0)\n", {RE}),
    ("keyboard_interrupt", "def probe(x):\n    raise KeyboardInterrupt\n", {RE}),
    ("system_exit_at_import", "raise SystemExit(3)\ndef probe(x):\n    return x * 2\n", {RE}),
    ("abort_the_interpreter", "import os\ndef probe(x):\n    os.abort()\n", {RE}),
    ("segfault_via_ctypes", "import ctypes\ndef probe(x):\n    ctypes.string_at(0)\n", {RE}),
    ("null_byte_in_source", "def probe(x):\n    return x * 2  # \x00\n", {CE}),
    (
        "code_at_the_64_kib_limit",
        "#" * (64 * 1024 - 60) + "\ndef probe(x):\n    return x * 2\n",
        {OK},
    ),
]


@pytest.mark.parametrize(
    ("code", "verdicts"), [(c, v) for _, c, v in CASES], ids=[n for n, _, _ in CASES]
)
def test_hostile_submission(hostile, code, verdicts):
    result = hostile.grade(code)
    assert result.verdict in verdicts, result.to_dict()


def test_the_suite_is_at_least_forty_submissions():
    assert len(CASES) >= 40


def test_another_submissions_scratch_is_gone(hostile):
    hostile.grade(
        attempt("open('left-behind', 'w').write('SECRET-SCRATCH-9d2'); result = os.getcwd()")
    )
    second = hostile.grade(
        attempt("import glob\nresult = [open(p).read() for p in glob.glob('/scratch/*/*')]")
    )
    assert "SECRET-SCRATCH-9d2" not in str(second.to_dict())


def test_reads_are_refused_not_empty(hostile):
    """The sample shows what the probe got: the refusal itself, not a file's contents."""
    result = hostile.grade(attempt("result = open('/proc/1/environ').read()"))
    assert "refused" in str(result.cases[0].actual_preview)
