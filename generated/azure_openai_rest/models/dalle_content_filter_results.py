from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

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

            dalle_content_filter_results = cls(
                sexual=sexual,
                violence=violence,
                hate=hate,
                self_harm=self_harm,
            )

            dalle_content_filter_results.additional_properties = d
            return dalle_content_filter_results

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


from ..models.content_filter_severity_result import ContentFilterSeverityResult
