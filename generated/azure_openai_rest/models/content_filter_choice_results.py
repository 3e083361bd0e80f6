from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContentFilterChoiceResults")


@_attrs_define
class ContentFilterChoiceResults:
    """Information about the content filtering category (hate, sexual, violence, self_harm), if it has been detected, as
    well as the severity level (very_low, low, medium, high-scale that determines the intensity and risk level of
    harmful content) and if it has been filtered or not. Information about third party text and profanity, if it has
    been detected, and if it has been filtered or not. And information about customer block list, if it has been
    filtered and its id.

        Attributes:
            sexual (ContentFilterSeverityResult | None | Unset):
            violence (ContentFilterSeverityResult | None | Unset):
            hate (ContentFilterSeverityResult | None | Unset):
            self_harm (ContentFilterSeverityResult | None | Unset):
            profanity (ContentFilterDetectedResult | None | Unset):
            error (ErrorBase | None | Unset):
            protected_material_text (ContentFilterDetectedResult | None | Unset):
            protected_material_code (ContentFilterDetectedWithCitationResult | None | Unset):
    """

    sexual: ContentFilterSeverityResult | None | Unset = UNSET
    violence: ContentFilterSeverityResult | None | Unset = UNSET
    hate: ContentFilterSeverityResult | None | Unset = UNSET
    self_harm: ContentFilterSeverityResult | None | Unset = UNSET
    profanity: ContentFilterDetectedResult | None | Unset = UNSET
    error: ErrorBase | None | Unset = UNSET
    protected_material_text: ContentFilterDetectedResult | None | Unset = UNSET
    protected_material_code: ContentFilterDetectedWithCitationResult | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sexual: dict[str, Any] | None | Unset
        if isinstance(self.sexual, Unset):
            sexual = UNSET
        elif isinstance(self.sexual, ContentFilterSeverityResult):
            sexual = self.sexual.to_dict()
        else:
            sexual = self.sexual

        violence: dict[str, Any] | None | Unset
        if isinstance(self.violence, Unset):
            violence = UNSET
        elif isinstance(self.violence, ContentFilterSeverityResult):
            violence = self.violence.to_dict()
        else:
            violence = self.violence

        hate: dict[str, Any] | None | Unset
        if isinstance(self.hate, Unset):
            hate = UNSET
        elif isinstance(self.hate, ContentFilterSeverityResult):
            hate = self.hate.to_dict()
        else:
            hate = self.hate

        self_harm: dict[str, Any] | None | Unset
        if isinstance(self.self_harm, Unset):
            self_harm = UNSET
        elif isinstance(self.self_harm, ContentFilterSeverityResult):
            self_harm = self.self_harm.to_dict()
        else:
            self_harm = self.self_harm

        profanity: dict[str, Any] | None | Unset
        if isinstance(self.profanity, Unset):
            profanity = UNSET
        elif isinstance(self.profanity, ContentFilterDetectedResult):
            profanity = self.profanity.to_dict()
        else:
            profanity = self.profanity

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ErrorBase):
            error = self.error.to_dict()
        else:
            error = self.error

        protected_material_text: dict[str, Any] | None | Unset
        if isinstance(self.protected_material_text, Unset):
            protected_material_text = UNSET
        elif isinstance(self.protected_material_text, ContentFilterDetectedResult):
            protected_material_text = self.protected_material_text.to_dict()
        else:
            protected_material_text = self.protected_material_text

        protected_material_code: dict[str, Any] | None | Unset
        if isinstance(self.protected_material_code, Unset):
            protected_material_code = UNSET
        elif isinstance(self.protected_material_code, ContentFilterDetectedWithCitationResult):
            protected_material_code = self.protected_material_code.to_dict()
        else:
            protected_material_code = self.protected_material_code

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
        if protected_material_text is not UNSET:
            field_dict["protected_material_text"] = protected_material_text
        if protected_material_code is not UNSET:
            field_dict["protected_material_code"] = protected_material_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            sexual: ContentFilterSeverityResult | None | Unset
            _sexual = d.pop("sexual", UNSET)
            if _sexual is None or isinstance(_sexual, Unset):
                sexual = _sexual
            else:
                if not isinstance(_sexual, dict):
                    raise TypeError(
                        f"expected ContentFilterSeverityResult | None | Unset, got {type(_sexual).__name__}"
                    )
                try:
                    sexual_type_0 = ContentFilterSeverityResult.from_dict(_sexual)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterSeverityResult | None | Unset, got {type(_sexual).__name__}"
                    ) from None
                sexual = sexual_type_0

            violence: ContentFilterSeverityResult | None | Unset
            _violence = d.pop("violence", UNSET)
            if _violence is None or isinstance(_violence, Unset):
                violence = _violence
            else:
                if not isinstance(_violence, dict):
                    raise TypeError(
                        f"expected ContentFilterSeverityResult | None | Unset, got {type(_violence).__name__}"
                    )
                try:
                    violence_type_0 = ContentFilterSeverityResult.from_dict(_violence)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterSeverityResult | None | Unset, got {type(_violence).__name__}"
                    ) from None
                violence = violence_type_0

            hate: ContentFilterSeverityResult | None | Unset
            _hate = d.pop("hate", UNSET)
            if _hate is None or isinstance(_hate, Unset):
                hate = _hate
            else:
                if not isinstance(_hate, dict):
                    raise TypeError(f"expected ContentFilterSeverityResult | None | Unset, got {type(_hate).__name__}")
                try:
                    hate_type_0 = ContentFilterSeverityResult.from_dict(_hate)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterSeverityResult | None | Unset, got {type(_hate).__name__}"
                    ) from None
                hate = hate_type_0

            self_harm: ContentFilterSeverityResult | None | Unset
            _self_harm = d.pop("self_harm", UNSET)
            if _self_harm is None or isinstance(_self_harm, Unset):
                self_harm = _self_harm
            else:
                if not isinstance(_self_harm, dict):
                    raise TypeError(
                        f"expected ContentFilterSeverityResult | None | Unset, got {type(_self_harm).__name__}"
                    )
                try:
                    self_harm_type_0 = ContentFilterSeverityResult.from_dict(_self_harm)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterSeverityResult | None | Unset, got {type(_self_harm).__name__}"
                    ) from None
                self_harm = self_harm_type_0

            profanity: ContentFilterDetectedResult | None | Unset
            _profanity = d.pop("profanity", UNSET)
            if _profanity is None or isinstance(_profanity, Unset):
                profanity = _profanity
            else:
                if not isinstance(_profanity, dict):
                    raise TypeError(
                        f"expected ContentFilterDetectedResult | None | Unset, got {type(_profanity).__name__}"
                    )
                try:
                    profanity_type_0 = ContentFilterDetectedResult.from_dict(_profanity)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterDetectedResult | None | Unset, got {type(_profanity).__name__}"
                    ) from None
                profanity = profanity_type_0

            error: ErrorBase | None | Unset
            _error = d.pop("error", UNSET)
            if _error is None or isinstance(_error, Unset):
                error = _error
            else:
                if not isinstance(_error, dict):
                    raise TypeError(f"expected ErrorBase | None | Unset, got {type(_error).__name__}")
                try:
                    error_type_0 = ErrorBase.from_dict(_error)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected ErrorBase | None | Unset, got {type(_error).__name__}") from None
                error = error_type_0

            protected_material_text: ContentFilterDetectedResult | None | Unset
            _protected_material_text = d.pop("protected_material_text", UNSET)
            if _protected_material_text is None or isinstance(_protected_material_text, Unset):
                protected_material_text = _protected_material_text
            else:
                if not isinstance(_protected_material_text, dict):
                    raise TypeError(
                        f"expected ContentFilterDetectedResult | None | Unset, got {type(_protected_material_text).__name__}"
                    )
                try:
                    protected_material_text_type_0 = ContentFilterDetectedResult.from_dict(_protected_material_text)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterDetectedResult | None | Unset, got {type(_protected_material_text).__name__}"
                    ) from None
                protected_material_text = protected_material_text_type_0

            protected_material_code: ContentFilterDetectedWithCitationResult | None | Unset
            _protected_material_code = d.pop("protected_material_code", UNSET)
            if _protected_material_code is None or isinstance(_protected_material_code, Unset):
                protected_material_code = _protected_material_code
            else:
                if not isinstance(_protected_material_code, dict):
                    raise TypeError(
                        f"expected ContentFilterDetectedWithCitationResult | None | Unset, got {type(_protected_material_code).__name__}"
                    )
                try:
                    protected_material_code_type_0 = ContentFilterDetectedWithCitationResult.from_dict(
                        _protected_material_code
                    )
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ContentFilterDetectedWithCitationResult | None | Unset, got {type(_protected_material_code).__name__}"
                    ) from None
                protected_material_code = protected_material_code_type_0

            content_filter_choice_results = cls(
                sexual=sexual,
                violence=violence,
                hate=hate,
                self_harm=self_harm,
                profanity=profanity,
                error=error,
                protected_material_text=protected_material_text,
                protected_material_code=protected_material_code,
            )

            content_filter_choice_results.additional_properties = d
            return content_filter_choice_results

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
from ..models.content_filter_detected_with_citation_result import ContentFilterDetectedWithCitationResult
from ..models.content_filter_severity_result import ContentFilterSeverityResult
from ..models.error_base import ErrorBase
