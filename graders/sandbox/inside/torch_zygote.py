"""The torch zygote: zygote.py's control loop, with torch imported and warmed before any fork.

Started only when a torch problem is graded (graders.torchrt.sandbox). Torch's thread pools are
pinned to one thread each before anything runs, so a child starts with exactly one thread
(forking a process with live worker threads is unsafe) and a case's CPU time is its own. A
child serves the submission with torch_harness instead of zygote.serve_submission; everything
else (confinement, limits, stats, reaping) is zygote.py's, unchanged.
"""

import os
import sys

for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[variable] = "1"
# As zygote.py does: the trusted side passes the package directories as arguments.
sys.path.extend(arg for arg in sys.argv[2:] if arg not in sys.path)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402  (after sys.path is extended)

torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def one_thread_only(count):
    """Stands in for torch.set_num_threads: a child may start only a few threads (RLIMIT_NPROC),
    and OpenMP exits the process when it cannot start its pool, so say why up front."""
    if count != 1:
        raise RuntimeError(
            f"set_num_threads({count}): solutions run on one thread here, and CPU time is "
            "counted across all threads"
        )


torch.set_num_threads = one_thread_only
torch._C.set_num_threads = one_thread_only

import torch.nn.functional as F  # noqa: E402
import torch_harness  # noqa: E402
import zygote  # noqa: E402


def warm_up():
    """Run each kind of kernel once, so that lazy initialisation (oneDNN, the autograd engine,
    the dispatcher's tables) is paid here, once, and shared with every child."""
    x = torch.randn(2, 3, 8, 8, requires_grad=True)
    w = torch.randn(4, 3, 3, 3, requires_grad=True)
    y = F.conv2d(x, w, padding=1)
    y = F.relu(y).flatten(1) @ torch.randn(y[0].numel(), 5)
    torch.autograd.grad(y.softmax(-1).sum(), (x, w))
    torch.ops.aten.add.Tensor(torch.ones(1), torch.ones(1))
    torch.from_numpy(torch.ones(3).numpy()).sum().item()


warm_up()
torch_harness.build_alias_index()

if __name__ == "__main__":
    zygote.main(serve=torch_harness.serve_submission)
