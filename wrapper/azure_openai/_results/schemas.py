"""The generated schema models the package exports under their own names, loaded on first use.

``import azure_openai`` loads no generated code, so these are reached lazily (``azure_openai.__getattr__``). Both
schemas, ``citation`` and ``audioSegment``, have kept their names in every api-version since 2024-02-01.
"""

from azure_openai_rest.models.audio_segment import AudioSegment
from azure_openai_rest.models.citation import Citation

__all__ = ["AudioSegment", "Citation"]
