from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="OnYourDataConnectionStringAuthenticationOptions")


@_attrs_define
class OnYourDataConnectionStringAuthenticationOptions:
    """The authentication options for Azure OpenAI On Your Data when using a connection string.

    Attributes:
        type_ (Literal['connection_string']): Always `connection_string`. Default: 'connection_string'.
        connection_string (str | Unset): The connection string to use for authentication.
    """

    type_: Literal["connection_string"] = "connection_string"
    connection_string: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        connection_string = self.connection_string

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if connection_string is not UNSET:
            field_dict["connection_string"] = connection_string

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["connection_string"], d.pop("type"))
            if type_ != "connection_string":
                raise ValueError(f"type must match const 'connection_string', got '{type_}'")

            connection_string = d.pop("connection_string", UNSET)

            on_your_data_connection_string_authentication_options = cls(
                type_=type_,
                connection_string=connection_string,
            )

            on_your_data_connection_string_authentication_options.additional_properties = d
            return on_your_data_connection_string_authentication_options

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
