"""Search: the FTS5 indexes and their triggers (`schema`), customers by any substring
(`customers`), and the global search over every kind of record (`everything`)."""
