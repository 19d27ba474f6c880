"""The server replays a log byte for byte; a forged or broken log does not replay."""

from backend.playback import replay
from tests.backend.playback.logs import Typist, insert_at, replace_all

STARTER = "def f(x):\n    raise NotImplementedError\n"
BODY = "\n\ndef g(y):\n    return [v * 2 for v in y]  # doubles, café ✓ 🙂\n"


def test_a_typed_log_replays_to_the_handed_in_code_byte_for_byte():
    typist = Typist(STARTER).type(BODY).away(12_000).paste("\nprint(g([1]))\n")
    handed_in = STARTER + BODY + "\nprint(g([1]))\n"
    assert typist.doc == handed_in
    result = replay.replay(STARTER, typist.events)
    assert result.final == handed_in
    assert [m.kind for m in result.markers] == ["away", "paste"]
    assert replay.reproduces(STARTER, typist.events, handed_in) == (True, "")
    # One character more or less is not the handed-in code.
    ok, why = replay.reproduces(STARTER, typist.events, handed_in + " ")
    assert not ok and "does not end on the code" in why


def test_a_page_reload_restores_the_recorded_draft():
    typist = Typist(STARTER).type("# first visit\n").reload("page-2", STARTER).type("# second\n")
    assert replay.reproduces(STARTER, typist.events, STARTER + "# first visit\n# second\n")[0]
    assert [m.kind for m in replay.replay(STARTER, typist.events).markers] == ["restore"]


def test_a_forged_log_that_sets_the_code_by_script_does_not_replay():
    solution = STARTER.replace("raise NotImplementedError", "return x + 1")
    forged = [
        {"k": "seg", "t": 1, "s": "p"},
        {"k": "ch", "t": 2, "s": "p", "c": replace_all(STARTER, solution), "u": ""},
    ]
    ok, why = replay.reproduces(STARTER, forged, solution)
    assert not ok and "a script changed the text" in why


def test_a_log_of_typing_that_never_matched_the_text_does_not_replay():
    # Claims to type into a document of another length: the positions do not fit.
    wrong_base = [
        {"k": "seg", "t": 1, "s": "p"},
        {"k": "ch", "t": 2, "s": "p", "c": insert_at("short", 5, "x"), "u": "input.type"},
    ]
    ok, why = replay.reproduces(STARTER, wrong_base, STARTER + "x")
    assert not ok and "covers 5 characters" in why
    for bad in ([["x"]], [True], "not a list", [[-1, "a"]], [10_000]):
        event = {"k": "ch", "t": 2, "s": "p", "c": bad, "u": "input.type"}
        assert not replay.reproduces(STARTER, [event], STARTER)[0]


def test_a_bulk_insert_labelled_as_typing_is_marked_as_a_paste():
    events = [
        {"k": "seg", "t": 1, "s": "p"},
        {
            "k": "ch",
            "t": 2,
            "s": "p",
            "c": insert_at(STARTER, len(STARTER), "x = 1\n" * 20),
            "u": "input.type",
        },
    ]
    markers = replay.replay(STARTER, events).markers
    assert [(m.kind, m.detail) for m in markers] == [("paste", "120 characters")]
