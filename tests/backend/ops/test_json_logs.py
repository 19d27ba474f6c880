"""LOG_FORMAT=json: one JSON object a line, the ``extra`` fields as keys of their own."""

from __future__ import annotations

import json
import logging
import sys

from backend.lib.logs import JsonFormatter


def record(**extra: object) -> logging.LogRecord:
    made = logging.LogRecord(
        "backend.grading.lifecycle",
        logging.INFO,
        __file__,
        1,
        "%s %s: claimed",
        ("coding", 7),
        None,
    )
    for key, value in extra.items():
        setattr(made, key, value)
    return made


def test_a_line_is_json_with_the_work_kind_and_id():
    line = JsonFormatter().format(record(kind="coding", job_id=7))
    entry = json.loads(line)
    assert entry["message"] == "coding 7: claimed"
    assert entry["kind"] == "coding" and entry["job_id"] == 7
    assert entry["level"] == "INFO" and entry["logger"] == "backend.grading.lifecycle"
    assert "\n" not in line


def test_an_exception_travels_in_one_line_and_odd_values_are_strings():
    try:
        raise ValueError("boom")
    except ValueError:
        made = record(claim=object())
        made.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(made))
    assert "ValueError: boom" in entry["exception"] and entry["claim"].startswith("<object")
