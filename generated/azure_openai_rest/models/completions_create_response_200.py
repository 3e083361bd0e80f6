from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="CompletionsCreateResponse200")


@_attrs_define
class CompletionsCreateResponse200:
    """
    Attributes:
        id (None | str | Unset):
        object_ (None | str | Unset):
        created (int | None | Unset):
        model (None | str | Unset):
        prompt_filter_results (list[PromptFilterResult] | None | Unset):
        choices (list[CompletionsCreateResponse200ChoicesItem] | None | Unset):
        usage (CompletionsCreateResponse200Usage | None | Unset):
    """

    id: None | str | Unset = UNSET
    object_: None | str | Unset = UNSET
    created: int | None | Unset = UNSET
    model: None | str | Unset = UNSET
    prompt_filter_results: list[PromptFilterResult] | None | Unset = UNSET
    choices: list[CompletionsCreateResponse200ChoicesItem] | None | Unset = UNSET
    usage: CompletionsCreateResponse200Usage | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        object_: None | str | Unset
        if isinstance(self.object_, Unset):
            object_ = UNSET
        else:
            object_ = self.object_

        created: int | None | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        else:
            created = self.created

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        prompt_filter_results: list[dict[str, Any]] | None | Unset
        if isinstance(self.prompt_filter_results, Unset):
            prompt_filter_results = UNSET
        elif isinstance(self.prompt_filter_results, list):
            prompt_filter_results = []
            for componentsschemasprompt_filter_results_item_data in self.prompt_filter_results:
                componentsschemasprompt_filter_results_item = componentsschemasprompt_filter_results_item_data.to_dict()
                prompt_filter_results.append(componentsschemasprompt_filter_results_item)

        else:
            prompt_filter_results = self.prompt_filter_results

        choices: list[dict[str, Any]] | None | Unset
        if isinstance(self.choices, Unset):
            choices = UNSET
        elif isinstance(self.choices, list):
            choices = []
            for choices_type_0_item_data in self.choices:
                choices_type_0_item = choices_type_0_item_data.to_dict()
                choices.append(choices_type_0_item)

        else:
            choices = self.choices

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, CompletionsCreateResponse200Usage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if object_ is not UNSET:
            field_dict["object"] = object_
        if created is not UNSET:
            field_dict["created"] = created
        if model is not UNSET:
            field_dict["model"] = model
        if prompt_filter_results is not UNSET:
            field_dict["prompt_filter_results"] = prompt_filter_results
        if choices is not UNSET:
            field_dict["choices"] = choices
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            id: None | str | Unset = d.pop("id", UNSET)

            object_: None | str | Unset = d.pop("object", UNSET)

            created: int | None | Unset = d.pop("created", UNSET)

            model: None | str | Unset = d.pop("model", UNSET)

            prompt_filter_results: list[PromptFilterResult] | None | Unset
            _prompt_filter_results = d.pop("prompt_filter_results", UNSET)
            if _prompt_filter_results is None or isinstance(_prompt_filter_results, Unset):
                prompt_filter_results = _prompt_filter_results
            else:
                if not isinstance(_prompt_filter_results, list):
                    raise TypeError(
                        f"expected list[PromptFilterResult] | None | Unset, got {type(_prompt_filter_results).__name__}"
                    )
                try:
                    prompt_filter_results_type_0 = []
                    _prompt_filter_results_type_0 = _prompt_filter_results
                    for componentsschemasprompt_filter_results_item_data in _prompt_filter_results_type_0:
                        componentsschemasprompt_filter_results_item = PromptFilterResult.from_dict(
                            componentsschemasprompt_filter_results_item_data
                        )

                        prompt_filter_results_type_0.append(componentsschemasprompt_filter_results_item)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected list[PromptFilterResult] | None | Unset, got {type(_prompt_filter_results).__name__}"
                    ) from None
                prompt_filter_results = prompt_filter_results_type_0

            choices: list[CompletionsCreateResponse200ChoicesItem] | None | Unset
            _choices = d.pop("choices", UNSET)
            if _choices is None or isinstance(_choices, Unset):
                choices = _choices
            else:
                if not isinstance(_choices, list):
                    raise TypeError(
                        f"expected list[CompletionsCreateResponse200ChoicesItem] | None | Unset, got {type(_choices).__name__}"
                    )
                try:
                    choices_type_0 = []
                    _choices_type_0 = _choices
                    for choices_type_0_item_data in _choices_type_0:
                        choices_type_0_item = CompletionsCreateResponse200ChoicesItem.from_dict(
                            choices_type_0_item_data
                        )

                        choices_type_0.append(choices_type_0_item)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected list[CompletionsCreateResponse200ChoicesItem] | None | Unset, got {type(_choices).__name__}"
                    ) from None
                choices = choices_type_0

            usage: CompletionsCreateResponse200Usage | None | Unset
            _usage = d.pop("usage", UNSET)
            if _usage is None or isinstance(_usage, Unset):
                usage = _usage
            else:
                if not isinstance(_usage, dict):
                    raise TypeError(
                        f"expected CompletionsCreateResponse200Usage | None | Unset, got {type(_usage).__name__}"
                    )
                try:
                    usage_type_0 = CompletionsCreateResponse200Usage.from_dict(_usage)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected CompletionsCreateResponse200Usage | None | Unset, got {type(_usage).__name__}"
                    ) from None
                usage = usage_type_0

            completions_create_response_200 = cls(
                id=id,
                object_=object_,
                created=created,
                model=model,
                prompt_filter_results=prompt_filter_results,
                choices=choices,
                usage=usage,
            )

            completions_create_response_200.additional_properties = d
            return completions_create_response_200

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


from ..models.completions_create_response_200_choices_item import CompletionsCreateResponse200ChoicesItem
from ..models.completions_create_response_200_usage import CompletionsCreateResponse200Usage
from ..models.prompt_filter_result import PromptFilterResult
