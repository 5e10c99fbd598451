"""Curated gazetteers of treaties and organizations, shipped as YAML data with a checking loader."""

from app.reference.loader import GazetteerError, load_gazetteer

__all__ = ["GazetteerError", "load_gazetteer"]
