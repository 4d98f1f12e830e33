"""The sales pipeline page: kanban board and table of opportunities, the opportunity and close-
reason dialogs.
"""
