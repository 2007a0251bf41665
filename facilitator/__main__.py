"""`python -m facilitator` runs the same CLI as the `facilitator` script."""

from __future__ import annotations

import sys

from facilitator.cli import main

sys.exit(main())
