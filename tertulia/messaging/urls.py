"""Private-message pages under /messages/, gathered from one module per area."""

from tertulia.messaging.views import attachments, blocks, conversations, reports

urlpatterns = [
    *blocks.urlpatterns,
    *reports.urlpatterns,
    *attachments.urlpatterns,
    *conversations.urlpatterns,
]
