"""Rendered responses kept per worker and labelled with the data version: the store (cache),
when a kept entry may answer a request instead of rendering again (kept), and a detail from
the body the ingest stored (stored)."""
