"""The desk's dialogs: first-run assessor choice, passphrase, crash report."""
