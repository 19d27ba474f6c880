"""The ONNX Runtime zygote: zygote.py's control loop, with onnxruntime imported and warmed
before any fork.

Started only when a model hand-in is run (graders.models.sandbox). ONNX Runtime is told to use
one thread for everything (intra- and inter-op pools of one, so no pool thread exists), its
telemetry is switched off, and one tiny session is built and run here, so the library's lazy
initialisation (kernel registries, the CPU allocator, the logging manager) is paid once and
shared copy-on-write with every child. A child serves the hand-in with onnx_harness instead of
zygote.serve_submission; confinement, limits, stats and reaping are zygote.py's, unchanged.
"""

import os
import sys

for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[variable] = "1"
# As zygote.py does: the trusted side passes the package directories as arguments.
sys.path.extend(arg for arg in sys.argv[2:] if arg not in sys.path)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import onnxruntime  # noqa: E402  (after sys.path is extended)

if hasattr(onnxruntime, "disable_telemetry_events"):
    onnxruntime.disable_telemetry_events()
# Errors only: warnings about unused initializers would fill the child's captured stdout.
onnxruntime.set_default_logger_severity(3)

import onnx_harness  # noqa: E402
import zygote  # noqa: E402

onnx_harness.warm_up()

if __name__ == "__main__":
    zygote.main(serve=onnx_harness.serve_submission)
