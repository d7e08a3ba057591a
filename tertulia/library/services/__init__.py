"""Every change to the resource library: suggesting, editing, reviewing, counting downloads."""
