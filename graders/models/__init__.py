"""Model hand-ins (issue 14): static checks of an ONNX file, its card, its sandboxed run and
its measured latency. Knows nothing of Django; the site and the CLI call one function::

    from graders.models import evaluate_model

    run = evaluate_model(
        *,
        model_bytes: bytes,                      # the hand-in's model.onnx
        contract: ModelContract,                 # I/O contract, opsets, size and run limits
        inputs: numpy.ndarray,                   # hidden test inputs (N, 3, H, W) float32
        latency: LatencyProtocol | None,         # None: accuracy run only
        reference_model_bytes: bytes | None = None,  # timed in the same run, interleaved
        sandbox: Sandbox | None = None,          # default: this process's ONNX sandbox
    ) -> ModelRun                                # frozen

    ModelRun.refusal: Refusal | None             # rule (Rule, a StrEnum) + message; set means
                                                 # not scored, and outputs/latency are None
    ModelRun.card: ModelCard | None              # None only when a static check refused
    ModelRun.outputs: numpy.ndarray | None       # logits (N, K) float32, row i for inputs[i];
                                                 # (N, K, H, W) for segmentation_contract
    ModelRun.latency: LatencyReport | None       # p50_ms/p90_ms (CPU, the budget's clock),
                                                 # wall_p50_ms/wall_p90_ms, per-loop figures,
                                                 # samples, checks, protocol, machine
    ModelRun.reference_latency: LatencyReport | None
    ModelRun.peak_memory_kb: int
    ModelRun.p90_ratio: float | None             # hand-in p90 / reference p90, paired by loop

Labels never enter: score ``run.outputs`` in the trusted process (graders.takehome's metrics).
A take-home's ``[model]`` table, its hidden inputs and the scoring of a hand-in with its budget:
graders/models/package.py (``model_spec``, ``hidden_inputs``, ``score_handin``). Charts (the
latency distribution, accuracy against latency with the Pareto front): graders/models/plots.py.
"""

from graders.models.card import ModelCard, TensorSpec
from graders.models.contract import (
    IOContract,
    ModelContract,
    classification_contract,
    segmentation_contract,
)
from graders.models.latency import LatencyProtocol, LatencyReport, Machine
from graders.models.refusal import ModelRefused, Refusal, Rule
from graders.models.run import ModelRun, evaluate_model
from graders.models.static import inspect_model

__all__ = [
    "IOContract",
    "LatencyProtocol",
    "LatencyReport",
    "Machine",
    "ModelCard",
    "ModelContract",
    "ModelRefused",
    "ModelRun",
    "Refusal",
    "Rule",
    "TensorSpec",
    "classification_contract",
    "evaluate_model",
    "inspect_model",
    "segmentation_contract",
]
