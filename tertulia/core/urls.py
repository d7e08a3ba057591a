from django.urls import path

from tertulia.core import views

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
