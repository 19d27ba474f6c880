"""How long a reviewer waits for a similarity page: rank every pair of N interview submits.

    python bench/similarity.py [N]

Prints the seconds to fingerprint and rank N ~25-line solutions (variants of the samples the
tests use), cold and then with the fingerprints cached, at the page's bound of 120 by default.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backend.similarity import winnowing  # noqa: E402
from tests.backend.similarity.samples import (  # noqa: E402
    DISGUISED_COPY,
    INDEPENDENT,
    ORIGINAL,
    STARTER,
)


def main(count: int) -> None:
    bases = (ORIGINAL, DISGUISED_COPY, INDEPENDENT)
    documents = [
        # Each a base with a distinct extra function, so no two are the same text.
        winnowing.Document(
            i, bases[i % 3] + f"\n\ndef helper_{i}(x):\n    return x * {i} + {i % 7}\n"
        )
        for i in range(count)
    ]
    for run in ("cold", "warm (fingerprints cached)"):
        started = time.perf_counter()
        boilerplate = winnowing.boilerplate_of([STARTER])
        pairs = winnowing.ranked_pairs(documents, boilerplate=boilerplate, limit=25)
        elapsed = time.perf_counter() - started
        print(
            f"{count} submits, {count * (count - 1) // 2} pairs, {run}: {elapsed:.2f} s;"
            f" top similarity {pairs[0].similarity:.2f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 120)
