"""The beacon's URL, under /most-read/ (passed through the proxy: deploy/varnish/default.vcl)."""

from django.urls import path

from mostread import views

app_name = "mostread"

urlpatterns = [path("count/", views.count_read, name="count")]
