"""Mine Action Resolutions: UN resolutions on mine action as structured, queryable open data."""

__version__ = "0.1.0"
