"""The forums' URLs, gathered from one module per area."""

from tertulia.forums.views import attachments, moderation, posting, reactions, reading

urlpatterns = [
    *posting.urlpatterns,
    *attachments.urlpatterns,
    *reactions.urlpatterns,
    *reading.urlpatterns,
    *moderation.urlpatterns,
    # Last: "<forum_slug>/..." would otherwise shadow fixed paths such as "latest/".
    *posting.forum_urlpatterns,
    *reading.forum_urlpatterns,
]
