"""Pydantic response and filter models, apart from the ORM classes: the OpenAPI page's text."""
