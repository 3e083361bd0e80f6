from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="AzureSearchChatExtensionConfiguration")


@_attrs_define
class AzureSearchChatExtensionConfiguration:
    """A specific representation of configurable options for Azure Search when using it as an Azure OpenAI chat
    extension.

        Attributes:
            type_ (Literal['azure_search']): Always `azure_search`. Default: 'azure_search'.
            parameters (AzureSearchChatExtensionParameters | Unset): Parameters for Azure Search when used as an Azure
                OpenAI chat extension.
    """

    type_: Literal["azure_search"] = "azure_search"
    parameters: AzureSearchChatExtensionParameters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["azure_search"], d.pop("type"))
            if type_ != "azure_search":
                raise ValueError(f"type must match const 'azure_search', got '{type_}'")

            _parameters = d.pop("parameters", UNSET)
            parameters: AzureSearchChatExtensionParameters | Unset
            if isinstance(_parameters, Unset):
                parameters = UNSET
            else:
                parameters = AzureSearchChatExtensionParameters.from_dict(_parameters)

            azure_search_chat_extension_configuration = cls(
                type_=type_,
                parameters=parameters,
            )

            azure_search_chat_extension_configuration.additional_properties = d
            return azure_search_chat_extension_configuration

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


from ..models.azure_search_chat_extension_parameters import AzureSearchChatExtensionParameters
