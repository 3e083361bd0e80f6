from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError

T = TypeVar("T", bound="OnYourDataSystemAssignedManagedIdentityAuthenticationOptions")


@_attrs_define
class OnYourDataSystemAssignedManagedIdentityAuthenticationOptions:
    """The authentication options for Azure OpenAI On Your Data when using a system-assigned managed identity.

    Attributes:
        type_ (Literal['system_assigned_managed_identity']): Always `system_assigned_managed_identity`. Default:
            'system_assigned_managed_identity'.
    """

    type_: Literal["system_assigned_managed_identity"] = "system_assigned_managed_identity"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["system_assigned_managed_identity"], d.pop("type"))
            if type_ != "system_assigned_managed_identity":
                raise ValueError(f"type must match const 'system_assigned_managed_identity', got '{type_}'")

            on_your_data_system_assigned_managed_identity_authentication_options = cls(
                type_=type_,
            )

            on_your_data_system_assigned_managed_identity_authentication_options.additional_properties = d
            return on_your_data_system_assigned_managed_identity_authentication_options

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
