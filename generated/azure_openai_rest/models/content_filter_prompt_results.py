from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.content_filter_detected_result import ContentFilterDetectedResult
    from ..models.content_filter_severity_result import ContentFilterSeverityResult
    from ..models.error_base import ErrorBase


T = TypeVar("T", bound="ContentFilterPromptResults")


@_attrs_define
class ContentFilterPromptResults:
    """Information about the content filtering category (hate, sexual, violence, self_harm), if it has been detected, as
    well as the severity level (very_low, low, medium, high-scale that determines the intensity and risk level of
    harmful content) and if it has been filtered or not. Information about jailbreak content and profanity, if it has
    been detected, and if it has been filtered or not. And information about customer block list, if it has been
    filtered and its id.

        Attributes:
            sexual (ContentFilterSeverityResult | None | Unset):
            violence (ContentFilterSeverityResult | None | Unset):
            hate (ContentFilterSeverityResult | None | Unset):
            self_harm (ContentFilterSeverityResult | None | Unset):
            profanity (ContentFilterDetectedResult | None | Unset):
            error (ErrorBase | None | Unset):
            jailbreak (ContentFilterDetectedResult | None | Unset):
    """

    sexual: ContentFilterSeverityResult | None | Unset = UNSET
    violence: ContentFilterSeverityResult | None | Unset = UNSET
    hate: ContentFilterSeverityResult | None | Unset = UNSET
    self_harm: ContentFilterSeverityResult | None | Unset = UNSET
    profanity: ContentFilterDetectedResult | None | Unset = UNSET
    error: ErrorBase | None | Unset = UNSET
    jailbreak: ContentFilterDetectedResult | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.content_filter_detected_result import ContentFilterDetectedResult
        from ..models.content_filter_severity_result import ContentFilterSeverityResult
        from ..models.error_base import ErrorBase

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

        jailbreak: dict[str, Any] | None | Unset
        if isinstance(self.jailbreak, Unset):
            jailbreak = UNSET
        elif isinstance(self.jailbreak, ContentFilterDetectedResult):
            jailbreak = self.jailbreak.to_dict()
        else:
            jailbreak = self.jailbreak

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
        if jailbreak is not UNSET:
            field_dict["jailbreak"] = jailbreak

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
        from ..models.content_filter_detected_result import ContentFilterDetectedResult
        from ..models.content_filter_severity_result import ContentFilterSeverityResult
        from ..models.error_base import ErrorBase

        d = dict(src_dict)

        def _parse_sexual(data: object) -> ContentFilterSeverityResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sexual_type_0 = ContentFilterSeverityResult.from_dict(data)

                return sexual_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ContentFilterSeverityResult | None | Unset, got {type(data).__name__}")

        sexual = _parse_sexual(d.pop("sexual", UNSET))

        def _parse_violence(data: object) -> ContentFilterSeverityResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                violence_type_0 = ContentFilterSeverityResult.from_dict(data)

                return violence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ContentFilterSeverityResult | None | Unset, got {type(data).__name__}")

        violence = _parse_violence(d.pop("violence", UNSET))

        def _parse_hate(data: object) -> ContentFilterSeverityResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hate_type_0 = ContentFilterSeverityResult.from_dict(data)

                return hate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ContentFilterSeverityResult | None | Unset, got {type(data).__name__}")

        hate = _parse_hate(d.pop("hate", UNSET))

        def _parse_self_harm(data: object) -> ContentFilterSeverityResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                self_harm_type_0 = ContentFilterSeverityResult.from_dict(data)

                return self_harm_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ContentFilterSeverityResult | None | Unset, got {type(data).__name__}")

        self_harm = _parse_self_harm(d.pop("self_harm", UNSET))

        def _parse_profanity(data: object) -> ContentFilterDetectedResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                profanity_type_0 = ContentFilterDetectedResult.from_dict(data)

                return profanity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ContentFilterDetectedResult | None | Unset, got {type(data).__name__}")

        profanity = _parse_profanity(d.pop("profanity", UNSET))

        def _parse_error(data: object) -> ErrorBase | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ErrorBase.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ErrorBase | None | Unset, got {type(data).__name__}")

        error = _parse_error(d.pop("error", UNSET))

        def _parse_jailbreak(data: object) -> ContentFilterDetectedResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                jailbreak_type_0 = ContentFilterDetectedResult.from_dict(data)

                return jailbreak_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ContentFilterDetectedResult | None | Unset, got {type(data).__name__}")

        jailbreak = _parse_jailbreak(d.pop("jailbreak", UNSET))

        content_filter_prompt_results = cls(
            sexual=sexual,
            violence=violence,
            hate=hate,
            self_harm=self_harm,
            profanity=profanity,
            error=error,
            jailbreak=jailbreak,
        )

        content_filter_prompt_results.additional_properties = d
        return content_filter_prompt_results

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
