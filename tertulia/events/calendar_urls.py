"""Calendar files and feeds (.ics)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
