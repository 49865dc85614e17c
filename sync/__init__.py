"""The wire protocol (shared with the server) and the desk's sync client. No Qt here."""
