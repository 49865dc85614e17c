"""Pure domain rules of a recruitment mission: no storage, no Qt, no network."""
