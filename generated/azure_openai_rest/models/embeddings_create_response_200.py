from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.embeddings_create_response_200_data_item import EmbeddingsCreateResponse200DataItem
    from ..models.embeddings_create_response_200_usage import EmbeddingsCreateResponse200Usage


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
        from ..models.embeddings_create_response_200_usage import EmbeddingsCreateResponse200Usage

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
            return cls._from_dict(src_dict)  # type: ignore[attr-defined, no-any-return]
        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @classmethod
    def _from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.embeddings_create_response_200_data_item import EmbeddingsCreateResponse200DataItem
        from ..models.embeddings_create_response_200_usage import EmbeddingsCreateResponse200Usage

        d = dict(src_dict)

        def _parse_object_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        object_ = _parse_object_(d.pop("object", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_data(data: object) -> list[EmbeddingsCreateResponse200DataItem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                data_type_0 = []
                _data_type_0 = data
                for data_type_0_item_data in _data_type_0:
                    data_type_0_item = EmbeddingsCreateResponse200DataItem.from_dict(data_type_0_item_data)

                    data_type_0.append(data_type_0_item)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(
                f"expected list[EmbeddingsCreateResponse200DataItem] | None | Unset, got {type(data).__name__}"
            )

        data = _parse_data(d.pop("data", UNSET))

        def _parse_usage(data: object) -> EmbeddingsCreateResponse200Usage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = EmbeddingsCreateResponse200Usage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected EmbeddingsCreateResponse200Usage | None | Unset, got {type(data).__name__}")

        usage = _parse_usage(d.pop("usage", UNSET))

        embeddings_create_response_200 = cls(
            object_=object_,
            model=model,
            data=data,
            usage=usage,
        )

        embeddings_create_response_200.additional_properties = d
        return embeddings_create_response_200

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
