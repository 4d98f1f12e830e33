"""Customer service: the ticket queue page, the conversation pane, and the ticket and resolve
dialogs.
"""
