"""Activities: tasks due, the activity log, the task reminder and the activity dialog."""
