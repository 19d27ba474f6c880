"""The benchmarks' HTTP client: one HTTP/1.1 exchange per connection (``Connection: close``),
asyncio streams only, so that an open-loop load is not shaped by a client library's pool."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit


async def request(base: str, method: str, path: str, body: bytes, headers: dict[str, str],
                  timeout: float) -> tuple[int | None, dict[str, str], bytes]:
    """One HTTP/1.1 exchange on its own connection; status None when nothing came back."""
    url = urlsplit(base)
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(url.hostname, url.port or 80)
            head = [f"{method} {path} HTTP/1.1", f"Host: {url.netloc}", "Connection: close",
                    f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await reader.read()
            writer.close()
    except (TimeoutError, OSError):
        return None, {}, b""
    if not raw:
        return None, {}, b""
    header_blob, _, content = raw.partition(b"\r\n\r\n")
    lines = header_blob.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    answer_headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        answer_headers[name.strip().lower()] = value.strip()
    if answer_headers.get("transfer-encoding") == "chunked":
        content = _unchunk(content)
    return status, answer_headers, content


def _unchunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2:]
    return out


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
