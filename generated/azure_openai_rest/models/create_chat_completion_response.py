from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.chat_completion_response_object import ChatCompletionResponseObject
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.completion_usage import CompletionUsage
    from ..models.create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem
    from ..models.prompt_filter_result import PromptFilterResult


T = TypeVar("T", bound="CreateChatCompletionResponse")


@_attrs_define
class CreateChatCompletionResponse:
    """
    Attributes:
        id (None | str | Unset): A unique identifier for the chat completion.
        object_ (ChatCompletionResponseObject | None | Unset):
        created (int | None | Unset): The Unix timestamp (in seconds) of when the chat completion was created.
        model (None | str | Unset): The model used for the chat completion.
        usage (CompletionUsage | None | Unset):
        system_fingerprint (None | str | Unset): Can be used in conjunction with the `seed` request parameter to
            understand when backend changes have been made that might impact determinism.
        prompt_filter_results (list[PromptFilterResult] | None | Unset):
        choices (list[CreateChatCompletionResponseChoicesItem] | None | Unset):
    """

    id: None | str | Unset = UNSET
    object_: ChatCompletionResponseObject | None | Unset = UNSET
    created: int | None | Unset = UNSET
    model: None | str | Unset = UNSET
    usage: CompletionUsage | None | Unset = UNSET
    system_fingerprint: None | str | Unset = UNSET
    prompt_filter_results: list[PromptFilterResult] | None | Unset = UNSET
    choices: list[CreateChatCompletionResponseChoicesItem] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.completion_usage import CompletionUsage

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        object_: None | str | Unset
        if isinstance(self.object_, Unset):
            object_ = UNSET
        elif isinstance(self.object_, ChatCompletionResponseObject):
            object_ = ChatCompletionResponseObject(self.object_).value
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

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, CompletionUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        system_fingerprint: None | str | Unset
        if isinstance(self.system_fingerprint, Unset):
            system_fingerprint = UNSET
        else:
            system_fingerprint = self.system_fingerprint

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
        if usage is not UNSET:
            field_dict["usage"] = usage
        if system_fingerprint is not UNSET:
            field_dict["system_fingerprint"] = system_fingerprint
        if prompt_filter_results is not UNSET:
            field_dict["prompt_filter_results"] = prompt_filter_results
        if choices is not UNSET:
            field_dict["choices"] = choices

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
        from ..models.completion_usage import CompletionUsage
        from ..models.create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem
        from ..models.prompt_filter_result import PromptFilterResult

        d = dict(src_dict)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_object_(data: object) -> ChatCompletionResponseObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                object_type_0 = ChatCompletionResponseObject(data)

                return object_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected ChatCompletionResponseObject | None | Unset, got {type(data).__name__}")

        object_ = _parse_object_(d.pop("object", UNSET))

        def _parse_created(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        created = _parse_created(d.pop("created", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_usage(data: object) -> CompletionUsage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = CompletionUsage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected CompletionUsage | None | Unset, got {type(data).__name__}")

        usage = _parse_usage(d.pop("usage", UNSET))

        def _parse_system_fingerprint(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        system_fingerprint = _parse_system_fingerprint(d.pop("system_fingerprint", UNSET))

        def _parse_prompt_filter_results(data: object) -> list[PromptFilterResult] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                prompt_filter_results_type_0 = []
                _prompt_filter_results_type_0 = data
                for componentsschemasprompt_filter_results_item_data in _prompt_filter_results_type_0:
                    componentsschemasprompt_filter_results_item = PromptFilterResult.from_dict(
                        componentsschemasprompt_filter_results_item_data
                    )

                    prompt_filter_results_type_0.append(componentsschemasprompt_filter_results_item)

                return prompt_filter_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected list[PromptFilterResult] | None | Unset, got {type(data).__name__}")

        prompt_filter_results = _parse_prompt_filter_results(d.pop("prompt_filter_results", UNSET))

        def _parse_choices(data: object) -> list[CreateChatCompletionResponseChoicesItem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                choices_type_0 = []
                _choices_type_0 = data
                for choices_type_0_item_data in _choices_type_0:
                    choices_type_0_item = CreateChatCompletionResponseChoicesItem.from_dict(choices_type_0_item_data)

                    choices_type_0.append(choices_type_0_item)

                return choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(
                f"expected list[CreateChatCompletionResponseChoicesItem] | None | Unset, got {type(data).__name__}"
            )

        choices = _parse_choices(d.pop("choices", UNSET))

        create_chat_completion_response = cls(
            id=id,
            object_=object_,
            created=created,
            model=model,
            usage=usage,
            system_fingerprint=system_fingerprint,
            prompt_filter_results=prompt_filter_results,
            choices=choices,
        )

        create_chat_completion_response.additional_properties = d
        return create_chat_completion_response

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
