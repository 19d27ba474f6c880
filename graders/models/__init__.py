"""Model hand-ins: static checks of an ONNX file, its card, and the refusals (issue 14)."""
