from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="AzureChatExtensionsMessageContext")


@_attrs_define
class AzureChatExtensionsMessageContext:
    """A representation of the additional context information available when Azure OpenAI chat extensions are involved
    in the generation of a corresponding chat completions response. This context information is only populated when
    using an Azure OpenAI request configured to use a matching extension.

      Attributes:
          citations (list[Citation] | None | Unset): The data source retrieval result, used to generate the assistant
              message in the response.
          intent (None | str | Unset): The detected intent from the chat history, used to pass to the next turn to carry
              over the context.
    """

    citations: list[Citation] | None | Unset = UNSET
    intent: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        citations: list[dict[str, Any]] | None | Unset
        if isinstance(self.citations, Unset):
            citations = UNSET
        elif isinstance(self.citations, list):
            citations = []
            for citations_type_0_item_data in self.citations:
                citations_type_0_item = citations_type_0_item_data.to_dict()
                citations.append(citations_type_0_item)

        else:
            citations = self.citations

        intent: None | str | Unset
        if isinstance(self.intent, Unset):
            intent = UNSET
        else:
            intent = self.intent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if citations is not UNSET:
            field_dict["citations"] = citations
        if intent is not UNSET:
            field_dict["intent"] = intent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            citations: list[Citation] | None | Unset
            _citations = d.pop("citations", UNSET)
            if _citations is None or isinstance(_citations, Unset):
                citations = _citations
            else:
                if not isinstance(_citations, list):
                    raise TypeError(f"expected list[Citation] | None | Unset, got {type(_citations).__name__}")
                try:
                    citations_type_0 = []
                    _citations_type_0 = _citations
                    for citations_type_0_item_data in _citations_type_0:
                        citations_type_0_item = Citation.from_dict(citations_type_0_item_data)

                        citations_type_0.append(citations_type_0_item)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected list[Citation] | None | Unset, got {type(_citations).__name__}"
                    ) from None
                citations = citations_type_0

            intent: None | str | Unset = d.pop("intent", UNSET)

            azure_chat_extensions_message_context = cls(
                citations=citations,
                intent=intent,
            )

            azure_chat_extensions_message_context.additional_properties = d
            return azure_chat_extensions_message_context

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


from ..models.citation import Citation
