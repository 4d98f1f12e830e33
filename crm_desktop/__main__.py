"""`python -m crm_desktop` runs the command line (and the app when no subcommand is given).

This file is also the frozen app's entry point (build.spec): PyInstaller runs it as __main__.
"""

# The guard matters: the app's background process is started with "spawn", which imports this
# module again (as __mp_main__) in the child; unguarded, the child would start a second app.
if __name__ == "__main__":
    from crm_desktop.frozen import configure, is_frozen

    configure()  # frozen app: nothing written beside the executable (no-op from source)
    if is_frozen():  # from source freeze_support does nothing: not worth importing (20 ms)
        import multiprocessing

        # A frozen executable's children (the background process, multiprocessing's resource
        # tracker) start as the executable again: here they run their own code and exit.
        multiprocessing.freeze_support()
    from crm_desktop.cli import main

    raise SystemExit(main())
