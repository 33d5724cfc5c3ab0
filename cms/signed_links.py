"""Links in emails that carry a signed key (confirm a comment or a sign-up, unsubscribe,
preferences): making and reading the key, and the pages the links open.

Django's signing: JSON, HMAC-SHA256 with SECRET_KEY (or any key in SECRET_KEY_FALLBACKS
while keys are rotated), a salt per kind of link, a timestamp. A key holds only the id of
a record kept in the database, never an email address or what a reader wrote, so nothing
personal reaches a URL or an access log.

Mail scanners and link previewers fetch every link in a message, so following a link
never acts by itself: the page it opens has a button (`components/link_button.html`)
that posts back to the same address, and only that POST acts.
"""

from functools import wraps

from django.core import signing
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

BadLink = signing.BadSignature
Expired = signing.SignatureExpired


def _signer(salt):
    # Made per call: the signer reads SECRET_KEY and its fallbacks when it is created.
    return signing.TimestampSigner(salt=salt)


def sign(value, salt):
    """The key for a link: `value` (a dict of ids) signed with this kind of link's salt."""
    return _signer(salt).sign_object(value)


def signed_value(key, salt, max_age=None):
    """The dict signed in `key`. Raises Expired when it is older than `max_age` (seconds
    or a timedelta), BadLink for anything we did not sign with this salt."""
    value = _signer(salt).unsign_object(str(key), max_age=max_age)
    if not isinstance(value, dict):
        raise BadLink("Not one of our links")
    return value


def link_page(view):
    """For the view behind a signed link: GET and HEAD show a page (with a button where
    the link acts), POST acts. Its pages are personal: never stored by a cache, never
    indexed, and their address (the key is in it) never sent to another site as a
    referrer. Not `no-referrer`: with it browsers send `Origin: null` when the button
    posts, and Django's CSRF check (which the comment links use) refuses that."""

    @never_cache
    @require_http_methods(["GET", "HEAD", "POST"])
    @wraps(view)
    def page(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return page
