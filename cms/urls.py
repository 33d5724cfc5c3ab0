from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import routing, two_factor, views
from cms.media import serve_image

urlpatterns = [
    path("admin/two-factor/enrol/", two_factor.enrol, name="two_factor_enrol"),
    path("admin/two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path("admin/", include(wagtailadmin_urls)),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_image, name="media"),
    # Wagtail's own password views, wrapped (cms/views.py); same names, so {% url %} agrees.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("comments/", include("comments.urls")),
    path("newsletters/", include("newsletters.urls")),
    path("most-read/", include("mostread.urls")),
    path("", include("news.urls")),
    path("search/", include("search.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Wagtail's own front-end URLs (its login, its password form), then its page view with the
# site and page remembered per process (cms/routing.py), under Wagtail's name and pattern.
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

handler400 = "cms.errors.bad_request"
handler403 = "cms.errors.permission_denied"
handler500 = "cms.errors.server_error"
