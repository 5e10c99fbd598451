"""Rendered responses kept per worker and labelled with the data version: the store (cache)
and when a kept entry may answer a request instead of rendering again (kept)."""
