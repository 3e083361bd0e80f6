"""azure_openai: the hand-written convenience layer over the generated ``azure_openai_rest`` client."""

__all__: list[str] = []
