"""`python -m bench` (make bench): run every benchmark in turn; see bench/README.md."""

import sys

from bench import ingest

sys.exit(ingest.main([]))
