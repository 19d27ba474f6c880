"""The two kinds of hand-in a reviewer opens: predictions (``HandIn``) and a model
(``ModelHandIn``, issue 14). Both carry a code archive and a write-up and are reviewed the same
way (files with line numbers, line comments, threads, resolve); what differs is only the model
and the names of their URLs, which this table holds. The urls pass a kind to the shared views
(``{"kind": MODEL}``), so the code, comment and review pages and API are one body of code."""

from __future__ import annotations

from dataclasses import dataclass

from backend.takehomes.models import HandIn, ModelHandIn

AnyHandIn = HandIn | ModelHandIn


@dataclass(frozen=True)
class HandInKind:
    name: str  # "predictions" | "model"
    model: type[HandIn] | type[ModelHandIn]
    related_name: str  # on Assignment
    label: str  # what a page calls one
    # URL names (backend/takehomes/urls.py); templates reverse them with {% url kind.x ... %}.
    detail_url: str
    code_url: str
    comment_url: str
    files_api_url: str
    plot_api_url: str


PREDICTIONS = HandInKind(
    name="predictions",
    model=HandIn,
    related_name="hand_ins",
    label="hand-in",
    detail_url="hand-in-detail",
    code_url="hand-in-code",
    comment_url="hand-in-comment",
    files_api_url="api-hand-in-files",
    plot_api_url="api-hand-in-plot",
)
MODEL = HandInKind(
    name="model",
    model=ModelHandIn,
    related_name="model_hand_ins",
    label="model hand-in",
    detail_url="model-hand-in-detail",
    code_url="model-hand-in-code",
    comment_url="model-hand-in-comment",
    files_api_url="api-model-hand-in-files",
    plot_api_url="api-model-hand-in-plot",
)
KINDS: tuple[HandInKind, ...] = (PREDICTIONS, MODEL)


def kind_of(hand_in: AnyHandIn) -> HandInKind:
    return MODEL if isinstance(hand_in, ModelHandIn) else PREDICTIONS
