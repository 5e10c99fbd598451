"""Readers of resolution sources other than raw text, into the project's one document model."""
