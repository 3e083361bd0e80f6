from http import HTTPStatus
from typing import IO, Any, Final, TypeAlias, TypedDict
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audio_response_format import AudioResponseFormat
from ...models.audio_verbose_response import AudioVerboseResponse
from ...models.create_translation_request import CreateTranslationRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, File, Response

PATH: Final = "/deployments/{deployment-id}/audio/translations"
"""The path template of this operation as the spec writes it (parameters by their spec names)."""

METHOD: Final = "post"
"""The HTTP method of this operation, lower case."""

OPERATION_ID: Final = "translations_create"
"""The operation's id (the spec's operationId in snake case), which is also this module's name."""

REQUEST_MODEL: Final = CreateTranslationRequest
"""The model of the request body (the form model for a multipart body), or None when it has no model."""

RESPONSE_MODELS: Final[dict[int | str, tuple[type[Any], ...]]] = {
    200: (AudioVerboseResponse,),
    "default": (ErrorResponse,),
}
"""The models each documented status is parsed into, in the order the parser tries them; "default" is the rest."""

STREAM_CHUNK_MODEL: Final = None
"""The model of one streamed event where the spec declares a ``text/event-stream`` answer of one model, else None."""

RequestModel: TypeAlias = CreateTranslationRequest
"""The request body's model as a type (``REQUEST_MODEL``); None when the body has no model."""

ResponseModel: TypeAlias = AudioVerboseResponse
"""The first model of the lowest 2xx status in ``RESPONSE_MODELS`` as a type; None when no 2xx answer has one."""


class RequestParams(TypedDict, total=False):
    """The request model's properties by python name, each as the model or plain JSON (for ``**params``)."""

    file: File | bytes | IO[bytes]
    prompt: str
    response_format: AudioResponseFormat | str
    temperature: float


def _get_kwargs(
    deployment_id: str,
    *,
    body: CreateTranslationRequest,
    api_version: str = "2024-02-01",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["api-version"] = api_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/deployments/{deployment_id}/audio/translations".format(
            deployment_id=quote(str(deployment_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AudioVerboseResponse | ErrorResponse | str | None:
    if response.status_code == 200:
        if response.headers.get("content-type", "").lower().startswith("text/"):
            return response.text
        response_200 = AudioVerboseResponse.from_dict(errors.parse_json(response))

        return response_200

    try:
        response_default = ErrorResponse.from_dict(errors.parse_json(response))

        return response_default

    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AudioVerboseResponse | ErrorResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateTranslationRequest,
    api_version: str = "2024-02-01",
) -> Response[AudioVerboseResponse | ErrorResponse | str]:
    """Transcribes and translates input audio into English text.

    Args:
        deployment_id (str): Deployment id of the whisper model which was deployed. Example:
            whisper.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateTranslationRequest): Translation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudioVerboseResponse | ErrorResponse | str]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        body=body,
        api_version=api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateTranslationRequest,
    api_version: str = "2024-02-01",
) -> AudioVerboseResponse | ErrorResponse | str | None:
    """Transcribes and translates input audio into English text.

    Args:
        deployment_id (str): Deployment id of the whisper model which was deployed. Example:
            whisper.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateTranslationRequest): Translation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudioVerboseResponse | ErrorResponse | str
    """

    return sync_detailed(
        deployment_id=deployment_id,
        client=client,
        body=body,
        api_version=api_version,
    ).parsed


async def asyncio_detailed(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateTranslationRequest,
    api_version: str = "2024-02-01",
) -> Response[AudioVerboseResponse | ErrorResponse | str]:
    """Transcribes and translates input audio into English text.

    Args:
        deployment_id (str): Deployment id of the whisper model which was deployed. Example:
            whisper.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateTranslationRequest): Translation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudioVerboseResponse | ErrorResponse | str]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        body=body,
        api_version=api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateTranslationRequest,
    api_version: str = "2024-02-01",
) -> AudioVerboseResponse | ErrorResponse | str | None:
    """Transcribes and translates input audio into English text.

    Args:
        deployment_id (str): Deployment id of the whisper model which was deployed. Example:
            whisper.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateTranslationRequest): Translation request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudioVerboseResponse | ErrorResponse | str
    """

    return (
        await asyncio_detailed(
            deployment_id=deployment_id,
            client=client,
            body=body,
            api_version=api_version,
        )
    ).parsed
