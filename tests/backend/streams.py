"""Reading an async event stream from a test (the views' streams are async generators)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from asgiref.sync import async_to_sync


async def _collect(chunks: AsyncIterator[bytes | str]) -> list[str]:
    return [chunk.decode() if isinstance(chunk, bytes) else chunk async for chunk in chunks]


def read_chunks(chunks: AsyncIterator[bytes | str]) -> list[str]:
    return async_to_sync(_collect)(chunks)


def read_stream(response) -> str:
    """The whole body of a streaming response whose content is an async iterator."""
    assert response.is_async, "the event stream must be async (it would pin a worker)"
    return "".join(read_chunks(response.streaming_content))
