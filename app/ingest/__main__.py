"""`python -m app.ingest PATH [PATH ...]`: load resolution texts into the database."""

import os
import sys

from app.ingest.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader went away (`... --dry-run FILE | head`): not an error of ours, and no traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    code = 0
sys.exit(code)
