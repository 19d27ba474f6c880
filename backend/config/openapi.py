"""The OpenAPI schema says what the API really answers, errors included (issue 17).

Views declare their successes (and the work refusals of work-creating POSTs,
``grading.admission.WORK_REFUSALS``); the errors every view shares are added here, once, from
what the layers around the views do:

- the API's exception handler (``backend.config.errors``) and ``ApiErrorsMiddleware``: every
  error is JSON with a ``detail`` (field errors also under ``errors``);
- token authentication comes first, so a bad token (or none, where a user is needed) is a 401;
  session authentication checks CSRF on unsafe methods, and services refuse with 403;
- a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (or a hand-in over its limit) is a 413, a media
  type the view does not parse a 415;
- every POST may carry an ``Idempotency-Key`` (``backend.idempotency``): 409 while the first
  request is being answered, 422 when the key was used for another request;
- under load, any request may be shed with a 503 (``backend.config.shedding``).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import AllowAny

from backend.grading.admission import REFUSAL

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


# The body of every error the API answers (a class built by name: "errors" is also a
# Serializer attribute).
API_ERROR = inline_serializer("ApiError", {
    "detail": serializers.CharField(help_text="one line saying what was wrong"),
    "errors": serializers.DictField(
        required=False,
        help_text="field errors: field name (or path, e.g. stages[2].replicas) -> messages",
    ),
    "code": serializers.CharField(required=False, help_text="a machine-readable reason"),
})

RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer", "minimum": 1},
        "description": "seconds to wait before sending it again",
    }
}

DESCRIPTIONS = {
    HTTPStatus.BAD_REQUEST: "the request is malformed or a service refused it; `detail` says why "
    "and field errors are under `errors`",
    HTTPStatus.UNAUTHORIZED: "a bad token, or none where one is needed (`WWW-Authenticate: Token`)",
    HTTPStatus.FORBIDDEN: "signed in but not allowed to do this (or a session without its CSRF "
    "token)",
    HTTPStatus.NOT_FOUND: "no such object, or one you may not see",
    HTTPStatus.CONFLICT: "a request with this Idempotency-Key is still being answered "
    "(Retry-After), or the object's state forbids it",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "the request body is over the size limit",
    HTTPStatus.UNSUPPORTED_MEDIA_TYPE: "a Content-Type this operation does not read",
    HTTPStatus.UNPROCESSABLE_ENTITY: "this Idempotency-Key was already used for another request",
    HTTPStatus.SERVICE_UNAVAILABLE: "the server is at capacity; nothing was done, send it again "
    "after Retry-After",
}

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "repeat a POST safely: a second request with the same key gets the first "
    "one's answer (marked Idempotent-Replayed: true)",
}


SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"
NO_NUL_PATTERN = "^[^\\x00]*$"


class CvprepAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, plus the errors that every view shares."""

    def _map_serializer_field(self, field: Any, direction: Any,
                              bypass_extensions: bool = False) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction,
                                                               bypass_extensions)
        if (direction == "request" and isinstance(field, serializers.SlugRelatedField)
                and schema.get("type") == "string"):
            schema = {**schema, "pattern": SLUG_PATTERN}  # a slug: "" or "a b" names nothing
        return schema

    def get_operation(self, path: str, path_regex: str, path_prefix: str, method: str,
                      registry: Any) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            if (parameter["in"] == "query" and schema.get("type") == "string"
                    and not {"enum", "pattern"} & set(schema)):
                # the database cannot hold or look up a NUL: a 400 (backend/config/errors.py)
                parameter["schema"] = {**schema, "pattern": NO_NUL_PATTERN}
        if self.method == "POST":
            operation.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
        responses: dict[str, Any] = operation["responses"]
        for status in self._error_statuses(operation):
            responses.setdefault(str(int(status)), self._error_response(status))
        for code in ("409", "429", "503"):
            if code in responses:
                responses[code].setdefault("headers", {}).update(RETRY_AFTER)
        return operation

    def _error_statuses(self, operation: dict[str, Any]) -> list[HTTPStatus]:
        authenticators = tuple(self.view.authentication_classes)
        open_to_all = all(isinstance(p, type) and issubclass(p, AllowAny)
                          for p in self.view.permission_classes)
        unsafe = self.method in UNSAFE_METHODS
        has_body = "requestBody" in operation
        parameters = operation.get("parameters", [])
        statuses = [HTTPStatus.SERVICE_UNAVAILABLE]
        if any(issubclass(a, TokenAuthentication) for a in authenticators):
            statuses.append(HTTPStatus.UNAUTHORIZED)
        if not open_to_all or (unsafe and any(
                issubclass(a, SessionAuthentication) for a in authenticators)):
            statuses.append(HTTPStatus.FORBIDDEN)
        if unsafe or has_body or any(p["in"] in ("query", "path") for p in parameters):
            # a service's refusal; in a parameter, a value the database cannot hold or look up
            # (a NUL on PostgreSQL: DataError, answered by backend/config/errors.py)
            statuses.append(HTTPStatus.BAD_REQUEST)
        if any(p["in"] == "path" for p in parameters):
            statuses.append(HTTPStatus.NOT_FOUND)
        if has_body:
            statuses += [HTTPStatus.REQUEST_ENTITY_TOO_LARGE, HTTPStatus.UNSUPPORTED_MEDIA_TYPE]
        if self.method == "POST":
            statuses += [HTTPStatus.CONFLICT, HTTPStatus.UNPROCESSABLE_ENTITY]
        return statuses

    def _error_response(self, status: HTTPStatus) -> dict[str, Any]:
        serializer = REFUSAL if status == HTTPStatus.SERVICE_UNAVAILABLE else API_ERROR
        schema = self.resolve_serializer(serializer, "response").ref
        return {
            "description": DESCRIPTIONS[status],
            "content": {"application/json": {"schema": schema}},
        }
