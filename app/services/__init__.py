"""Business operations. Views, the API and the CLI call these; they own the transactions."""
