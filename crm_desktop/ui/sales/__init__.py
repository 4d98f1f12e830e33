"""Quotes, orders, contracts and products: the tabbed page, its lists and the record dialogs with
their line editor.
"""
