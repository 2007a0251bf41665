"""`python -m facilitator` runs the same CLI as the `facilitator` script.

Guarded, as multiprocessing asks of main modules: the parallel index build
spawns workers, and a worker must never run the command again. (For a
package's `__main__` multiprocessing skips the re-import anyway; the console
script is re-run as `__mp_main__` and has its own guard.)
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from facilitator.cli import main

    sys.exit(main())
