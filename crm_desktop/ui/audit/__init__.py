"""The audit viewer: one record's history (detail panes) and the global audit log dialog."""
