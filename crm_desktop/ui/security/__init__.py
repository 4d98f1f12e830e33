"""Encryption at rest in the app: the passphrase dialog, the idle lock, File > Security."""
