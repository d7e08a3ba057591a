"""Newsletter pages: the facilitators' compose and send pages, the archive, opt-out."""
