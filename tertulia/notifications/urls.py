"""Notification pages, under /notifications/."""

from django.urls import path

from tertulia.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("<int:notification_id>/open/", views.notification_open, name="notification-open"),
    path("read-all/", views.notification_mark_all_read, name="notification-mark-all-read"),
    path("preferences/", views.notification_preferences, name="notification-preferences"),
    path(
        "preferences/clear/",
        views.notification_preference_clear,
        name="notification-preference-clear",
    ),
    path(
        "unsubscribe/<str:token>/",
        views.notification_unsubscribe,
        name="notification-unsubscribe",
    ),
]
