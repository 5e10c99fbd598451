"""`python -m app.export NAME [-o FILE]`: write one of the bulk exports."""

import os
import sys

from app.export.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader went away (`... | head`): not an error of ours, and no traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    code = 0
sys.exit(code)
