"""Daily and weekly digest mails, composed from every app.

- cadences.py: which digests a member gets, from their notification choices;
- schedule.py: when a digest is due in the member's zone and which period it covers;
- due.py: who is due at a given moment;
- queries.py and contents.py: each digest's content, read for a batch of members;
- mail.py: the message (templates under newsletters/digest/);
- services.py: sending each digest exactly once, and turning a digest off;
- tasks.py and the `send-digests` command: the two ways runs are started.
"""
