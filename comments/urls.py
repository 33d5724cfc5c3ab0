"""Public comment URLs under /comments/.

Only the views readers need are mounted. xtd's REST API (which shows a Gravatar hash of
each commenter's email and accepts posts around our checks), its like/dislike views and
django_comments' own approve/delete views are deliberately left out: moderation happens
in the Wagtail admin.
"""

from django.urls import path, re_path

from comments import keys, views  # noqa: F401 (keys registers <comment_key:…>)

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("token/", views.csrf_token, name="comments-csrf-token"),
    path("sent/", views.sent, name="comments-xtd-sent"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    path("reply/<comment_key:cid>/", views.reply, name="comments-xtd-reply"),
    path("report/<comment_key:cid>/", views.report, name="comments-report"),
    re_path(r"^cr/(\d+)/(.+)/$", views.go_to_comment, name="comments-url-redirect"),
]
