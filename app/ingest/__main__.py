"""`python -m app.ingest PATH [PATH ...]`: load resolution texts into the database."""

import sys

from app.ingest.cli import main

sys.exit(main())
