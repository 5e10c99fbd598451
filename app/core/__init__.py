"""The vocabulary every layer shares: identifiers, timestamps, links and page limits."""

# Imports nothing else from the application, so that schemas, services and ingest can all use it.
