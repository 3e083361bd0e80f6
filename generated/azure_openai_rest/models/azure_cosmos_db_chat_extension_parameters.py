from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="AzureCosmosDBChatExtensionParameters")


@_attrs_define
class AzureCosmosDBChatExtensionParameters:
    """Parameters to use when configuring Azure OpenAI On Your Data chat extensions when using Azure Cosmos DB for
    MongoDB vCore.

        Attributes:
            authentication (OnYourDataConnectionStringAuthenticationOptions | Unset): The authentication options for Azure
                OpenAI On Your Data when using a connection string.
            top_n_documents (int | Unset): The configured top number of documents to feature for the configured query.
            in_scope (bool | Unset): Whether queries should be restricted to use of indexed data.
            strictness (int | Unset): The configured strictness of the search relevance filtering. The higher of strictness,
                the higher of the precision but lower recall of the answer.
            role_information (str | Unset): Give the model instructions about how it should behave and any context it should
                reference when generating a response. You can describe the assistant's personality and tell it how to format
                responses. There's a 100 token limit for it, and it counts against the overall token limit.
            database_name (str | Unset): The MongoDB vCore database name to use with Azure Cosmos DB.
            container_name (str | Unset): The name of the Azure Cosmos DB resource container.
            index_name (str | Unset): The MongoDB vCore index name to use with Azure Cosmos DB.
            fields_mapping (AzureCosmosDBFieldMappingOptions | Unset): Optional settings to control how fields are processed
                when using a configured Azure Cosmos DB resource.
            embedding_dependency (OnYourDataDeploymentNameVectorizationSource | OnYourDataEndpointVectorizationSource |
                Unset):
    """

    authentication: OnYourDataConnectionStringAuthenticationOptions | Unset = UNSET
    top_n_documents: int | Unset = UNSET
    in_scope: bool | Unset = UNSET
    strictness: int | Unset = UNSET
    role_information: str | Unset = UNSET
    database_name: str | Unset = UNSET
    container_name: str | Unset = UNSET
    index_name: str | Unset = UNSET
    fields_mapping: AzureCosmosDBFieldMappingOptions | Unset = UNSET
    embedding_dependency: (
        OnYourDataDeploymentNameVectorizationSource | OnYourDataEndpointVectorizationSource | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        authentication: dict[str, Any] | Unset = UNSET
        if not isinstance(self.authentication, Unset):
            authentication = self.authentication.to_dict()

        top_n_documents = self.top_n_documents

        in_scope = self.in_scope

        strictness = self.strictness

        role_information = self.role_information

        database_name = self.database_name

        container_name = self.container_name

        index_name = self.index_name

        fields_mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields_mapping, Unset):
            fields_mapping = self.fields_mapping.to_dict()

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
        if database_name is not UNSET:
            field_dict["database_name"] = database_name
        if container_name is not UNSET:
            field_dict["container_name"] = container_name
        if index_name is not UNSET:
            field_dict["index_name"] = index_name
        if fields_mapping is not UNSET:
            field_dict["fields_mapping"] = fields_mapping
        if embedding_dependency is not UNSET:
            field_dict["embedding_dependency"] = embedding_dependency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            _authentication = d.pop("authentication", UNSET)
            authentication: OnYourDataConnectionStringAuthenticationOptions | Unset
            if isinstance(_authentication, Unset):
                authentication = UNSET
            else:
                authentication = OnYourDataConnectionStringAuthenticationOptions.from_dict(_authentication)

            top_n_documents = d.pop("top_n_documents", UNSET)

            in_scope = d.pop("in_scope", UNSET)

            strictness = d.pop("strictness", UNSET)

            role_information = d.pop("role_information", UNSET)

            database_name = d.pop("database_name", UNSET)

            container_name = d.pop("container_name", UNSET)

            index_name = d.pop("index_name", UNSET)

            _fields_mapping = d.pop("fields_mapping", UNSET)
            fields_mapping: AzureCosmosDBFieldMappingOptions | Unset
            if isinstance(_fields_mapping, Unset):
                fields_mapping = UNSET
            else:
                fields_mapping = AzureCosmosDBFieldMappingOptions.from_dict(_fields_mapping)

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

            azure_cosmos_db_chat_extension_parameters = cls(
                authentication=authentication,
                top_n_documents=top_n_documents,
                in_scope=in_scope,
                strictness=strictness,
                role_information=role_information,
                database_name=database_name,
                container_name=container_name,
                index_name=index_name,
                fields_mapping=fields_mapping,
                embedding_dependency=embedding_dependency,
            )

            azure_cosmos_db_chat_extension_parameters.additional_properties = d
            return azure_cosmos_db_chat_extension_parameters

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


from ..models.azure_cosmos_db_field_mapping_options import AzureCosmosDBFieldMappingOptions
from ..models.on_your_data_connection_string_authentication_options import (
    OnYourDataConnectionStringAuthenticationOptions,
)
from ..models.on_your_data_deployment_name_vectorization_source import OnYourDataDeploymentNameVectorizationSource
from ..models.on_your_data_endpoint_vectorization_source import OnYourDataEndpointVectorizationSource
