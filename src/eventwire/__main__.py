"""`python -m eventwire ...` is the `eventwire` command."""

import sys

from .faces.cli import main

sys.exit(main())
