#!/usr/bin/env python
"""Django's command-line utility; `tertulia` (tertulia/cli.py) is the same with aliases."""

import sys

from tertulia.cli import main

if __name__ == "__main__":
    sys.exit(main())
