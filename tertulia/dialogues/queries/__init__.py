"""Every read a dialogue page shows: lists, the archive, one dialogue."""
