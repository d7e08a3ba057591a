from django.urls import path

from tertulia.accounts import views

urlpatterns = [
    path("members/", views.directory, name="member-directory"),
    path("members/<int:member_id>/", views.profile, name="member-profile"),
    path("account/profile/", views.profile_edit, name="profile-edit"),
    path("account/deactivate/", views.deactivate, name="account-deactivate"),
    path("language/", views.set_language, name="set-language"),
    path("facilitate/", views.facilitator_area, name="facilitator-area"),
]
