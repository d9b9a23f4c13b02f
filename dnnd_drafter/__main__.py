"""Run the command line: ``python -m dnnd_drafter``."""

import sys

from dnnd_drafter.cli.entry import main

sys.exit(main())
