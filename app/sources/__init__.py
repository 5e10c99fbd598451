"""Sources: each reads one input format into the document model (app.document)."""
