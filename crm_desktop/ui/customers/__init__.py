"""The customers page: list, detail pane, quick actions and the customer dialog."""
