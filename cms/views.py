"""Wagtail's password forms for private pages and documents, with a safe return address."""

from functools import wraps

from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views


def return_to_a_path(view):
    """Send `view` a return_url that is a path ("/" when it is not one).

    Wagtail hands return_url to redirect(), which reads a bare word such as "²" or "-1" as
    the name of a URL pattern and raises NoReverseMatch: a 500 for a correct password.
    The forms always send the path of the page asked for.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not request.POST.get("return_url", "").startswith("/"):
            request.POST = request.POST.copy()
            request.POST["return_url"] = "/"
        return view(request, *args, **kwargs)

    return wrapped


page_password = return_to_a_path(wagtail_views.authenticate_with_password)
document_password = return_to_a_path(document_views.authenticate_with_password)
