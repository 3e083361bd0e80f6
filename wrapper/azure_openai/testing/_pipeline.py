"""How the emulator answers a POST to an operation: the service's checks, in the service's order.

Route, auth, (record/replay), api-version, deployment, body, spec validation, model support; then the
deployment's quota (a 429 past it); then a queued fault, if any; then the deterministic answer (``_answers.py``).
The body is parsed before the checks so that the request record holds it, whatever the answer.
"""

from __future__ import annotations

import contextlib
import json
import math
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from . import _service_errors as errors
from ._answers import Request, answer, answer_fault
from ._costs import context_problem, plan_answer
from ._multipart import MultipartError, parse_form
from ._record import RecordedFile, redact_headers

if TYPE_CHECKING:  # types only: the server passes both in
    from ._exchange import Exchange
    from ._state import EmulatorState
    from ._validation import RequestValidator

__all__ = ["answer_post"]

#: Integer parameters a client may send as a whole float (``2.0``): JSON Schema calls that an integer, so it passes
#: validation, and the answer is then built with ``int`` semantics (``range(n)``, truncation at ``max_tokens``).
_INTEGER_PARAMETERS = ("n", "best_of", "max_tokens", "max_completion_tokens", "logprobs", "top_logprobs", "dimensions")


def answer_post(emu: EmulatorState, exchange: Exchange, raw: bytes) -> None:
    """Answer the POST whose body is ``raw`` as the service would (or with the queued fault)."""
    headers = exchange.handler.headers
    url = urlsplit(exchange.handler.path)
    query = dict(parse_qsl(url.query, keep_blank_values=True))
    record: dict[str, Any] = {"method": "POST", "path": url.path, "query": query}
    record["headers"] = redact_headers(dict(headers.items()))
    exchange.record = record
    parts = url.path.strip("/").split("/")
    operation = "/".join(parts[3:])
    if len(parts) < 4 or parts[:2] != ["openai", "deployments"] or operation not in emu.operations:
        return exchange.send(404, errors.NOT_FOUND)
    deployment = unquote(parts[2])
    record.update(deployment=deployment, operation=operation)
    validator = emu._request_validator(query.get("api-version"))  # the spec of that api-version, when held
    body, files, problem = _parse_body(validator, exchange, operation, raw)  # parsed first for the record
    if not emu._authorized(headers.get("api-key"), headers.get("Authorization")):
        bearer = (headers.get("Authorization") or "").lower().startswith("bearer ")
        return exchange.send(401, errors.unauthorized(bearer))
    if emu._replay.answer(exchange, operation, deployment, raw):  # record/replay: the upstream's or a recorded one
        return None
    if query.get("api-version") not in emu.api_versions or operation not in validator.operations:
        return exchange.send(404, errors.NOT_FOUND)
    configured = emu._settings.deployments.get(deployment)  # one read: configure() may change it meanwhile
    if configured is None:
        return exchange.send(404, errors.deployment_not_found())
    if problem is not None:
        return exchange.send(400, {"error": problem})
    model = configured.model
    if not errors.supports(model, operation):
        return exchange.send(400, errors.operation_not_supported(model, operation))
    refused = errors.dimensions_problem(model, body) if operation == "embeddings" else None
    if (refused := refused or context_problem(operation, model, body)) is not None:
        return exchange.send(400, {"error": refused})
    plan = plan_answer(operation, deployment, model, body, emu.replies)
    admission = emu._settings.admit(deployment, plan.cost)
    exchange.admission = admission
    if not admission.admitted:
        return exchange.send(
            429,
            errors.rate_limited(operation, query.get("api-version"), admission.retry_after, admission.exceeded),
            {
                "retry-after-ms": str(math.ceil(admission.retry_after * 1000)),
                "Retry-After": str(math.ceil(admission.retry_after)),
            },
        )
    fault = emu._faults.take(operation)
    if fault is not None:
        record["fault"] = fault.kind
        if fault.kind == "delay":
            exchange.pause(fault.seconds)
            fault = None
        elif answer_fault(exchange, fault, operation, query.get("api-version")):
            return None
    return answer(emu, exchange, Request(operation, deployment, model, body, files), plan, fault)


def _parse_body(
    validator: RequestValidator, exchange: Exchange, operation: str, raw: bytes
) -> tuple[dict[str, Any], dict[str, tuple[str, str, bytes]], dict[str, Any] | None]:
    """The body as a dict (form fields for audio), the uploaded files, and the 400 error for it, if any.

    What the client sent goes into the request's record as it was sent.
    """
    record = exchange.record if exchange.record is not None else {}
    files: dict[str, tuple[str, str, bytes]] = {}
    if operation.startswith("audio/"):
        try:
            fields, files = parse_form(exchange.handler.headers.get("Content-Type", ""), raw)
        except MultipartError as exc:
            return {}, {}, errors.bad_request(f"Invalid multipart body: {exc}.", "invalid_request_error")
        record["form"] = fields
        record["files"] = {
            name: RecordedFile(filename, ctype, len(data)) for name, (filename, ctype, data) in files.items()
        }
        body: dict[str, Any] = {**fields, **{name: f"<{len(f[2])} bytes>" for name, f in files.items()}}
        if "temperature" in body:
            with contextlib.suppress(ValueError):
                body["temperature"] = float(body["temperature"])
    else:
        try:
            parsed = json.loads(raw or b"null")
        except (ValueError, RecursionError):  # RecursionError: nested too deeply for the parser
            message = (
                "We could not parse the JSON body of your request. The API expects a JSON payload, but what was "
                "sent was not valid JSON."
            )
            return {}, {}, errors.bad_request(message)
        record["json"] = parsed
        if not isinstance(parsed, dict):
            return {}, {}, errors.bad_request("The request body must be a JSON object.", "invalid_type")
        body = parsed
    found = validator.check(operation, body) if operation in validator.operations else None  # else a 404
    if found is not None:
        return body, files, found.to_error()
    for name in _INTEGER_PARAMETERS:
        value = body.get(name)
        if isinstance(value, float) and value.is_integer():
            body = {**body, name: int(value)}  # a copy: the record keeps what the client sent
    return body, files, None
