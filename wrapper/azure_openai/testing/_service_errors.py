"""The service's error answers, worded as the live service words them (bodies, messages, the gateway page)."""

from __future__ import annotations

import http
import math
from collections.abc import Mapping
from typing import Any

__all__ = [
    "NOT_FOUND",
    "OPERATION_IDS",
    "bad_request",
    "deployment_not_found",
    "error_body",
    "gateway_page",
    "operation_not_supported",
    "prompt_filtered",
    "rate_limited",
    "status_error",
    "supports",
    "unauthorized",
]

#: A path, or an api-version, the service does not know: 404 with this exact body.
NOT_FOUND: dict[str, Any] = {"error": {"code": "404", "message": "Resource not found"}}

#: Operation path suffix -> operationId, as the service names operations in its messages.
OPERATION_IDS = {
    "chat/completions": "ChatCompletions_Create",
    "completions": "Completions_Create",
    "embeddings": "Embeddings_Create",
    "images/generations": "ImageGenerations_Create",
    "audio/transcriptions": "Transcriptions_Create",
    "audio/translations": "Translations_Create",
}

#: Which operations a model family serves (a model outside these families serves every operation).
_FAMILIES = {
    "gpt-35-turbo-instruct": {"completions"},
    "gpt-35-turbo": {"chat/completions", "completions"},
    "gpt-3.5-turbo": {"chat/completions", "completions"},
    "gpt-4": {"chat/completions"},
    "text-embedding": {"embeddings"},
    "dall-e": {"images/generations"},
    "whisper": {"audio/transcriptions", "audio/translations"},
}

_STATUS_ERRORS = {
    400: ("BadRequest", "The request is invalid."),
    408: ("Timeout", "The operation was timeout."),
    500: ("InternalServerError", "The server had an error while processing your request. Sorry about that!"),
    502: ("BadGateway", "Bad gateway."),
    503: ("ServiceUnavailable", "The service is temporarily unable to process your request. Please try again later."),
    504: ("GatewayTimeout", "The gateway did not receive a response from the service in time."),
}

_GATEWAY_HTML = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>"
    "\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n"
)


def error_body(code: str | None, message: str, **extra: Any) -> dict[str, Any]:
    """The service's JSON error body: ``{"error": {"code": ..., "message": ..., ...}}``."""
    return {"error": {"code": code, "message": message, **extra}}


def supports(model: str, operation: str) -> bool:
    """Whether a deployment of ``model`` serves ``operation`` (unknown model families serve everything)."""
    for prefix in sorted(_FAMILIES, key=len, reverse=True):
        if model.startswith(prefix):
            return operation in _FAMILIES[prefix]
    return True


#: Model name prefix -> the most embedding dimensions it gives (and accepts as ``dimensions``); unknown models 3072.
_EMBEDDING_SIZES = {"text-embedding-3-large": 3072, "text-embedding-3-small": 1536}


def dimensions_problem(model: str, body: Mapping[str, Any]) -> dict[str, Any] | None:
    """The 400 ``error`` for an embeddings ``dimensions`` the model refuses (ada-002: any; others: above its size)."""
    wanted = body.get("dimensions")
    if wanted is None:
        return None
    if model.startswith("text-embedding-ada"):
        return bad_request("This model does not support specifying dimensions.", param="dimensions")
    maximum = next((size for prefix, size in _EMBEDDING_SIZES.items() if model.startswith(prefix)), 3072)
    if isinstance(wanted, int) and wanted > maximum:
        return bad_request(f"{wanted} is greater than the maximum of {maximum} - 'dimensions'", param="dimensions")
    return None


def unauthorized(bearer: bool) -> dict[str, Any]:
    """401 body for a wrong or missing key, or (``bearer``) a token the resource does not accept."""
    if bearer:
        return error_body(
            "401",
            "Unauthorized. Access token is missing, invalid, audience is incorrect "
            "(https://cognitiveservices.azure.com), or have expired.",
        )
    return error_body(
        "401",
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for "
        "an active subscription and use a correct regional API endpoint for your resource.",
    )


def deployment_not_found() -> dict[str, Any]:
    """404 body for a deployment the resource does not have."""
    return error_body(
        "DeploymentNotFound",
        "The API deployment for this resource does not exist. If you created the deployment within the last "
        "5 minutes, please wait a moment and try again.",
    )


def operation_not_supported(model: str, operation: str) -> dict[str, Any]:
    """400 body for an operation the deployment's model does not serve (e.g. embeddings on gpt-4)."""
    noun = operation.split("/")[-1].removesuffix("s")
    return error_body(
        "OperationNotSupported",
        f"The {noun} operation does not work with the specified model, {model}. Please choose different model and "
        "try again. You can learn more about which models can be used with each operation here: "
        "https://go.microsoft.com/fwlink/?linkid=2197993.",
    )


def bad_request(message: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    """The ``error`` object of a 400 for a malformed request."""
    return {"code": code, "message": message, "param": param, "type": "invalid_request_error"}


def rate_limited(operation: str, api_version: str | None, seconds: float, exceeded: str = "token") -> dict[str, Any]:
    """429 body, naming the operation, the api-version, which limit (``token`` or ``call``) and when to retry."""
    whole = max(1, math.ceil(seconds))
    return error_body(
        "429",
        f"Requests to the {OPERATION_IDS.get(operation, operation)} Operation under Azure OpenAI API version "
        f"{api_version} have exceeded {exceeded} rate limit of your current OpenAI S0 pricing tier. Please retry after "
        f"{whole} second{'s' if whole != 1 else ''}. Please go here: https://aka.ms/oai/quotaincrease if you would "
        "like to further increase the default rate limit.",
    )


def status_error(status: int) -> tuple[str, str]:
    """(code, message) the service sends with an error ``status``."""
    return _STATUS_ERRORS.get(status, (str(status), http.HTTPStatus(status).phrase))


def prompt_filtered(operation: str, results: dict[str, Any]) -> dict[str, Any]:
    """400 body of the prompt content filter: the live shape for text, the DALL-E shape for images."""
    if operation == "images/generations":
        return error_body(
            "content_policy_violation",
            "Your request was rejected as a result of our safety system. Your prompt may contain text that is not "
            "allowed by our safety system.",
            inner_error={"code": "ResponsibleAIPolicyViolation", "content_filter_results": results},
        )
    return error_body(
        "content_filter",
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please "
        "modify your prompt and retry. To learn more about our content filtering policies please read our "
        "documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        param="prompt",
        type=None,
        status=400,
        innererror={"code": "ResponsibleAIPolicyViolation", "content_filter_result": results},
    )


def gateway_page(status: int) -> bytes:
    """The HTML error page of the gateway in front of the service."""
    return _GATEWAY_HTML.format(status=status, reason=http.HTTPStatus(status).phrase).encode()
