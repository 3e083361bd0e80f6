from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmbeddingsCreateResponse200")


@_attrs_define
class EmbeddingsCreateResponse200:
    """
    Attributes:
        object_ (None | str | Unset):
        model (None | str | Unset):
        data (list[EmbeddingsCreateResponse200DataItem] | None | Unset):
        usage (EmbeddingsCreateResponse200Usage | None | Unset):
    """

    object_: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    data: list[EmbeddingsCreateResponse200DataItem] | None | Unset = UNSET
    usage: EmbeddingsCreateResponse200Usage | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_: None | str | Unset
        if isinstance(self.object_, Unset):
            object_ = UNSET
        else:
            object_ = self.object_

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        data: list[dict[str, Any]] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, list):
            data = []
            for data_type_0_item_data in self.data:
                data_type_0_item = data_type_0_item_data.to_dict()
                data.append(data_type_0_item)

        else:
            data = self.data

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, EmbeddingsCreateResponse200Usage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_ is not UNSET:
            field_dict["object"] = object_
        if model is not UNSET:
            field_dict["model"] = model
        if data is not UNSET:
            field_dict["data"] = data
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            object_: None | str | Unset = d.pop("object", UNSET)

            model: None | str | Unset = d.pop("model", UNSET)

            data: list[EmbeddingsCreateResponse200DataItem] | None | Unset
            _data = d.pop("data", UNSET)
            if _data is None or isinstance(_data, Unset):
                data = _data
            else:
                if not isinstance(_data, list):
                    raise TypeError(
                        f"expected list[EmbeddingsCreateResponse200DataItem] | None | Unset, got {type(_data).__name__}"
                    )
                try:
                    data_type_0 = []
                    _data_type_0 = _data
                    for data_type_0_item_data in _data_type_0:
                        data_type_0_item = EmbeddingsCreateResponse200DataItem.from_dict(data_type_0_item_data)

                        data_type_0.append(data_type_0_item)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected list[EmbeddingsCreateResponse200DataItem] | None | Unset, got {type(_data).__name__}"
                    ) from None
                data = data_type_0

            usage: EmbeddingsCreateResponse200Usage | None | Unset
            _usage = d.pop("usage", UNSET)
            if _usage is None or isinstance(_usage, Unset):
                usage = _usage
            else:
                if not isinstance(_usage, dict):
                    raise TypeError(
                        f"expected EmbeddingsCreateResponse200Usage | None | Unset, got {type(_usage).__name__}"
                    )
                try:
                    usage_type_0 = EmbeddingsCreateResponse200Usage.from_dict(_usage)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected EmbeddingsCreateResponse200Usage | None | Unset, got {type(_usage).__name__}"
                    ) from None
                usage = usage_type_0

            embeddings_create_response_200 = cls(
                object_=object_,
                model=model,
                data=data,
                usage=usage,
            )

            embeddings_create_response_200.additional_properties = d
            return embeddings_create_response_200

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


from ..models.embeddings_create_response_200_data_item import EmbeddingsCreateResponse200DataItem
from ..models.embeddings_create_response_200_usage import EmbeddingsCreateResponse200Usage
