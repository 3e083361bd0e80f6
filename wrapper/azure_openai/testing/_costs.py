"""What a request costs the quota, counted as the service counts it when the request arrives.

The service estimates the tokens a request may use (prompt plus ``max_tokens``) before answering; the
emulator knows its answer, so without ``max_tokens`` it counts the answer's real length. The answer built to
count is kept for answering, so a scripted reply is asked for once.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import _responses as responses
from ._chat import ChatAnswer, Replies, chat_answer, chat_cost

__all__ = ["Plan", "plan_answer"]


@dataclasses.dataclass(frozen=True)
class Plan:
    """A request's cost to the quota, its completion length (for latency), and the answer built to count them."""

    cost: int
    completion_tokens: int = 0
    answer: ChatAnswer | None = None
    whole: dict[str, Any] | None = None


def plan_answer(operation: str, deployment: str, model: str, body: dict[str, Any], replies: Replies | None) -> Plan:
    """The ``Plan`` of a valid request to ``operation``; operations without tokens (images, audio) cost 0."""
    if operation == "chat/completions":
        answer = chat_answer(body, deployment, replies)
        cost, completion_tokens = chat_cost(body, answer)
        return Plan(cost, completion_tokens, answer=answer)
    if operation == "completions":
        whole = responses.completion(body, deployment, model)
        cost, completion_tokens = responses.completion_cost(body, whole)
        return Plan(cost, completion_tokens, whole=whole)
    if operation == "embeddings":
        return Plan(responses.embedding_cost(body))
    return Plan(0)
