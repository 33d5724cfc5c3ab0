"""Readers' newsletter URLs under /newsletters/."""

from django.urls import path

from newsletters import views

app_name = "newsletters"

urlpatterns = [
    path("", views.newsletters_page, name="signup"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("confirm/<str:key>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:key>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:key>/", views.preferences, name="preferences"),
]
