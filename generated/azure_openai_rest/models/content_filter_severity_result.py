from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.content_filter_severity_result_severity import ContentFilterSeverityResultSeverity
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContentFilterSeverityResult")


@_attrs_define
class ContentFilterSeverityResult:
    """
    Attributes:
        filtered (bool | None | Unset):
        severity (ContentFilterSeverityResultSeverity | None | Unset):
    """

    filtered: bool | None | Unset = UNSET
    severity: ContentFilterSeverityResultSeverity | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filtered: bool | None | Unset
        if isinstance(self.filtered, Unset):
            filtered = UNSET
        else:
            filtered = self.filtered

        severity: None | str | Unset
        if isinstance(self.severity, Unset):
            severity = UNSET
        elif isinstance(self.severity, ContentFilterSeverityResultSeverity):
            severity = ContentFilterSeverityResultSeverity(self.severity).value
        else:
            severity = self.severity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filtered is not UNSET:
            field_dict["filtered"] = filtered
        if severity is not UNSET:
            field_dict["severity"] = severity

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
        d = dict(src_dict)

        def _parse_filtered(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        filtered = _parse_filtered(d.pop("filtered", UNSET))

        def _parse_severity(data: object) -> ContentFilterSeverityResultSeverity | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                severity_type_0 = ContentFilterSeverityResultSeverity(data)

                return severity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ContentFilterSeverityResultSeverity | None | Unset, got {type(data).__name__}")

        severity = _parse_severity(d.pop("severity", UNSET))

        content_filter_severity_result = cls(
            filtered=filtered,
            severity=severity,
        )

        content_filter_severity_result.additional_properties = d
        return content_filter_severity_result

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
