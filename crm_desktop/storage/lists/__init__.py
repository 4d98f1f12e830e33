"""The record lists the app shows, as SQL: columns, joins, search, sort, filter and paging.

`core` runs any list (`fetch_page`, `count`, `refresh`; plain-sqlite3 `fast_page` for the
default view at start-up); one module per area defines its lists (`customers`, `sales`, ...).
The UI's lazy table models call these from worker threads and only add titles and formats.
"""
