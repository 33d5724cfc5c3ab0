"""Public comment URLs under /comments/.

Only the views readers need are mounted. xtd's REST API (which shows a Gravatar hash of
each commenter's email and accepts posts around our checks), its like/dislike views and
django_comments' own approve/delete views are deliberately left out: moderation happens
in the Wagtail admin.
"""

from django.urls import path, re_path
from django_comments_xtd import views as xtd_views

from comments import views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("sent/", xtd_views.sent, name="comments-xtd-sent"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    path("reply/<int:cid>/", views.reply, name="comments-xtd-reply"),
    path("report/<int:cid>/", views.report, name="comments-report"),
    re_path(r"^cr/(\d+)/(.+)/$", views.go_to_comment, name="comments-url-redirect"),
]
