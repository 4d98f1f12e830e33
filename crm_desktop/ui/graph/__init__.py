"""The relationship graph page: the canvas and its items, filters and labels, actions on nodes and
links, and the relationship dialog.
"""
