from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.content_filter_severity_result import ContentFilterSeverityResult


T = TypeVar("T", bound="DalleContentFilterResults")


@_attrs_define
class DalleContentFilterResults:
    """Information about the content filtering results.

    Attributes:
        sexual (ContentFilterSeverityResult | None | Unset):
        violence (ContentFilterSeverityResult | None | Unset):
        hate (ContentFilterSeverityResult | None | Unset):
        self_harm (ContentFilterSeverityResult | None | Unset):
    """

    sexual: ContentFilterSeverityResult | None | Unset = UNSET
    violence: ContentFilterSeverityResult | None | Unset = UNSET
    hate: ContentFilterSeverityResult | None | Unset = UNSET
    self_harm: ContentFilterSeverityResult | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.content_filter_severity_result import ContentFilterSeverityResult

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
        from ..models.content_filter_severity_result import ContentFilterSeverityResult

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

        dalle_content_filter_results = cls(
            sexual=sexual,
            violence=violence,
            hate=hate,
            self_harm=self_harm,
        )

        dalle_content_filter_results.additional_properties = d
        return dalle_content_filter_results

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
