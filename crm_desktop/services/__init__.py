"""The application's operations, shared by the UI and the command line.

Each write runs in one transaction (audited by the storage session hook) and returns an
`Outcome`: its value and the `Changes` it made, from which views refresh. A future sync layer
records writes here. Reads for lists are `storage.lists`; analyses are `services.analyses`.
"""
