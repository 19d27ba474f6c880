import math

import torch

CLIP = math.log(1000.0 / 16)  # the upper bound of dw and dh in decode, after the weights


def box_coder(
    mode: str,
    weights: list[float],
    reference_boxes: torch.Tensor | None = None,
    proposals: torch.Tensor | None = None,
    rel_codes: torch.Tensor | None = None,
    boxes: torch.Tensor | None = None,
) -> torch.Tensor:
    """Faster R-CNN box coding (torchvision's BoxCoder), xyxy boxes, no +1 anywhere.

    mode "encode": reference_boxes (N, 4) ground truth, proposals (N, 4), row-paired ->
    (N, 4) codes [wx*dcx/w, wy*dcy/h, ww*log(gw/w), wh*log(gh/h)] relative to the proposals.
    mode "decode": rel_codes (N, 4K) [dx, dy, dw, dh] per class, boxes (N, 4) -> (N, 4K) boxes;
    codes are divided by the weights, then dw and dh are clipped above at CLIP.
    weights = (wx, wy, ww, wh), four floats. Returns float32.
    """
    raise NotImplementedError
