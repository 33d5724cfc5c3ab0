"""Readers' comment views: post, reply, report, confirm, unsubscribe.

Every refusal is a page that says why and, where the reader wrote something, gives their
text back in the form: nothing a reader types is lost to an error.
"""

from urllib.parse import urlencode

import django_comments
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_comments import signals
from django_comments_xtd import get_model, signed
from django_comments_xtd import views as xtd_views
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.signals import comment_thread_muted

from cms.privacy import without_private
from comments import actions, ratelimit, rules
from comments.forms import ReportForm
from comments.keys import as_key
from comments.models import ReaderFlag
from comments.moderation import commentable_models
from comments.threads import max_level

XtdComment = get_model()

# Only what a reader typed is carried into a fresh form.
READER_FIELDS = ("name", "email", "comment", "followup", "reply_to")

PROBLEM = "There is a problem with your comment"
SESSION_EXPIRED = (
    "We could not send your comment yet: our security check needs a cookie from this site, "
    "and your session had expired or had not started (or your browser blocked the cookie). "
    "Your comment is below: please send it again."
)
FORM_EXPIRED = (
    "This page was open for a long time, so we need you to send your comment again. "
    "It is below, as you wrote it."
)
HONEYPOT = (
    "Your comment was not sent because the field “Leave this field empty” was filled in, "
    "perhaps by software that fills in forms. Check the form and send it again."
)
MAIL_FAILED = (
    "We could not send your confirmation email just now. Your comment is below: "
    "please try again in a few minutes."
)


def live_item(model, object_pk):
    """The live, public page of a commentable type with this key, or None."""
    pk = as_key(object_pk)
    if model not in commentable_models() or pk is None:
        return None
    return without_private(model.objects.live()).filter(pk=pk).first()


def _posted_item(data):
    try:
        app_label, model_name = str(data.get("content_type", "")).split(".", 1)
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except (ValueError, ContentType.DoesNotExist):
        return None
    return live_item(model, data.get("object_pk"))


def _comment_item(comment):
    return live_item(comment.content_type.model_class(), comment.object_pk)


def _fresh_form(item, data):
    """A new form (new security stamp) holding what the reader typed."""
    initial = {name: data.get(name) for name in READER_FIELDS if data.get(name)}
    initial["followup"] = data.get("followup") in ("on", "true", "1", "True")
    return django_comments.get_form()(item, initial=initial)


def _form_page(request, item, form, status, message="", **extra):
    context = {"item": item, "form": form, "message": message, **extra}
    return render(request, "comments/form_page.html", context, status=status)


def _csrf_failed(request):
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {}) is not None


def _fill_in_account(request, data):
    """Signed-in readers comment under their account's name and email."""
    user = request.user
    if user.is_authenticated:
        data["name"] = (user.get_full_name() or user.get_username())[:50]
        if user.email:
            data["email"] = user.email


def _item_url(request, item, comment_pk=None):
    url = item.get_url(request) or "/"
    return f"{url}#c{comment_pk}" if comment_pk else url


@never_cache
@require_safe
def csrf_token(request):
    """The reader's CSRF token (and cookie), fetched by the comment form's script.

    Item pages carry the comment form without a token, so one cached copy serves every
    anonymous reader; the script asks for a token when the reader sends the form. Without
    the script the first send comes back (403) with the text kept and a token filled in.
    """
    return JsonResponse({"token": get_token(request)})


@csrf_exempt  # checked below, so that a failure can still give the reader their text
@require_POST
def post_comment(request):
    data = request.POST.copy()
    _fill_in_account(request, data)
    item = _posted_item(data)
    if item is None:
        return render(request, "comments/unavailable.html", status=400)
    if _csrf_failed(request):
        return _form_page(request, item, _fresh_form(item, data), 403, SESSION_EXPIRED)
    comment_settings = rules.settings_for(item, request)
    closed = rules.closed_reason(item, comment_settings)
    if closed:
        return _form_page(request, item, _fresh_form(item, data), 403, closed, closed=True)

    form = django_comments.get_form()(item, data=data)
    security_errors = form.security_errors()
    if security_errors:
        message = HONEYPOT if "honeypot" in security_errors else FORM_EXPIRED
        return _form_page(request, item, _fresh_form(item, data), 400, message)
    if form.errors:
        return _form_page(request, item, form, 400, PROBLEM)
    if "preview" in data:
        return _form_page(request, item, form, 200, preview=form.cleaned_data["comment"])

    ip = ratelimit.client_ip(request)
    email = form.cleaned_data["email"]
    trusted = rules.is_trusted(request.user)
    limit = None if trusted else ratelimit.check(ip, email)
    if limit is not None:
        response = _form_page(request, item, form, 429, limit.message)
        response["Retry-After"] = str(limit.retry_after)
        return response

    comment = form.get_comment_object(site_id=get_current_site(request).pk)
    comment.ip_address = ip
    if request.user.is_authenticated:
        comment.user = request.user
        earlier = rules.duplicate_of(comment)
        if earlier is not None:
            return _after_posting(request, item, earlier)
    try:
        with transaction.atomic():
            responses = signals.comment_will_be_posted.send(
                sender=comment.__class__, comment=comment, request=request
            )
            if any(response is False for _receiver, response in responses):
                return _form_page(
                    request, item, form, 403, rules.closed_reason(item) or PROBLEM, closed=True
                )
            ratelimit.record(ip, email)
            signals.comment_was_posted.send(
                sender=comment.__class__, comment=comment, request=request
            )
    except OSError:
        return _form_page(request, item, _fresh_form(item, data), 503, MAIL_FAILED)
    if comment.xtd_comment is None:  # a guest: the confirmation email is on its way
        token = comment._get_pk_val()  # a signed "item" token, as xtd's own view sends
        return redirect(reverse("comments-xtd-sent") + "?" + urlencode({"c": token}))
    return _after_posting(request, item, comment.xtd_comment)


def _after_posting(request, item, stored):
    if actions.is_visible(stored):
        return redirect(_item_url(request, item, stored.pk))
    return redirect(reverse("comments-xtd-sent") + "?" + urlencode({"c": stored.pk}))


def sent(request):
    """xtd's "comment sent" page, with the comment key checked before it is looked up."""
    token = request.GET.get("c", "")
    if token.isdigit() and as_key(token) is None:
        return render(request, "comments/unavailable.html", status=400)
    return xtd_views.sent(request)


def _visible_comment(comment_id):
    comment = XtdComment.norel_objects.filter(pk=comment_id).first()
    if comment is None or not actions.is_visible(comment):
        raise Http404("There is no published comment with this number.")
    item = _comment_item(comment)
    if item is None:
        raise Http404("The item this comment belongs to is not published.")
    return comment, item


def reply(request, cid):
    """The reply form for one comment (the page's script shows it inline instead)."""
    parent, item = _visible_comment(cid)
    context = {"item": item, "parent": parent}
    closed = rules.closed_reason(item, rules.settings_for(item, request))
    if closed:
        return render(request, "comments/reply.html", {**context, "message": closed}, status=403)
    if parent.level >= max_level(item):
        message = "Replies cannot go any deeper here. Reply to an earlier comment instead."
        return render(request, "comments/reply.html", {**context, "message": message}, status=403)
    form = django_comments.get_form()(item, comment=parent)
    return render(request, "comments/reply.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def report(request, cid):
    """A reader reports a comment; enough reports hide it until a moderator looks."""
    comment = XtdComment.norel_objects.filter(pk=cid).first()
    item = _comment_item(comment) if comment is not None else None
    if item is None or comment.is_removed:
        raise Http404("There is no published comment with this number.")
    context = {"item": item, "comment": comment}
    if not comment.is_public:
        return render(request, "comments/reported.html", {**context, "under_review": True})
    form = ReportForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "comments/report.html", {**context, "form": form}, status=status)
    _, created = ReaderFlag.objects.get_or_create(
        comment=comment,
        reporter_key=_reporter_key(request),
        defaults={"reason": form.cleaned_data["reason"]},
    )
    if created:
        _hide_if_reported_enough(request, comment, item)
    return render(request, "comments/reported.html", {**context, "already": not created})


def _reporter_key(request):
    user = request.user
    who = f"user:{user.pk}" if user.is_authenticated else f"ip:{ratelimit.client_ip(request)}"
    return ratelimit.hashed("reporter", who)


def _hide_if_reported_enough(request, comment, item):
    threshold = rules.settings_for(item, request).flag_threshold
    if not threshold:
        return
    reports = comment.reader_flags.filter(reviewed=False).count()
    if reports >= threshold:
        actions.hide_after_reports(comment, reports)


def _signed_comment(key):
    """The comment packed into an emailed link, or None if the link is not ours or stale."""
    try:
        return signed.loads(str(key), extra_key=xtd_settings.COMMENTS_XTD_SALT)
    except (ValueError, ObjectDoesNotExist):
        return None


@transaction.atomic
def confirm(request, key):
    """A guest follows the emailed link: xtd stores the comment, after our checks."""
    if _signed_comment(key) is None:
        return render(request, "comments/link_invalid.html", status=400)
    return xtd_views.confirm(request, key, template_discarded="comments/discarded.html")


def mute(request, key):
    """The signed unsubscribe link in follow-up emails."""
    comment = _signed_comment(key)
    if comment is None:
        return render(request, "comments/link_invalid.html", status=400)
    changed = XtdComment.norel_objects.filter(
        content_type=comment.content_type,
        object_pk=comment.object_pk,
        user_email__iexact=comment.user_email,
        followup=True,
    ).update(followup=False)
    comment_thread_muted.send(sender=XtdComment, comment=comment, request=request)
    context = {"item": comment.content_object, "already": not changed}
    return render(request, "comments/muted.html", context)


def go_to_comment(request, content_type_id, object_pk):
    """Where a comment's get_absolute_url leads: its item on this host (not Site.domain)."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        model = None
    item = live_item(model, object_pk) if model is not None else None
    if item is None:
        raise Http404("This item is not published.")
    return redirect(_item_url(request, item))
