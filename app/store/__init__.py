"""The desk's local store: an encrypted SQLite file, its schema, and the edit service."""
