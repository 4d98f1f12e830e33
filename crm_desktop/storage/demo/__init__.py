"""Reproducible demo data: `generate.generate(database, customers, seed)` fills a database with
people, companies, deals, orders, tickets, campaigns and a relationship network, in bulk."""
