from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.content_filter_detected_with_citation_result_citation import (
        ContentFilterDetectedWithCitationResultCitation,
    )


T = TypeVar("T", bound="ContentFilterDetectedWithCitationResult")


@_attrs_define
class ContentFilterDetectedWithCitationResult:
    """
    Attributes:
        filtered (bool | None | Unset):
        detected (bool | None | Unset):
        citation (ContentFilterDetectedWithCitationResultCitation | None | Unset):
    """

    filtered: bool | None | Unset = UNSET
    detected: bool | None | Unset = UNSET
    citation: ContentFilterDetectedWithCitationResultCitation | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.content_filter_detected_with_citation_result_citation import (
            ContentFilterDetectedWithCitationResultCitation,
        )

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

        citation: dict[str, Any] | None | Unset
        if isinstance(self.citation, Unset):
            citation = UNSET
        elif isinstance(self.citation, ContentFilterDetectedWithCitationResultCitation):
            citation = self.citation.to_dict()
        else:
            citation = self.citation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filtered is not UNSET:
            field_dict["filtered"] = filtered
        if detected is not UNSET:
            field_dict["detected"] = detected
        if citation is not UNSET:
            field_dict["citation"] = citation

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
        from ..models.content_filter_detected_with_citation_result_citation import (
            ContentFilterDetectedWithCitationResultCitation,
        )

        d = dict(src_dict)

        def _parse_filtered(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        filtered = _parse_filtered(d.pop("filtered", UNSET))

        def _parse_detected(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        detected = _parse_detected(d.pop("detected", UNSET))

        def _parse_citation(data: object) -> ContentFilterDetectedWithCitationResultCitation | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                citation_type_0 = ContentFilterDetectedWithCitationResultCitation.from_dict(data)

                return citation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(
                f"expected ContentFilterDetectedWithCitationResultCitation | None | Unset, got {type(data).__name__}"
            )

        citation = _parse_citation(d.pop("citation", UNSET))

        content_filter_detected_with_citation_result = cls(
            filtered=filtered,
            detected=detected,
            citation=citation,
        )

        content_filter_detected_with_citation_result.additional_properties = d
        return content_filter_detected_with_citation_result

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
