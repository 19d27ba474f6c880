"""The path problem packages' checker.py import from (docs/authoring.md): validating an
untrusted output, from graders.coding.values."""

from graders.coding.values import OutputMismatch, as_array, conform

__all__ = ["OutputMismatch", "as_array", "conform"]
