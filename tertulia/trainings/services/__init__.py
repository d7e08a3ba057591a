"""Writes for the trainings database: suggest, edit, review, link a discussion."""
