"""Contains all the data models used in inputs/outputs"""

from .audio_response import AudioResponse
from .audio_response_format import AudioResponseFormat
from .audio_segment import AudioSegment
from .audio_verbose_response import AudioVerboseResponse
from .audio_verbose_response_task import AudioVerboseResponseTask
from .azure_chat_extension_configuration_other import AzureChatExtensionConfigurationOther
from .azure_chat_extension_type import AzureChatExtensionType
from .azure_chat_extensions_message_context import AzureChatExtensionsMessageContext
from .azure_cosmos_db_chat_extension_configuration import AzureCosmosDBChatExtensionConfiguration
from .azure_cosmos_db_chat_extension_parameters import AzureCosmosDBChatExtensionParameters
from .azure_cosmos_db_field_mapping_options import AzureCosmosDBFieldMappingOptions
from .azure_search_chat_extension_configuration import AzureSearchChatExtensionConfiguration
from .azure_search_chat_extension_parameters import AzureSearchChatExtensionParameters
from .azure_search_index_field_mapping_options import AzureSearchIndexFieldMappingOptions
from .azure_search_query_type import AzureSearchQueryType
from .chat_completion_choice_common import ChatCompletionChoiceCommon
from .chat_completion_function import ChatCompletionFunction
from .chat_completion_function_call import ChatCompletionFunctionCall
from .chat_completion_function_parameters import ChatCompletionFunctionParameters
from .chat_completion_message_tool_call import ChatCompletionMessageToolCall
from .chat_completion_message_tool_call_chunk import ChatCompletionMessageToolCallChunk
from .chat_completion_message_tool_call_chunk_function import ChatCompletionMessageToolCallChunkFunction
from .chat_completion_message_tool_call_function import ChatCompletionMessageToolCallFunction
from .chat_completion_named_tool_choice import ChatCompletionNamedToolChoice
from .chat_completion_named_tool_choice_function import ChatCompletionNamedToolChoiceFunction
from .chat_completion_named_tool_choice_type import ChatCompletionNamedToolChoiceType
from .chat_completion_request_message_assistant import ChatCompletionRequestMessageAssistant
from .chat_completion_request_message_content_part_image import ChatCompletionRequestMessageContentPartImage
from .chat_completion_request_message_content_part_image_image_url import (
    ChatCompletionRequestMessageContentPartImageImageUrl,
)
from .chat_completion_request_message_content_part_other import ChatCompletionRequestMessageContentPartOther
from .chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText
from .chat_completion_request_message_content_part_type import ChatCompletionRequestMessageContentPartType
from .chat_completion_request_message_function import ChatCompletionRequestMessageFunction
from .chat_completion_request_message_other import ChatCompletionRequestMessageOther
from .chat_completion_request_message_role import ChatCompletionRequestMessageRole
from .chat_completion_request_message_system import ChatCompletionRequestMessageSystem
from .chat_completion_request_message_tool import ChatCompletionRequestMessageTool
from .chat_completion_request_message_user import ChatCompletionRequestMessageUser
from .chat_completion_response_format import ChatCompletionResponseFormat
from .chat_completion_response_message import ChatCompletionResponseMessage
from .chat_completion_response_message_role import ChatCompletionResponseMessageRole
from .chat_completion_response_object import ChatCompletionResponseObject
from .chat_completion_stream_response_delta import ChatCompletionStreamResponseDelta
from .chat_completion_stream_response_delta_function_call import ChatCompletionStreamResponseDeltaFunctionCall
from .chat_completion_tool import ChatCompletionTool
from .chat_completion_tool_choice_option_type_0 import ChatCompletionToolChoiceOptionType0
from .chat_completion_tool_function import ChatCompletionToolFunction
from .chat_completion_tool_type import ChatCompletionToolType
from .chat_completions_request_common import ChatCompletionsRequestCommon
from .chat_completions_request_common_logit_bias_type_0 import ChatCompletionsRequestCommonLogitBiasType0
from .chat_completions_response_common import ChatCompletionsResponseCommon
from .citation import Citation
from .completion_usage import CompletionUsage
from .completions_create_body import CompletionsCreateBody
from .completions_create_body_logit_bias import CompletionsCreateBodyLogitBias
from .completions_create_response_200 import CompletionsCreateResponse200
from .completions_create_response_200_choices_item import CompletionsCreateResponse200ChoicesItem
from .completions_create_response_200_choices_item_logprobs import CompletionsCreateResponse200ChoicesItemLogprobs
from .completions_create_response_200_choices_item_logprobs_top_logprobs_item import (
    CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem,
)
from .completions_create_response_200_usage import CompletionsCreateResponse200Usage
from .content_filter_choice_results import ContentFilterChoiceResults
from .content_filter_detected_result import ContentFilterDetectedResult
from .content_filter_detected_with_citation_result import ContentFilterDetectedWithCitationResult
from .content_filter_detected_with_citation_result_citation import ContentFilterDetectedWithCitationResultCitation
from .content_filter_prompt_results import ContentFilterPromptResults
from .content_filter_result_base import ContentFilterResultBase
from .content_filter_results_base import ContentFilterResultsBase
from .content_filter_severity_result import ContentFilterSeverityResult
from .content_filter_severity_result_severity import ContentFilterSeverityResultSeverity
from .create_chat_completion_request import CreateChatCompletionRequest
from .create_chat_completion_request_function_call_type_0 import CreateChatCompletionRequestFunctionCallType0
from .create_chat_completion_request_function_call_type_1 import CreateChatCompletionRequestFunctionCallType1
from .create_chat_completion_request_logit_bias_type_0 import CreateChatCompletionRequestLogitBiasType0
from .create_chat_completion_request_response_format import CreateChatCompletionRequestResponseFormat
from .create_chat_completion_response import CreateChatCompletionResponse
from .create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem
from .create_chat_completion_stream_response import CreateChatCompletionStreamResponse
from .create_chat_completion_stream_response_choices_item import CreateChatCompletionStreamResponseChoicesItem
from .create_transcription_request import CreateTranscriptionRequest
from .create_translation_request import CreateTranslationRequest
from .dalle_content_filter_results import DalleContentFilterResults
from .dalle_error import DalleError
from .dalle_error_response import DalleErrorResponse
from .dalle_filter_results import DalleFilterResults
from .dalle_inner_error import DalleInnerError
from .embeddings_create_body import EmbeddingsCreateBody
from .embeddings_create_body_encoding_format import EmbeddingsCreateBodyEncodingFormat
from .embeddings_create_response_200 import EmbeddingsCreateResponse200
from .embeddings_create_response_200_data_item import EmbeddingsCreateResponse200DataItem
from .embeddings_create_response_200_usage import EmbeddingsCreateResponse200Usage
from .error import Error
from .error_base import ErrorBase
from .error_response import ErrorResponse
from .generate_images_response import GenerateImagesResponse
from .image_detail_level import ImageDetailLevel
from .image_generations_request import ImageGenerationsRequest
from .image_quality import ImageQuality
from .image_result import ImageResult
from .image_size import ImageSize
from .image_style import ImageStyle
from .images_response_format import ImagesResponseFormat
from .inner_error import InnerError
from .inner_error_code import InnerErrorCode
from .on_your_data_api_key_authentication_options import OnYourDataApiKeyAuthenticationOptions
from .on_your_data_authentication_options_other import OnYourDataAuthenticationOptionsOther
from .on_your_data_authentication_type import OnYourDataAuthenticationType
from .on_your_data_connection_string_authentication_options import OnYourDataConnectionStringAuthenticationOptions
from .on_your_data_deployment_name_vectorization_source import OnYourDataDeploymentNameVectorizationSource
from .on_your_data_endpoint_vectorization_source import OnYourDataEndpointVectorizationSource
from .on_your_data_system_assigned_managed_identity_authentication_options import (
    OnYourDataSystemAssignedManagedIdentityAuthenticationOptions,
)
from .on_your_data_user_assigned_managed_identity_authentication_options import (
    OnYourDataUserAssignedManagedIdentityAuthenticationOptions,
)
from .on_your_data_vectorization_source_other import OnYourDataVectorizationSourceOther
from .on_your_data_vectorization_source_type import OnYourDataVectorizationSourceType
from .prompt_filter_result import PromptFilterResult
from .tool_call_type import ToolCallType

__all__ = (
    "AudioResponse",
    "AudioResponseFormat",
    "AudioSegment",
    "AudioVerboseResponse",
    "AudioVerboseResponseTask",
    "AzureChatExtensionConfigurationOther",
    "AzureChatExtensionType",
    "AzureChatExtensionsMessageContext",
    "AzureCosmosDBChatExtensionConfiguration",
    "AzureCosmosDBChatExtensionParameters",
    "AzureCosmosDBFieldMappingOptions",
    "AzureSearchChatExtensionConfiguration",
    "AzureSearchChatExtensionParameters",
    "AzureSearchIndexFieldMappingOptions",
    "AzureSearchQueryType",
    "ChatCompletionChoiceCommon",
    "ChatCompletionFunction",
    "ChatCompletionFunctionCall",
    "ChatCompletionFunctionParameters",
    "ChatCompletionMessageToolCall",
    "ChatCompletionMessageToolCallChunk",
    "ChatCompletionMessageToolCallChunkFunction",
    "ChatCompletionMessageToolCallFunction",
    "ChatCompletionNamedToolChoice",
    "ChatCompletionNamedToolChoiceFunction",
    "ChatCompletionNamedToolChoiceType",
    "ChatCompletionRequestMessageAssistant",
    "ChatCompletionRequestMessageContentPartImage",
    "ChatCompletionRequestMessageContentPartImageImageUrl",
    "ChatCompletionRequestMessageContentPartOther",
    "ChatCompletionRequestMessageContentPartText",
    "ChatCompletionRequestMessageContentPartType",
    "ChatCompletionRequestMessageFunction",
    "ChatCompletionRequestMessageOther",
    "ChatCompletionRequestMessageRole",
    "ChatCompletionRequestMessageSystem",
    "ChatCompletionRequestMessageTool",
    "ChatCompletionRequestMessageUser",
    "ChatCompletionResponseFormat",
    "ChatCompletionResponseMessage",
    "ChatCompletionResponseMessageRole",
    "ChatCompletionResponseObject",
    "ChatCompletionStreamResponseDelta",
    "ChatCompletionStreamResponseDeltaFunctionCall",
    "ChatCompletionTool",
    "ChatCompletionToolChoiceOptionType0",
    "ChatCompletionToolFunction",
    "ChatCompletionToolType",
    "ChatCompletionsRequestCommon",
    "ChatCompletionsRequestCommonLogitBiasType0",
    "ChatCompletionsResponseCommon",
    "Citation",
    "CompletionUsage",
    "CompletionsCreateBody",
    "CompletionsCreateBodyLogitBias",
    "CompletionsCreateResponse200",
    "CompletionsCreateResponse200ChoicesItem",
    "CompletionsCreateResponse200ChoicesItemLogprobs",
    "CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem",
    "CompletionsCreateResponse200Usage",
    "ContentFilterChoiceResults",
    "ContentFilterDetectedResult",
    "ContentFilterDetectedWithCitationResult",
    "ContentFilterDetectedWithCitationResultCitation",
    "ContentFilterPromptResults",
    "ContentFilterResultBase",
    "ContentFilterResultsBase",
    "ContentFilterSeverityResult",
    "ContentFilterSeverityResultSeverity",
    "CreateChatCompletionRequest",
    "CreateChatCompletionRequestFunctionCallType0",
    "CreateChatCompletionRequestFunctionCallType1",
    "CreateChatCompletionRequestLogitBiasType0",
    "CreateChatCompletionRequestResponseFormat",
    "CreateChatCompletionResponse",
    "CreateChatCompletionResponseChoicesItem",
    "CreateChatCompletionStreamResponse",
    "CreateChatCompletionStreamResponseChoicesItem",
    "CreateTranscriptionRequest",
    "CreateTranslationRequest",
    "DalleContentFilterResults",
    "DalleError",
    "DalleErrorResponse",
    "DalleFilterResults",
    "DalleInnerError",
    "EmbeddingsCreateBody",
    "EmbeddingsCreateBodyEncodingFormat",
    "EmbeddingsCreateResponse200",
    "EmbeddingsCreateResponse200DataItem",
    "EmbeddingsCreateResponse200Usage",
    "Error",
    "ErrorBase",
    "ErrorResponse",
    "GenerateImagesResponse",
    "ImageDetailLevel",
    "ImageGenerationsRequest",
    "ImageQuality",
    "ImageResult",
    "ImageSize",
    "ImageStyle",
    "ImagesResponseFormat",
    "InnerError",
    "InnerErrorCode",
    "OnYourDataApiKeyAuthenticationOptions",
    "OnYourDataAuthenticationOptionsOther",
    "OnYourDataAuthenticationType",
    "OnYourDataConnectionStringAuthenticationOptions",
    "OnYourDataDeploymentNameVectorizationSource",
    "OnYourDataEndpointVectorizationSource",
    "OnYourDataSystemAssignedManagedIdentityAuthenticationOptions",
    "OnYourDataUserAssignedManagedIdentityAuthenticationOptions",
    "OnYourDataVectorizationSourceOther",
    "OnYourDataVectorizationSourceType",
    "PromptFilterResult",
    "ToolCallType",
)
