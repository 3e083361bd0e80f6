from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="OnYourDataUserAssignedManagedIdentityAuthenticationOptions")


@_attrs_define
class OnYourDataUserAssignedManagedIdentityAuthenticationOptions:
    """The authentication options for Azure OpenAI On Your Data when using a user-assigned managed identity.

    Attributes:
        type_ (Literal['user_assigned_managed_identity']): Always `user_assigned_managed_identity`. Default:
            'user_assigned_managed_identity'.
        managed_identity_resource_id (str | Unset): The resource ID of the user-assigned managed identity to use for
            authentication.
    """

    type_: Literal["user_assigned_managed_identity"] = "user_assigned_managed_identity"
    managed_identity_resource_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        managed_identity_resource_id = self.managed_identity_resource_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if managed_identity_resource_id is not UNSET:
            field_dict["managed_identity_resource_id"] = managed_identity_resource_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["user_assigned_managed_identity"], d.pop("type"))
            if type_ != "user_assigned_managed_identity":
                raise ValueError(f"type must match const 'user_assigned_managed_identity', got '{type_}'")

            managed_identity_resource_id = d.pop("managed_identity_resource_id", UNSET)

            on_your_data_user_assigned_managed_identity_authentication_options = cls(
                type_=type_,
                managed_identity_resource_id=managed_identity_resource_id,
            )

            on_your_data_user_assigned_managed_identity_authentication_options.additional_properties = d
            return on_your_data_user_assigned_managed_identity_authentication_options

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
