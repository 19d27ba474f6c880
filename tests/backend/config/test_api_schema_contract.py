"""The OpenAPI schema is the API's contract (issue 17): schemathesis generates requests from
/api/schema/ for every operation, valid ones and invalid ones, sends them to the app in
process (WSGI), as a candidate with a token and as an anonymous visitor, and checks each
answer against the schema: never a 5xx, a documented status code and content type, a body of
the documented shape, an invalid request refused, a valid one accepted where the schema can
say what valid is.

Bounded and deterministic: EXAMPLES cases per operation and mode, derandomized, no
hypothesis database, no shrinking (every failure is collected instead, one line each). Half
the cases name the world's real objects in their path, so that answers other than 404 are
checked too. Nothing waits for a worker: the tasks' sending is stubbed (the ``world`` of
test_api_fuzz) and, in a test's transaction, on_commit never sends.

A bigger one-off run against a server: scripts/api_contract_run.sh (docs/api.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from backend.config.wsgi import application
from tests.backend.config.test_api_fuzz import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

EXAMPLES = 5
# A body over the upload limit refuses an invalid request too (413, not in schemathesis' list).
CONFIG = schemathesis.Config.from_dict({"checks": {"negative_data_rejection": {
    "expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422",
                          "429"],
}}})
CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance,
               response_schema_conformance]
# Valid by the schema, refused by design: the body names objects or carries content that the
# schema cannot know (a problem's slug, a template's id, a username, a spec in its own language,
# a predictions file or a model for this take-home, a rubric item). A 400 there is the answer.
ACCEPTANCE_UNKNOWABLE = {
    "POST /api/auth/token/",  # credentials that are not an account's: 400, as DRF answers
    "POST /api/submissions/",
    "POST /api/design-submissions/",
    "POST /api/design-submissions/{id}/self-assessment/",
    "POST /api/design-prompts/{slug}/check/",
    "POST /api/interviews/",
    "POST /api/interviews/{id}/recordings/{slug}/",
    "POST /api/assignments/",
    "POST /api/assignments/{id}/co-reviewers/",
    "POST /api/assignments/{id}/hand-ins/",
    "POST /api/assignments/{id}/model-hand-ins/",
    "POST /api/assignments/{id}/hand-ins/{hand_in_id}/comments/",
    "PUT /api/assignments/{id}/review/",
}


@pytest.fixture
def requests_keep_the_test_transaction() -> Iterator[None]:
    """Django's WSGI handler closes old connections around each request, which would end the
    test's transaction; its test client switches that off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def real_path_parameters(path: str, known: dict[str, Any]) -> dict[str, Any]:
    """The world's objects for a path's parameters (what test_api_fuzz fills in)."""
    resource = path.split("/")[2]
    params = known["params"]
    found: dict[str, Any] = {}
    for name in re.findall(r"\{(\w+)\}", path):
        if name == "slug":
            found[name] = known["slugs"].get(resource, "nms")
        elif name == "id":
            found[name] = params["id"].get(resource, 1)
        else:
            found[name] = params.get(name, 1)
    return found


def checks_for(label: str, mode: schemathesis.GenerationMode) -> list[Any]:
    if mode == schemathesis.GenerationMode.NEGATIVE:
        return [*CONFORMANCE, negative_data_rejection]
    return CONFORMANCE if label in ACCEPTANCE_UNKNOWABLE else [*CONFORMANCE,
                                                               positive_data_acceptance]


def failures_of(operation: Any, mode: schemathesis.GenerationMode, headers: dict[str, str],
                known: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    real = real_path_parameters(operation.path, known)
    checks = checks_for(operation.label, mode)

    @hypothesis.settings(
        max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
        phases=[hypothesis.Phase.generate], suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode), pin=st.booleans())
    def run(case: Any, pin: bool) -> None:
        if pin and real:
            case.path_parameters = {**(case.path_parameters or {}), **real}
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=checks)
        except FailureGroup as group:
            for failure in group.exceptions:
                first_line = failure.message.strip().splitlines()[0] if failure.message else ""
                found.add(f"{operation.label} [{mode.value}] {failure.title}: "
                          f"{response.status_code} {first_line} "
                          f"(body {response.text[:160]!r})")

    try:
        run()
    except Unsatisfiable:
        pass  # nothing to generate in this mode (an operation with no input to get wrong)
    return found


@pytest.mark.parametrize("who", ["candidate", "anonymous"])
def test_every_operation_answers_as_the_schema_says(
    world, requests_keep_the_test_transaction, who: str  # noqa: F811
) -> None:
    headers: dict[str, str] = {}
    if who == "candidate":
        key = Token.objects.create(user=world["users"]["candidate"]).key
        headers = {"Authorization": f"Token {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)
    failures: set[str] = set()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            failures |= failures_of(operation, mode, headers, world)
    assert operations >= 40, operations  # the whole schema, not a corner of it
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(sorted(failures))
