"""HTTP layer: dependencies and thin routes; queries live in app.services."""
