"""Every read the library pages show, each in a constant number of queries."""
