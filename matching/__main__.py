"""`python -m matching rank | evaluate` (see matching/cli.py)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
