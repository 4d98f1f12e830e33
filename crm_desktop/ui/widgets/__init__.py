"""Reusable Qt widgets."""
