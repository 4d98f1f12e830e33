"""The Analytics page (parameters, run in the background process, results table and charts) and
the scoring-rules dialog.
"""
