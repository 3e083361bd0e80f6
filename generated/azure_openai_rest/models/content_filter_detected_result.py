from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContentFilterDetectedResult")


@_attrs_define
class ContentFilterDetectedResult:
    """
    Attributes:
        filtered (bool | None | Unset):
        detected (bool | None | Unset):
    """

    filtered: bool | None | Unset = UNSET
    detected: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filtered: bool | None | Unset
        if isinstance(self.filtered, Unset):
            filtered = UNSET
        else:
            filtered = self.filtered

        detected: bool | None | Unset
        if isinstance(self.detected, Unset):
            detected = UNSET
        else:
            detected = self.detected

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filtered is not UNSET:
            field_dict["filtered"] = filtered
        if detected is not UNSET:
            field_dict["detected"] = detected

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            filtered: bool | None | Unset = d.pop("filtered", UNSET)

            detected: bool | None | Unset = d.pop("detected", UNSET)

            content_filter_detected_result = cls(
                filtered=filtered,
                detected=detected,
            )

            content_filter_detected_result.additional_properties = d
            return content_filter_detected_result

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
