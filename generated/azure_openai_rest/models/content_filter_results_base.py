from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContentFilterResultsBase")


@_attrs_define
class ContentFilterResultsBase:
    """Information about the content filtering results.

    Attributes:
        sexual (ContentFilterSeverityResult | Unset):
        violence (ContentFilterSeverityResult | Unset):
        hate (ContentFilterSeverityResult | Unset):
        self_harm (ContentFilterSeverityResult | Unset):
        profanity (ContentFilterDetectedResult | Unset):
        error (ErrorBase | Unset):
    """

    sexual: ContentFilterSeverityResult | Unset = UNSET
    violence: ContentFilterSeverityResult | Unset = UNSET
    hate: ContentFilterSeverityResult | Unset = UNSET
    self_harm: ContentFilterSeverityResult | Unset = UNSET
    profanity: ContentFilterDetectedResult | Unset = UNSET
    error: ErrorBase | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sexual: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sexual, Unset):
            sexual = self.sexual.to_dict()

        violence: dict[str, Any] | Unset = UNSET
        if not isinstance(self.violence, Unset):
            violence = self.violence.to_dict()

        hate: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hate, Unset):
            hate = self.hate.to_dict()

        self_harm: dict[str, Any] | Unset = UNSET
        if not isinstance(self.self_harm, Unset):
            self_harm = self.self_harm.to_dict()

        profanity: dict[str, Any] | Unset = UNSET
        if not isinstance(self.profanity, Unset):
            profanity = self.profanity.to_dict()

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sexual is not UNSET:
            field_dict["sexual"] = sexual
        if violence is not UNSET:
            field_dict["violence"] = violence
        if hate is not UNSET:
            field_dict["hate"] = hate
        if self_harm is not UNSET:
            field_dict["self_harm"] = self_harm
        if profanity is not UNSET:
            field_dict["profanity"] = profanity
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            _sexual = d.pop("sexual", UNSET)
            sexual: ContentFilterSeverityResult | Unset
            if isinstance(_sexual, Unset):
                sexual = UNSET
            else:
                sexual = ContentFilterSeverityResult.from_dict(_sexual)

            _violence = d.pop("violence", UNSET)
            violence: ContentFilterSeverityResult | Unset
            if isinstance(_violence, Unset):
                violence = UNSET
            else:
                violence = ContentFilterSeverityResult.from_dict(_violence)

            _hate = d.pop("hate", UNSET)
            hate: ContentFilterSeverityResult | Unset
            if isinstance(_hate, Unset):
                hate = UNSET
            else:
                hate = ContentFilterSeverityResult.from_dict(_hate)

            _self_harm = d.pop("self_harm", UNSET)
            self_harm: ContentFilterSeverityResult | Unset
            if isinstance(_self_harm, Unset):
                self_harm = UNSET
            else:
                self_harm = ContentFilterSeverityResult.from_dict(_self_harm)

            _profanity = d.pop("profanity", UNSET)
            profanity: ContentFilterDetectedResult | Unset
            if isinstance(_profanity, Unset):
                profanity = UNSET
            else:
                profanity = ContentFilterDetectedResult.from_dict(_profanity)

            _error = d.pop("error", UNSET)
            error: ErrorBase | Unset
            if isinstance(_error, Unset):
                error = UNSET
            else:
                error = ErrorBase.from_dict(_error)

            content_filter_results_base = cls(
                sexual=sexual,
                violence=violence,
                hate=hate,
                self_harm=self_harm,
                profanity=profanity,
                error=error,
            )

            content_filter_results_base.additional_properties = d
            return content_filter_results_base

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


from ..models.content_filter_detected_result import ContentFilterDetectedResult
from ..models.content_filter_severity_result import ContentFilterSeverityResult
from ..models.error_base import ErrorBase
