"""`python -m chipshock` runs the CLI."""

import sys

from chipshock.cli.main import main

sys.exit(main())
