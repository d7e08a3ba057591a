"""Newsletter services: composing issues, sending them, and members' opt-out."""
