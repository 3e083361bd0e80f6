from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.chat_completion_response_object import ChatCompletionResponseObject
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionsResponseCommon")


@_attrs_define
class ChatCompletionsResponseCommon:
    """
    Attributes:
        id (str | Unset): A unique identifier for the chat completion.
        object_ (ChatCompletionResponseObject | Unset): The object type.
        created (int | Unset): The Unix timestamp (in seconds) of when the chat completion was created.
        model (str | Unset): The model used for the chat completion.
        usage (CompletionUsage | Unset): Usage statistics for the completion request.
        system_fingerprint (str | Unset): Can be used in conjunction with the `seed` request parameter to understand
            when backend changes have been made that might impact determinism.
    """

    id: str | Unset = UNSET
    object_: ChatCompletionResponseObject | Unset = UNSET
    created: int | Unset = UNSET
    model: str | Unset = UNSET
    usage: CompletionUsage | Unset = UNSET
    system_fingerprint: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_: str | Unset = UNSET
        if not isinstance(self.object_, Unset):
            object_ = ChatCompletionResponseObject(self.object_).value

        created = self.created

        model = self.model

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        system_fingerprint = self.system_fingerprint

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            id = d.pop("id", UNSET)

            _object_ = d.pop("object", UNSET)
            object_: ChatCompletionResponseObject | Unset
            if isinstance(_object_, Unset):
                object_ = UNSET
            else:
                object_ = ChatCompletionResponseObject._lookup(_object_)

            created = d.pop("created", UNSET)

            model = d.pop("model", UNSET)

            _usage = d.pop("usage", UNSET)
            usage: CompletionUsage | Unset
            if isinstance(_usage, Unset):
                usage = UNSET
            else:
                usage = CompletionUsage.from_dict(_usage)

            system_fingerprint = d.pop("system_fingerprint", UNSET)

            chat_completions_response_common = cls(
                id=id,
                object_=object_,
                created=created,
                model=model,
                usage=usage,
                system_fingerprint=system_fingerprint,
            )

            chat_completions_response_common.additional_properties = d
            return chat_completions_response_common

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


from ..models.completion_usage import CompletionUsage
