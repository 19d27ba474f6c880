"""Serializer fields stricter than DRF's where a client's mistake should be refused."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class TextField(serializers.CharField):
    """Text as sent: a JSON number or boolean is refused ("Not a valid string.") instead of
    being turned into its digits (DRF's CharField reads ``{"code": 0}`` as ``"0"``)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))
