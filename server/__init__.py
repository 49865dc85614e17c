"""The central admissions server: FastAPI over PostgreSQL (SQLite as the embedded default)."""
