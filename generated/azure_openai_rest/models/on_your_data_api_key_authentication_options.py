from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="OnYourDataApiKeyAuthenticationOptions")


@_attrs_define
class OnYourDataApiKeyAuthenticationOptions:
    """The authentication options for Azure OpenAI On Your Data when using an API key.

    Attributes:
        type_ (Literal['api_key']): Always `api_key`. Default: 'api_key'.
        key (str | Unset): The API key to use for authentication.
    """

    type_: Literal["api_key"] = "api_key"
    key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["api_key"], d.pop("type"))
            if type_ != "api_key":
                raise ValueError(f"type must match const 'api_key', got '{type_}'")

            key = d.pop("key", UNSET)

            on_your_data_api_key_authentication_options = cls(
                type_=type_,
                key=key,
            )

            on_your_data_api_key_authentication_options.additional_properties = d
            return on_your_data_api_key_authentication_options

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
