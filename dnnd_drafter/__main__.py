"""Run the command line: ``python -m dnnd_drafter``."""

import sys

from dnnd_drafter.cli import main

sys.exit(main())
