from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.azure_search_query_type import AzureSearchQueryType
from ..types import UNSET, Unset

T = TypeVar("T", bound="AzureSearchChatExtensionParameters")


@_attrs_define
class AzureSearchChatExtensionParameters:
    """Parameters for Azure Search when used as an Azure OpenAI chat extension.

    Attributes:
        authentication (OnYourDataApiKeyAuthenticationOptions |
            OnYourDataSystemAssignedManagedIdentityAuthenticationOptions |
            OnYourDataUserAssignedManagedIdentityAuthenticationOptions | Unset):
        top_n_documents (int | Unset): The configured top number of documents to feature for the configured query.
        in_scope (bool | Unset): Whether queries should be restricted to use of indexed data.
        strictness (int | Unset): The configured strictness of the search relevance filtering. The higher of strictness,
            the higher of the precision but lower recall of the answer.
        role_information (str | Unset): Give the model instructions about how it should behave and any context it should
            reference when generating a response. You can describe the assistant's personality and tell it how to format
            responses. There's a 100 token limit for it, and it counts against the overall token limit.
        endpoint (str | Unset): The absolute endpoint path for the Azure Search resource to use.
        index_name (str | Unset): The name of the index to use as available in the referenced Azure Search resource.
        fields_mapping (AzureSearchIndexFieldMappingOptions | Unset): Optional settings to control how fields are
            processed when using a configured Azure Search resource.
        query_type (AzureSearchQueryType | Unset): The type of Azure Search retrieval query that should be executed when
            using it as an Azure OpenAI chat extension.
        semantic_configuration (str | Unset): The additional semantic configuration for the query.
        filter_ (str | Unset): Search filter.
        embedding_dependency (OnYourDataDeploymentNameVectorizationSource | OnYourDataEndpointVectorizationSource |
            Unset):
    """

    authentication: (
        OnYourDataApiKeyAuthenticationOptions
        | OnYourDataSystemAssignedManagedIdentityAuthenticationOptions
        | OnYourDataUserAssignedManagedIdentityAuthenticationOptions
        | Unset
    ) = UNSET
    top_n_documents: int | Unset = UNSET
    in_scope: bool | Unset = UNSET
    strictness: int | Unset = UNSET
    role_information: str | Unset = UNSET
    endpoint: str | Unset = UNSET
    index_name: str | Unset = UNSET
    fields_mapping: AzureSearchIndexFieldMappingOptions | Unset = UNSET
    query_type: AzureSearchQueryType | Unset = UNSET
    semantic_configuration: str | Unset = UNSET
    filter_: str | Unset = UNSET
    embedding_dependency: (
        OnYourDataDeploymentNameVectorizationSource | OnYourDataEndpointVectorizationSource | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        authentication: dict[str, Any] | Unset
        if isinstance(self.authentication, Unset):
            authentication = UNSET
        elif isinstance(self.authentication, OnYourDataApiKeyAuthenticationOptions) or isinstance(
            self.authentication, OnYourDataSystemAssignedManagedIdentityAuthenticationOptions
        ):
            authentication = self.authentication.to_dict()
        else:
            authentication = self.authentication.to_dict()

        top_n_documents = self.top_n_documents

        in_scope = self.in_scope

        strictness = self.strictness

        role_information = self.role_information

        endpoint = self.endpoint

        index_name = self.index_name

        fields_mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields_mapping, Unset):
            fields_mapping = self.fields_mapping.to_dict()

        query_type: str | Unset = UNSET
        if not isinstance(self.query_type, Unset):
            query_type = AzureSearchQueryType(self.query_type).value

        semantic_configuration = self.semantic_configuration

        filter_ = self.filter_

        embedding_dependency: dict[str, Any] | Unset
        if isinstance(self.embedding_dependency, Unset):
            embedding_dependency = UNSET
        elif isinstance(self.embedding_dependency, OnYourDataEndpointVectorizationSource):
            embedding_dependency = self.embedding_dependency.to_dict()
        else:
            embedding_dependency = self.embedding_dependency.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if authentication is not UNSET:
            field_dict["authentication"] = authentication
        if top_n_documents is not UNSET:
            field_dict["top_n_documents"] = top_n_documents
        if in_scope is not UNSET:
            field_dict["in_scope"] = in_scope
        if strictness is not UNSET:
            field_dict["strictness"] = strictness
        if role_information is not UNSET:
            field_dict["role_information"] = role_information
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if index_name is not UNSET:
            field_dict["index_name"] = index_name
        if fields_mapping is not UNSET:
            field_dict["fields_mapping"] = fields_mapping
        if query_type is not UNSET:
            field_dict["query_type"] = query_type
        if semantic_configuration is not UNSET:
            field_dict["semantic_configuration"] = semantic_configuration
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if embedding_dependency is not UNSET:
            field_dict["embedding_dependency"] = embedding_dependency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)

            def _parse_authentication(
                data: object,
            ) -> (
                OnYourDataApiKeyAuthenticationOptions
                | OnYourDataSystemAssignedManagedIdentityAuthenticationOptions
                | OnYourDataUserAssignedManagedIdentityAuthenticationOptions
                | Unset
            ):
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    authentication_type_0 = OnYourDataApiKeyAuthenticationOptions.from_dict(data)

                    return authentication_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    authentication_type_1 = OnYourDataSystemAssignedManagedIdentityAuthenticationOptions.from_dict(data)

                    return authentication_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                authentication_type_2 = OnYourDataUserAssignedManagedIdentityAuthenticationOptions.from_dict(data)

                return authentication_type_2
                raise TypeError(
                    f"expected OnYourDataApiKeyAuthenticationOptions | OnYourDataSystemAssignedManagedIdentityAuthenticationOptions | OnYourDataUserAssignedManagedIdentityAuthenticationOptions | Unset, got {type(data).__name__}"
                )

            authentication = _parse_authentication(d.pop("authentication", UNSET))

            top_n_documents = d.pop("top_n_documents", UNSET)

            in_scope = d.pop("in_scope", UNSET)

            strictness = d.pop("strictness", UNSET)

            role_information = d.pop("role_information", UNSET)

            endpoint = d.pop("endpoint", UNSET)

            index_name = d.pop("index_name", UNSET)

            _fields_mapping = d.pop("fields_mapping", UNSET)
            fields_mapping: AzureSearchIndexFieldMappingOptions | Unset
            if isinstance(_fields_mapping, Unset):
                fields_mapping = UNSET
            else:
                fields_mapping = AzureSearchIndexFieldMappingOptions.from_dict(_fields_mapping)

            _query_type = d.pop("query_type", UNSET)
            query_type: AzureSearchQueryType | Unset
            if isinstance(_query_type, Unset):
                query_type = UNSET
            else:
                query_type = AzureSearchQueryType._lookup(_query_type)

            semantic_configuration = d.pop("semantic_configuration", UNSET)

            filter_ = d.pop("filter", UNSET)

            def _parse_embedding_dependency(
                data: object,
            ) -> OnYourDataDeploymentNameVectorizationSource | OnYourDataEndpointVectorizationSource | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    embedding_dependency_type_0 = OnYourDataEndpointVectorizationSource.from_dict(data)

                    return embedding_dependency_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                embedding_dependency_type_1 = OnYourDataDeploymentNameVectorizationSource.from_dict(data)

                return embedding_dependency_type_1
                raise TypeError(
                    f"expected OnYourDataDeploymentNameVectorizationSource | OnYourDataEndpointVectorizationSource | Unset, got {type(data).__name__}"
                )

            embedding_dependency = _parse_embedding_dependency(d.pop("embedding_dependency", UNSET))

            azure_search_chat_extension_parameters = cls(
                authentication=authentication,
                top_n_documents=top_n_documents,
                in_scope=in_scope,
                strictness=strictness,
                role_information=role_information,
                endpoint=endpoint,
                index_name=index_name,
                fields_mapping=fields_mapping,
                query_type=query_type,
                semantic_configuration=semantic_configuration,
                filter_=filter_,
                embedding_dependency=embedding_dependency,
            )

            azure_search_chat_extension_parameters.additional_properties = d
            return azure_search_chat_extension_parameters

        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


from ..models.azure_search_index_field_mapping_options import AzureSearchIndexFieldMappingOptions
from ..models.on_your_data_api_key_authentication_options import OnYourDataApiKeyAuthenticationOptions
from ..models.on_your_data_deployment_name_vectorization_source import OnYourDataDeploymentNameVectorizationSource
from ..models.on_your_data_endpoint_vectorization_source import OnYourDataEndpointVectorizationSource
from ..models.on_your_data_system_assigned_managed_identity_authentication_options import (
    OnYourDataSystemAssignedManagedIdentityAuthenticationOptions,
)
from ..models.on_your_data_user_assigned_managed_identity_authentication_options import (
    OnYourDataUserAssignedManagedIdentityAuthenticationOptions,
)
