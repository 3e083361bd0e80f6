"""What a request costs the quota, counted as the service counts it when the request arrives.

The service estimates the tokens a request may use (prompt plus ``max_tokens``) before answering; the
emulator knows its answer, so without ``max_tokens`` it counts the answer's real length. The answer built to
count is kept for answering, so a scripted reply is asked for once. A request past the model's context window
(``_limits.CONTEXT_WINDOWS``) is refused first, with the service's 400.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import _responses as responses
from ._chat import ChatAnswer, Replies, chat_answer, chat_cost, max_tokens_of, prompt_tokens
from ._limits import CONTEXT_WINDOWS
from ._service_errors import bad_request

__all__ = ["Plan", "context_problem", "plan_answer"]


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
        return Plan(sum(responses.embedding_tokens(body)))
    return Plan(0)


def context_problem(operation: str, model: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """The service's 400 ``error`` for a chat or embeddings request past ``model``'s context window, if it is."""
    window = CONTEXT_WINDOWS.get(model)
    if window is None:
        return None
    head = f"This model's maximum context length is {window} tokens"
    if operation == "embeddings":  # each input on its own, in the wording of the legacy completions
        longest = max(responses.embedding_tokens(body), default=0)
        if longest <= window:
            return None
        return bad_request(
            f"{head}, however you requested {longest} tokens ({longest} in your prompt; 0 for the completion). "
            "Please reduce your prompt; or completion length."
        )
    if operation != "chat/completions":
        return None
    prompt, completion = prompt_tokens(body, tools_by_length=True), max_tokens_of(body)
    if isinstance(completion, int) and prompt + completion > window:  # a bool was refused by the validation
        message = (
            f"{head}. However, you requested {prompt + completion} tokens ({prompt} in the messages, {completion} "
            "in the completion). Please reduce the length of the messages or completion."
        )
    elif prompt > window:
        message = (
            f"{head}. However, your messages resulted in {prompt} tokens. Please reduce the length of the messages."
        )
    else:
        return None
    return bad_request(message, "context_length_exceeded", "messages")
