"""`python -m bench` (make bench): the suite at scale (bench/suite.py); see bench/README.md."""

import sys

from bench import suite

sys.exit(suite.main(sys.argv[1:]))
