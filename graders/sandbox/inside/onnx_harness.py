"""The ONNX harness: serves one model hand-in in a child of the ONNX Runtime zygote.

The hand-in is a graph, not code: nothing of the candidate's runs as Python here, so the
harness's own clocks and checks are not the candidate's to patch. What it guards against is the
graph itself (an operator error, a loop that never ends, an allocation over the limit, a crash
of onnxruntime): those end the case, and the trusted side turns them into refusals.

Per submission (the first message): ``code`` is the candidate's model, base64; ``reference``
optionally a second model (the template's starter) to time in the same run. Sessions are built
with one intra-op and one inter-op thread, sequential execution, the CPU provider only and no
custom-op library; a session that cannot be built is a ``compile_error`` carrying ORT's message
(it depends on the model alone, never on hidden data).

Per case, the args are one of:
  ["accuracy", images (N, C, H, W)]      -> outputs of the candidate, batch 1, stacked (N, ...)
  ["latency", images (M, C, H, W), orders (L, Q) int64, warmups, repeats]
      -> [cpu_ns (S, L, Q), wall_ns (S, L, Q), outputs (S, L, Q, ...), repeat_cpu_ns (S, R),
          repeat_wall_ns (S, R), onnxruntime version, threads of the process]
      with S = 1 session, or 2 with the reference
Errors raised by onnxruntime while running on a case's inputs travel as their type only: their
text can carry values computed from the (hidden) inputs.
"""

import base64
import binascii
import os
import sys
import time

import numpy as np
import onnxruntime
import wire

MAX_INPUT_MESSAGE = 4 << 30
# An 80-byte model (one Relu, opset 17) built and run in the zygote: see warm_up.
WARM_MODEL = bytes.fromhex(
    "080812066376707265703a3e0a0c0a0178120179220452656c7512047761726d5a130a0178120e0a0c080112"
    "080a0208010a02080462130a0179120e0a0c080112080a0208010a02080442040a001011"
)
# The calling thread's CPU clock, not the process's: with RLIMIT_CPU set the kernel keeps the
# process clock in a group timer sampled at scheduler ticks (measured in this sandbox: 0 ns
# for a 10 us query, 8-12 ms for 5 ms of work), while the thread clock is exact. With one
# intra-op and one inter-op thread every kernel runs on the calling thread (the thread count
# is returned with the timings, and the trusted side checks it).
_cpu_ns = time.thread_time_ns
_wall_ns = time.perf_counter_ns


def session_options():
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # No spinning: with one thread there is no pool to keep warm, and a spinning pool would
    # burn CPU time that counts against the hand-in.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return options


def build_session(model_bytes):
    return onnxruntime.InferenceSession(
        model_bytes, sess_options=session_options(), providers=["CPUExecutionProvider"]
    )


def warm_up():
    session = build_session(WARM_MODEL)
    session.run(None, {"x": np.ones((1, 4), np.float32)})


class Model:
    """A session and the one input it is fed and the one output read from it."""

    def __init__(self, model_bytes):
        self.session = build_session(model_bytes)
        inputs = self.session.get_inputs()
        outputs = self.session.get_outputs()
        if len(inputs) != 1 or len(outputs) != 1:
            raise ValueError(
                f"onnxruntime sees {len(inputs)} inputs and {len(outputs)} outputs; "
                "the template needs one of each"
            )
        self.input_name = inputs[0].name
        self.output_names = [outputs[0].name]
        self.run_options = onnxruntime.RunOptions()
        self.run_options.log_severity_level = 3

    def run(self, image):
        """One query: a batch of one image (a view, not a copy) -> the output array."""
        (output,) = self.session.run(self.output_names, {self.input_name: image}, self.run_options)
        if not isinstance(output, np.ndarray):
            raise TypeError(f"the output is a {type(output).__name__}, not a tensor")
        return output


class BadOutput(Exception):
    pass


def stack(outputs):
    first = outputs[0]
    for output in outputs:
        if output.shape != first.shape or output.dtype != first.dtype:
            raise BadOutput("the output's shape or dtype changes from one image to another")
    return np.stack(outputs)


def accuracy(model, images):
    return stack([model.run(images[index : index + 1]) for index in range(len(images))])


def latency(models, images, orders, warmups, repeats):
    """MLPerf SingleStream, interleaved: each loop runs every model over the same seeded order
    (which model goes first alternates), so a change in the machine's load hits them alike."""
    sessions, loops, queries = len(models), len(orders), len(orders[0])
    cpu = np.zeros((sessions, loops, queries), np.int64)
    wall = np.zeros((sessions, loops, queries), np.int64)
    outputs = [[[None] * queries for _ in range(loops)] for _ in models]
    for model in models:
        for index in range(warmups):
            model.run(images[index % len(images) : index % len(images) + 1])
    for loop, order in enumerate(orders):
        turn = range(sessions) if loop % 2 == 0 else reversed(range(sessions))
        for which in turn:
            run = models[which].run
            for query, index in enumerate(order.tolist()):
                image = images[index : index + 1]
                cpu_start, wall_start = _cpu_ns(), _wall_ns()
                output = run(image)
                wall[which, loop, query] = _wall_ns() - wall_start
                cpu[which, loop, query] = _cpu_ns() - cpu_start
                outputs[which][loop][query] = output
    repeat_cpu = np.zeros((sessions, repeats), np.int64)
    repeat_wall = np.zeros((sessions, repeats), np.int64)
    for which, model in enumerate(models):
        image = images[0:1]
        for index in range(repeats):
            cpu_start, wall_start = _cpu_ns(), _wall_ns()
            model.run(image)
            repeat_wall[which, index] = _wall_ns() - wall_start
            repeat_cpu[which, index] = _cpu_ns() - cpu_start
    stacked = np.stack([stack([stack(loop) for loop in per_model]) for per_model in outputs])
    threads = len(os.listdir("/proc/self/task"))
    return [cpu, wall, stacked, repeat_cpu, repeat_wall, onnxruntime.__version__, threads]


def error_reply(error):
    """The error's type, never its text (see the module docstring)."""
    if isinstance(error, MemoryError) or "bad_alloc" in str(error) or "allocat" in str(error):
        return {"status": "memory"}
    return {"status": "error", "type": type(error).__name__, "message": "", "line": None}


REFERENCE_FAILED = "the reference model: "  # a trusted model failed: the caller's error


def load(header):
    models = [Model(base64.b64decode(header["code"], validate=True))]
    if header.get("reference"):
        try:
            models.append(Model(base64.b64decode(header["reference"], validate=True)))
        except MemoryError:
            raise
        except Exception as error:
            raise ValueError(REFERENCE_FAILED + str(error)) from None
    return models


def serve_submission(data_fd):
    """Runs in the sandboxed child (confined already): build the sessions, then serve cases."""
    send = wire.send_message
    try:
        # Receiving counts too: the first message holds the model, base64 in JSON, so loading
        # a model needs about four times its size (bytes, text, decoded, onnxruntime's copy).
        header, _ = wire.recv_message(data_fd, MAX_INPUT_MESSAGE)
        models = load(header)
    except MemoryError:
        send(data_fd, {"status": "memory"})
        return
    except (binascii.Error, ValueError, TypeError) as error:
        send(data_fd, {"status": "compile_error", "message": str(error)[:2000]})
        return
    except Exception as error:  # onnxruntime's own exception types (Fail, InvalidGraph, ...)
        if "bad_alloc" in str(error):
            send(data_fd, {"status": "memory"})
        else:
            send(data_fd, {"status": "compile_error", "message": str(error)[:2000]})
        return
    del header, _
    send(data_fd, {"status": "ready"})

    while True:
        try:
            header, blobs = wire.recv_message(data_fd, MAX_INPUT_MESSAGE)
        except EOFError:
            return
        args = wire.decode_value(header["args"], blobs)
        del header
        try:
            if args[0] == "accuracy":
                value = accuracy(models[0], args[1])
            else:
                value = latency(models, args[1], args[2], args[3], args[4])
            tree, out_blobs = wire.encode_value(value)
            del value
            message = wire.pack_message({"status": "ok", "value": tree}, out_blobs)
            del out_blobs
        except BadOutput as error:
            message = wire.pack_message({"status": "bad_output", "message": str(error)})
        except BaseException as error:
            message = wire.pack_message(error_reply(error))
        del args, blobs
        try:
            sys.stdout.flush()
        except BaseException:
            pass
        wire.write_all(data_fd, message)
        del message
