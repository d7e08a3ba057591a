"""Mail sent *to* the community: replies to notification mail and new threads by mail.

`service.receive_mail()` is the one door, called by `tertulia mail-receive` (an MTA pipe)
and by `tertulia mail-server` (SMTP and LMTP). It parses the message, refuses what must
not be posted (with a bounce to the sender, except for auto-replies), checks the reply
token or the target address, and hands the cleaned text to the handler the target's app
registered (`registry`). This app knows no other: forums and messaging register their
handlers in their AppConfig.ready().
"""
