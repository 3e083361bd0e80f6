from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerateImagesResponse")


@_attrs_define
class GenerateImagesResponse:
    """
    Attributes:
        created (int | None | Unset): The unix timestamp when the operation was created. Example: 1676540381.
        data (list[ImageResult] | None | Unset): The result data of the operation, if successful
    """

    created: int | None | Unset = UNSET
    data: list[ImageResult] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created: int | None | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        else:
            created = self.created

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created is not UNSET:
            field_dict["created"] = created
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            created: int | None | Unset = d.pop("created", UNSET)

            data: list[ImageResult] | None | Unset
            _data = d.pop("data", UNSET)
            if _data is None or isinstance(_data, Unset):
                data = _data
            else:
                if not isinstance(_data, list):
                    raise TypeError(f"expected list[ImageResult] | None | Unset, got {type(_data).__name__}")
                try:
                    data_type_0 = []
                    _data_type_0 = _data
                    for data_type_0_item_data in _data_type_0:
                        data_type_0_item = ImageResult.from_dict(data_type_0_item_data)

                        data_type_0.append(data_type_0_item)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected list[ImageResult] | None | Unset, got {type(_data).__name__}") from None
                data = data_type_0

            generate_images_response = cls(
                created=created,
                data=data,
            )

            generate_images_response.additional_properties = d
            return generate_images_response

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


from ..models.image_result import ImageResult
