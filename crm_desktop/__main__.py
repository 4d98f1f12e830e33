"""`python -m crm_desktop` runs the command line (and the app when no subcommand is given)."""

import multiprocessing

from crm_desktop.cli import main

# The guard matters: the app's background process is started with "spawn", which imports this
# module again (as __mp_main__) in the child; unguarded, the child would start a second app.
if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen (PyInstaller) executable's children start here
    raise SystemExit(main())
