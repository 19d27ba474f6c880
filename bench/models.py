"""Model hand-ins: how steady the measured latency is, and what the sandbox costs.

    .venv/bin/python -m bench.models [--model model.onnx --size 64 --classes 6] [--runs 3]
        [--width 32] [--queries 64] [--loops 5]

Prints, for one model handed in ``--runs`` times (default: a small CNN built here, 64 x 64 RGB,
6 classes; its reference is a narrower copy):
- p50 and p90 per hand-in, CPU and wall, and their variation across hand-ins
  ((max - min) / mean), and the hand-in/reference p90 ratio, which the budget uses;
- the same protocol run in this process with the same session options and no sandbox: the
  sandbox's cost per query;
- the wall time of a whole evaluate_model (static checks, accuracy run, latency run) and the
  ONNX zygote's memory.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper

from graders.models import LatencyProtocol, ModelContract, classification_contract, evaluate_model
from graders.models.latency import paired_p90_ratio, plan
from graders.models.sandbox import default_onnx_sandbox


def small_cnn(size: int, classes: int, width: int, seed: int = 0) -> bytes:
    """Three stride-2 3x3 convolutions (width, 2 width, 4 width), ReLU, average pool, Gemm."""
    rng = np.random.default_rng(seed)
    nodes, weights, source, channels = [], [], "images", 3
    for layer, out in enumerate((width, 2 * width, 4 * width)):
        scale = np.sqrt(2 / (channels * 9))
        kernel = rng.normal(0, scale, (out, channels, 3, 3)).astype(np.float32)
        weights += [
            numpy_helper.from_array(kernel, f"w{layer}"),
            numpy_helper.from_array(np.zeros(out, np.float32), f"b{layer}"),
        ]
        nodes += [
            helper.make_node(
                "Conv",
                [source, f"w{layer}", f"b{layer}"],
                [f"c{layer}"],
                pads=[1, 1, 1, 1],
                strides=[2, 2],
            ),
            helper.make_node("Relu", [f"c{layer}"], [f"r{layer}"]),
        ]
        source, channels = f"r{layer}", out
    fc = rng.normal(0, 0.1, (classes, channels)).astype(np.float32)
    weights += [
        numpy_helper.from_array(fc, "fc_w"),
        numpy_helper.from_array(np.zeros(classes, np.float32), "fc_b"),
    ]
    nodes += [
        helper.make_node("GlobalAveragePool", [source], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"]),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"], transB=1),
    ]
    graph = helper.make_graph(
        nodes,
        "bench",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["N", 3, size, size])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", classes])],
        initializer=weights,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


def unsandboxed(
    model_bytes: bytes, images: np.ndarray[Any, Any], protocol: LatencyProtocol
) -> dict[str, float]:
    """The same protocol in this process: same session options, no sandbox, no limits."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])
    indices, orders = plan(protocol, len(images))
    chosen = images[indices]
    for index in range(protocol.warmups):
        session.run(None, {"images": chosen[index % len(chosen) : index % len(chosen) + 1]})
    cpu_p50, cpu_p90, wall_p50, wall_p90 = [], [], [], []
    for order in orders:
        cpu, wall = [], []
        for index in order:
            image = chosen[index : index + 1]
            cpu_start, wall_start = time.thread_time_ns(), time.perf_counter_ns()
            session.run(None, {"images": image})
            wall.append((time.perf_counter_ns() - wall_start) / 1e6)
            cpu.append((time.thread_time_ns() - cpu_start) / 1e6)
        cpu_p50.append(float(np.percentile(cpu, 50, method="inverted_cdf")))
        cpu_p90.append(float(np.percentile(cpu, 90, method="inverted_cdf")))
        wall_p50.append(float(np.percentile(wall, 50, method="inverted_cdf")))
        wall_p90.append(float(np.percentile(wall, 90, method="inverted_cdf")))
    return {
        "cpu_p50": statistics.median(cpu_p50),
        "cpu_p90": statistics.median(cpu_p90),
        "wall_p50": statistics.median(wall_p50),
        "wall_p90": statistics.median(wall_p90),
    }


def variation(values: list[float]) -> float:
    return 100 * (max(values) - min(values)) / statistics.fmean(values)


def zygote_memory() -> str:
    pid = default_onnx_sandbox().zygote_host_pid
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmSize", "VmRSS", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0]) / 1024
    return ", ".join(f"{key} {value:.0f} MiB" for key, value in fields.items())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.models")
    parser.add_argument("--model", type=Path, help="an .onnx file (default: a small CNN)")
    parser.add_argument(
        "--reference",
        type=Path,
        help="its reference (default: none given, a narrower CNN when --model is not given)",
    )
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--classes", type=int, default=6)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--width", type=int, default=32, help="the default CNN's first width")
    parser.add_argument("--queries", type=int, default=64)
    parser.add_argument("--loops", type=int, default=5)
    args = parser.parse_args()
    if args.model:
        model_bytes = args.model.read_bytes()
        reference = args.reference.read_bytes() if args.reference else None
    else:
        model_bytes = small_cnn(args.size, args.classes, width=args.width)
        reference = small_cnn(args.size, args.classes, width=args.width // 2, seed=1)
    contract = ModelContract(io=classification_contract(args.size, args.classes))
    protocol = LatencyProtocol(queries=args.queries, loops=args.loops)
    images = np.random.default_rng(0).random((args.images, 3, args.size, args.size), np.float32)
    default_onnx_sandbox().ensure_started()

    print(f"{protocol.describe()}")
    print(f"model {len(model_bytes):,} bytes; {args.images} images of {args.size} x {args.size}")
    rows, ratios, paired, seconds = [], [], [], []
    for run_index in range(args.runs):
        started = time.perf_counter()
        run = evaluate_model(
            model_bytes=model_bytes,
            contract=contract,
            inputs=images,
            latency=protocol,
            reference_model_bytes=reference,
        )
        seconds.append(time.perf_counter() - started)
        if run.latency is None:
            raise SystemExit(f"refused: {run.refusal}")
        report = run.latency
        rows.append(report)
        line = (
            f"hand-in {run_index + 1}: CPU p50 {report.cpu_p50_ms:.3f} ms p90 "
            f"{report.cpu_p90_ms:.3f} ms | wall p50 {report.wall_p50_ms:.3f} ms p90 "
            f"{report.wall_p90_ms:.3f} ms | evaluate_model {seconds[-1]:.2f} s"
        )
        if run.reference_latency is not None:
            ratios.append(report.p90_ms / run.reference_latency.p90_ms)
            paired.append(paired_p90_ratio(report, run.reference_latency))
            line += f" | p90 / reference p90 {ratios[-1]:.3f} (paired by loop {paired[-1]:.3f})"
        print(line)
    for label, attribute in (
        ("CPU p50", "cpu_p50_ms"),
        ("CPU p90", "cpu_p90_ms"),
        ("wall p50", "wall_p50_ms"),
        ("wall p90", "wall_p90_ms"),
    ):
        values = [getattr(report, attribute) for report in rows]
        print(f"variation across {args.runs} hand-ins, {label}: {variation(values):.2f} %")
    if ratios:
        print(f"variation of the p90 ratio to the reference: {variation(ratios):.2f} %")
        print(f"variation of the p90 ratio paired by loop: {variation(paired):.2f} %")
    direct = unsandboxed(model_bytes, images, protocol)
    median = {
        "cpu_p50": statistics.median(r.cpu_p50_ms for r in rows),
        "cpu_p90": statistics.median(r.cpu_p90_ms for r in rows),
        "wall_p50": statistics.median(r.wall_p50_ms for r in rows),
        "wall_p90": statistics.median(r.wall_p90_ms for r in rows),
    }
    print("sandbox overhead per query (sandboxed - in-process, same options):")
    for key, value in direct.items():
        print(
            f"  {key}: {median[key]:.3f} ms in the sandbox, {value:.3f} ms in-process "
            f"({100 * (median[key] - value) / value:+.1f} %)"
        )
    print(f"evaluate_model wall time per hand-in: median {statistics.median(seconds):.2f} s")
    print(f"ONNX zygote: {zygote_memory()}")
    print(f"machine: {rows[0].machine.to_json()}")


if __name__ == "__main__":
    main()
