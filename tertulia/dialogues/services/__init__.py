"""Every change of state in the dialogues app, one module per noun.

`dialogues` creates and edits a dialogue with its forum, `webinars` adds and links its
events, `materials` its recordings, slides and documents, `summaries` the summary
facilitators write once it has closed. `files` checks and stores uploaded documents.
"""
