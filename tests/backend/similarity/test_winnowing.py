"""Winnowing on a copied and an independent pair, with the starter left out."""

from backend.similarity import winnowing
from tests.backend.similarity.samples import DISGUISED_COPY, INDEPENDENT, ORIGINAL, STARTER


def test_a_disguised_copy_is_found_and_an_independent_solution_is_not():
    boilerplate = winnowing.boilerplate_of([STARTER])
    copied = winnowing.compare_texts(ORIGINAL, DISGUISED_COPY, boilerplate=boilerplate)
    independent = winnowing.compare_texts(ORIGINAL, INDEPENDENT, boilerplate=boilerplate)
    assert copied is not None and copied.similarity > 0.8
    assert independent is None or independent.similarity < 0.25


def test_starter_code_never_counts_as_shared():
    # Two hand-ins that are the starter alone share everything but the starter: nothing.
    assert winnowing.compare_texts(STARTER, STARTER + "\n") is not None
    assert (
        winnowing.compare_texts(
            STARTER, STARTER + "\n", boilerplate=winnowing.boilerplate_of([STARTER])
        )
        is None
    )


def test_pairs_rank_the_copy_first_and_skip_what_they_are_told():
    documents = [
        winnowing.Document(1, ORIGINAL),
        winnowing.Document(2, INDEPENDENT),
        winnowing.Document(3, DISGUISED_COPY),
    ]
    boilerplate = winnowing.boilerplate_of([STARTER])
    ranked = winnowing.ranked_pairs(documents, boilerplate=boilerplate)
    assert (ranked[0].a, ranked[0].b) == (1, 3)
    assert all(m.similarity < 0.25 for m in ranked[1:])
    skipped = winnowing.ranked_pairs(documents, boilerplate=boilerplate, skip=[(3, 1)])
    assert (1, 3) not in {(m.a, m.b) for m in skipped}


def test_shared_fragments_are_marked_and_the_rest_escaped():
    text = "x = '<b>'\n" + ORIGINAL
    match = winnowing.compare_texts(text, DISGUISED_COPY)
    html = str(winnowing.highlighted(text, match.spans_a))
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.count("<mark>") >= 1 and "kept_index" in html.split("<mark>", 1)[1]
