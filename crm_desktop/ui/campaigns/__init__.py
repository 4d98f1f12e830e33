"""Campaigns: the page with members and steps, and the campaign dialog."""
