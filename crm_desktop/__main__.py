"""`python -m crm_desktop` runs the command line (and the app when no subcommand is given)."""

from crm_desktop.cli import main

raise SystemExit(main())
