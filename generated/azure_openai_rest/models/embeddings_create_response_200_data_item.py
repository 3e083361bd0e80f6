from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmbeddingsCreateResponse200DataItem")


@_attrs_define
class EmbeddingsCreateResponse200DataItem:
    """
    Attributes:
        index (int | None | Unset):
        object_ (None | str | Unset):
        embedding (list[float] | None | str | Unset):
    """

    index: int | None | Unset = UNSET
    object_: None | str | Unset = UNSET
    embedding: list[float] | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index: int | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        else:
            index = self.index

        object_: None | str | Unset
        if isinstance(self.object_, Unset):
            object_ = UNSET
        else:
            object_ = self.object_

        embedding: list[float] | None | str | Unset
        if isinstance(self.embedding, Unset):
            embedding = UNSET
        elif isinstance(self.embedding, list):
            embedding = self.embedding

        else:
            embedding = self.embedding

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if index is not UNSET:
            field_dict["index"] = index
        if object_ is not UNSET:
            field_dict["object"] = object_
        if embedding is not UNSET:
            field_dict["embedding"] = embedding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            index: int | None | Unset = d.pop("index", UNSET)

            object_: None | str | Unset = d.pop("object", UNSET)

            def _parse_embedding(data: object) -> list[float] | None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    embedding_type_0 = cast(list[float], data)

                    return embedding_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(list[float] | None | str | Unset, data)

            embedding = _parse_embedding(d.pop("embedding", UNSET))

            embeddings_create_response_200_data_item = cls(
                index=index,
                object_=object_,
                embedding=embedding,
            )

            embeddings_create_response_200_data_item.additional_properties = d
            return embeddings_create_response_200_data_item

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
