"""Every change to private messages: conversations, replies, reading, blocks, reports.

Split by noun: `conversations` (start, reply), `recipients` (names typed by members),
`attachments` (files on messages), `participation` (read, mute, leave), `blocks`,
`reports`.
"""
