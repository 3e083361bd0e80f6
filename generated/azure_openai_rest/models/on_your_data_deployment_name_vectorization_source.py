from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="OnYourDataDeploymentNameVectorizationSource")


@_attrs_define
class OnYourDataDeploymentNameVectorizationSource:
    """The details of a a vectorization source, used by Azure OpenAI On Your Data when applying vector search, that is
    based
    on an internal embeddings model deployment name in the same Azure OpenAI resource.

        Attributes:
            type_ (Literal['deployment_name']): Always `deployment_name`. Default: 'deployment_name'.
            deployment_name (str | Unset): Specifies the name of the model deployment to use for vectorization. This model
                deployment must be in the same Azure OpenAI resource, but On Your Data will use this model deployment via an
                internal call rather than a public one, which enables vector search even in private networks.
    """

    type_: Literal["deployment_name"] = "deployment_name"
    deployment_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        deployment_name = self.deployment_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if deployment_name is not UNSET:
            field_dict["deployment_name"] = deployment_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["deployment_name"], d.pop("type"))
            if type_ != "deployment_name":
                raise ValueError(f"type must match const 'deployment_name', got '{type_}'")

            deployment_name = d.pop("deployment_name", UNSET)

            on_your_data_deployment_name_vectorization_source = cls(
                type_=type_,
                deployment_name=deployment_name,
            )

            on_your_data_deployment_name_vectorization_source.additional_properties = d
            return on_your_data_deployment_name_vectorization_source

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
