"""The version of this distribution (kept equal to pyproject's by a test; read without importlib.metadata)."""

__version__ = "0.1.0"
