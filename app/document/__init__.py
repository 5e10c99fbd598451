"""One document model for every source: frozen dataclasses, and what clean text refers to."""
