"""Where conversations are kept: the SQLite tracker store, its retention and deleting one patient's data."""
