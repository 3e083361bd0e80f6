from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

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
            d = dict(src_dict)
            filtered: bool | None | Unset = d.pop("filtered", UNSET)

            severity: ContentFilterSeverityResultSeverity | None | Unset
            _severity = d.pop("severity", UNSET)
            if _severity is None or isinstance(_severity, Unset):
                severity = _severity
            else:
                if not isinstance(_severity, str):
                    raise TypeError(
                        f"expected ContentFilterSeverityResultSeverity | None | Unset, got {type(_severity).__name__}"
                    )
                try:
                    severity_type_0 = ContentFilterSeverityResultSeverity._lookup(_severity)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterSeverityResultSeverity | None | Unset, got {type(_severity).__name__}"
                    ) from None
                severity = severity_type_0

            content_filter_severity_result = cls(
                filtered=filtered,
                severity=severity,
            )

            content_filter_severity_result.additional_properties = d
            return content_filter_severity_result

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
