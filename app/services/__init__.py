"""Queries and domain logic per resource; no web imports, and services never commit."""
