"""Evidence: content-addressed blobs, a hash-chained ledger in SQLite, and live collectors."""
