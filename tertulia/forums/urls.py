"""The forums' URLs, gathered from one module per area.

Reading comes first: Django tries the patterns in order, and the reading pages are the
ones asked for most. No two areas share a pattern, so the order changes nothing else.
"""

from tertulia.forums.views import (
    attachments,
    moderation,
    posting,
    reactions,
    reading,
    translations,
)

urlpatterns = [
    *reading.urlpatterns,
    *posting.urlpatterns,
    *attachments.urlpatterns,
    *reactions.urlpatterns,
    *translations.urlpatterns,
    *moderation.urlpatterns,
    # Last: "<forum_slug>/..." would otherwise shadow fixed paths such as "latest/".
    *reading.forum_urlpatterns,
    *posting.forum_urlpatterns,
]
