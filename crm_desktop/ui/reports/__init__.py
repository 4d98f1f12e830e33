"""Sales targets and sales reports (issue 14): the "Targets & reports" page."""
