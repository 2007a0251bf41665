"""`python -m facilitator` runs the same CLI as the `facilitator` script.

Guarded: a spawned worker process (the parallel index build) imports the main
module again as `__mp_main__`, and must not run the command a second time.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from facilitator.cli import main

    sys.exit(main())
