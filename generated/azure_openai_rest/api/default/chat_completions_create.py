from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, Final, TypeAlias, TypedDict
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.azure_chat_extension_configuration_other import AzureChatExtensionConfigurationOther
from ...models.azure_cosmos_db_chat_extension_configuration import AzureCosmosDBChatExtensionConfiguration
from ...models.azure_search_chat_extension_configuration import AzureSearchChatExtensionConfiguration
from ...models.chat_completion_function import ChatCompletionFunction
from ...models.chat_completion_named_tool_choice import ChatCompletionNamedToolChoice
from ...models.chat_completion_request_message_assistant import ChatCompletionRequestMessageAssistant
from ...models.chat_completion_request_message_function import ChatCompletionRequestMessageFunction
from ...models.chat_completion_request_message_other import ChatCompletionRequestMessageOther
from ...models.chat_completion_request_message_system import ChatCompletionRequestMessageSystem
from ...models.chat_completion_request_message_tool import ChatCompletionRequestMessageTool
from ...models.chat_completion_request_message_user import ChatCompletionRequestMessageUser
from ...models.chat_completion_tool import ChatCompletionTool
from ...models.chat_completion_tool_choice_option_type_0 import ChatCompletionToolChoiceOptionType0
from ...models.create_chat_completion_request import CreateChatCompletionRequest
from ...models.create_chat_completion_request_function_call_type_0 import CreateChatCompletionRequestFunctionCallType0
from ...models.create_chat_completion_request_function_call_type_1 import CreateChatCompletionRequestFunctionCallType1
from ...models.create_chat_completion_request_logit_bias_type_0 import CreateChatCompletionRequestLogitBiasType0
from ...models.create_chat_completion_request_response_format import CreateChatCompletionRequestResponseFormat
from ...models.create_chat_completion_response import CreateChatCompletionResponse
from ...models.create_chat_completion_stream_response import CreateChatCompletionStreamResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response

PATH: Final = "/deployments/{deployment-id}/chat/completions"
"""The path template of this operation as the spec writes it (parameters by their spec names)."""

METHOD: Final = "post"
"""The HTTP method of this operation, lower case."""

OPERATION_ID: Final = "chat_completions_create"
"""The operation's id (the spec's operationId in snake case), which is also this module's name."""

REQUEST_MODEL: Final = CreateChatCompletionRequest
"""The model of the request body (the form model for a multipart body), or None when it has no model."""

RESPONSE_MODELS: Final[dict[int | str, tuple[type[Any], ...]]] = {
    200: (CreateChatCompletionResponse,),
    "default": (ErrorResponse,),
}
"""The models each documented status is parsed into, in the order the parser tries them; "default" is the rest."""

STREAM_CHUNK_MODEL: Final = CreateChatCompletionStreamResponse
"""The model of one streamed event where the spec declares a ``text/event-stream`` answer of one model, else None."""

RequestModel: TypeAlias = CreateChatCompletionRequest
"""The request body's model as a type (``REQUEST_MODEL``); None when the body has no model."""

ResponseModel: TypeAlias = CreateChatCompletionResponse
"""The first model of the lowest 2xx status in ``RESPONSE_MODELS`` as a type; None when no 2xx answer has one."""

StreamChunkModel: TypeAlias = CreateChatCompletionStreamResponse
"""The model of one streamed event (``STREAM_CHUNK_MODEL``) as a type."""


class RequestParams(TypedDict, total=False):
    """The request model's properties by python name, each as the model or plain JSON (for ``**params``)."""

    temperature: float | None
    top_p: float | None
    stream: bool | None
    stop: str | Sequence[str] | None
    max_tokens: int
    presence_penalty: float
    frequency_penalty: float
    logit_bias: CreateChatCompletionRequestLogitBiasType0 | Mapping[str, Any] | None
    user: str
    messages: Sequence[
        ChatCompletionRequestMessageSystem
        | ChatCompletionRequestMessageUser
        | ChatCompletionRequestMessageAssistant
        | ChatCompletionRequestMessageTool
        | ChatCompletionRequestMessageFunction
        | ChatCompletionRequestMessageOther
        | Mapping[str, Any]
    ]
    data_sources: Sequence[
        AzureSearchChatExtensionConfiguration
        | AzureCosmosDBChatExtensionConfiguration
        | AzureChatExtensionConfigurationOther
        | Mapping[str, Any]
    ]
    n: int | None
    seed: int | None
    response_format: CreateChatCompletionRequestResponseFormat | Mapping[str, Any]
    tools: Sequence[ChatCompletionTool | Mapping[str, Any]]
    tool_choice: ChatCompletionToolChoiceOptionType0 | str | ChatCompletionNamedToolChoice | Mapping[str, Any]
    functions: Sequence[ChatCompletionFunction | Mapping[str, Any]]
    function_call: (
        CreateChatCompletionRequestFunctionCallType0
        | str
        | CreateChatCompletionRequestFunctionCallType1
        | Mapping[str, Any]
    )


def _get_kwargs(
    deployment_id: str,
    *,
    body: CreateChatCompletionRequest,
    api_version: str = "2024-02-01",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["api-version"] = api_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/deployments/{deployment_id}/chat/completions".format(
            deployment_id=quote(str(deployment_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateChatCompletionResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CreateChatCompletionResponse.from_dict(errors.parse_json(response))

        return response_200

    try:
        response_default = ErrorResponse.from_dict(errors.parse_json(response))

        return response_default

    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateChatCompletionResponse | ErrorResponse]:
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
    body: CreateChatCompletionRequest,
    api_version: str = "2024-02-01",
) -> Response[CreateChatCompletionResponse | ErrorResponse]:
    """Creates a completion for the chat message

    Args:
        deployment_id (str): Deployment id of the model which was deployed.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateChatCompletionResponse | ErrorResponse]
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
    body: CreateChatCompletionRequest,
    api_version: str = "2024-02-01",
) -> CreateChatCompletionResponse | ErrorResponse | None:
    """Creates a completion for the chat message

    Args:
        deployment_id (str): Deployment id of the model which was deployed.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateChatCompletionResponse | ErrorResponse
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
    body: CreateChatCompletionRequest,
    api_version: str = "2024-02-01",
) -> Response[CreateChatCompletionResponse | ErrorResponse]:
    """Creates a completion for the chat message

    Args:
        deployment_id (str): Deployment id of the model which was deployed.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateChatCompletionResponse | ErrorResponse]
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
    body: CreateChatCompletionRequest,
    api_version: str = "2024-02-01",
) -> CreateChatCompletionResponse | ErrorResponse | None:
    """Creates a completion for the chat message

    Args:
        deployment_id (str): Deployment id of the model which was deployed.
        api_version (str): api version Default: '2024-02-01'. Example: 2024-02-01.
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateChatCompletionResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            deployment_id=deployment_id,
            client=client,
            body=body,
            api_version=api_version,
        )
    ).parsed
