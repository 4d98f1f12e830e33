"""Data in and out: import wizard, export, backups, duplicates and merge dialogs."""
