from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="OnYourDataEndpointVectorizationSource")


@_attrs_define
class OnYourDataEndpointVectorizationSource:
    """The details of a a vectorization source, used by Azure OpenAI On Your Data when applying vector search, that is
    based
    on a public Azure OpenAI endpoint call for embeddings.

        Attributes:
            type_ (Literal['endpoint']): Always `endpoint`. Default: 'endpoint'.
            authentication (OnYourDataApiKeyAuthenticationOptions | Unset): The authentication options for Azure OpenAI On
                Your Data when using an API key.
            endpoint (str | Unset): Specifies the endpoint to use for vectorization. This endpoint must be in the same Azure
                OpenAI resource, but On Your Data will use this endpoint via an internal call rather than a public one, which
                enables vector search even in private networks.
    """

    type_: Literal["endpoint"] = "endpoint"
    authentication: OnYourDataApiKeyAuthenticationOptions | Unset = UNSET
    endpoint: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        authentication: dict[str, Any] | Unset = UNSET
        if not isinstance(self.authentication, Unset):
            authentication = self.authentication.to_dict()

        endpoint = self.endpoint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if authentication is not UNSET:
            field_dict["authentication"] = authentication
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["endpoint"], d.pop("type"))
            if type_ != "endpoint":
                raise ValueError(f"type must match const 'endpoint', got '{type_}'")

            _authentication = d.pop("authentication", UNSET)
            authentication: OnYourDataApiKeyAuthenticationOptions | Unset
            if isinstance(_authentication, Unset):
                authentication = UNSET
            else:
                authentication = OnYourDataApiKeyAuthenticationOptions.from_dict(_authentication)

            endpoint = d.pop("endpoint", UNSET)

            on_your_data_endpoint_vectorization_source = cls(
                type_=type_,
                authentication=authentication,
                endpoint=endpoint,
            )

            on_your_data_endpoint_vectorization_source.additional_properties = d
            return on_your_data_endpoint_vectorization_source

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


from ..models.on_your_data_api_key_authentication_options import OnYourDataApiKeyAuthenticationOptions
