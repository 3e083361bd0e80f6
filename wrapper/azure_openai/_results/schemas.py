"""Generated models exported by name, loaded lazily; both kept their schema name in every api-version since 2024."""

from azure_openai_rest.models.audio_segment import AudioSegment
from azure_openai_rest.models.citation import Citation

__all__ = ["AudioSegment", "Citation"]
