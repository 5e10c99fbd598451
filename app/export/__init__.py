"""`python -m app.export NAME`: the API's bulk exports from the command line (app.export.cli)."""
