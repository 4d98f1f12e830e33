"""Export: the rows of a list as tables (`tables`), written as CSV/XLSX (`files`, formula-
injection safe and reversed by our import) or vCard (`vcard`)."""
