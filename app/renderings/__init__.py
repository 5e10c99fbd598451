"""A resolution's JSON document (stored at ingest, served by the API), its Akoma Ntoso XML, and
what is read from stored documents (the predecessor one recalls, what changed between two)."""
