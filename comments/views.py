"""Readers' comment views: post, reply, report, confirm, unsubscribe.

Every refusal is a page that says why and, where the reader wrote something, gives their
text back in the form: nothing a reader types is lost to an error.
"""

import django_comments
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_comments_xtd import get_model

from cms.refusals import log_refusal
from comments import actions, links, posting, ratelimit, rules
from comments.forms import ReportForm
from comments.models import ReaderFlag
from comments.rules import item_of, live_item
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


def _posted_item(data):
    try:
        app_label, model_name = str(data.get("content_type", "")).split(".", 1)
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except (ValueError, ContentType.DoesNotExist):
        return None
    return live_item(model, data.get("object_pk"))


def _fresh_form(item, data):
    """A new form (new security stamp) holding what the reader typed."""
    initial = {name: data.get(name) for name in READER_FIELDS if data.get(name)}
    initial["followup"] = data.get("followup") in ("on", "true", "1", "True")
    return django_comments.get_form()(item, initial=initial)


def _form_page(request, item, form, status, message="", **extra):
    context = {"item": item, "form": form, "message": message, **extra}
    return render(request, "comments/form_page.html", context, status=status)


def _limited(request, response, limit):
    """A 429 page for a reached limit: says when to try again, and is logged."""
    log_refusal(limit.event, request, status=429, limit=limit.kind)
    response["Retry-After"] = str(limit.retry_after)
    return response


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


def _link_invalid(request):
    return render(request, "comments/link_invalid.html", status=400)


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
    """Check a comment, then store it (signed-in reader) or email its link (guest)."""
    data = request.POST.copy()
    _fill_in_account(request, data)
    item = _posted_item(data)
    if item is None:
        return render(request, "comments/unavailable.html", status=400)
    if _csrf_failed(request):
        return _form_page(request, item, _fresh_form(item, data), 403, SESSION_EXPIRED)
    closed = rules.closed_reason(item, rules.settings_for(item, request))
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
    fields = posting.fields_from(form, item, get_current_site(request).pk, ip)
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        earlier = rules.duplicate_of(XtdComment(**fields))
        if earlier is not None:  # a double click
            return _after_posting(request, item, earlier)
    limits = (
        []
        if rules.is_trusted(user)
        else ratelimit.comment_rules(ip, fields["user_email"], user is None)
    )
    with transaction.atomic():
        limit = ratelimit.take(limits)
        if limit is not None:
            return _limited(request, _form_page(request, item, form, 429, limit.message), limit)
        if user is not None:
            stored = posting.store(fields, user)
        else:
            posting.hold_for_confirmation(fields)
    if user is not None:
        return _after_posting(request, item, stored)
    # The worker sends the confirmation (retrying while the mail server is down).
    return redirect(links.sent_path(item=item))


def _after_posting(request, item, stored):
    if actions.is_visible(stored):
        return redirect(_item_url(request, item, stored.pk))
    return redirect(links.sent_path(comment=stored))


@require_safe
def sent(request):
    """After sending: "check your email" (guests) or "a moderator will review it".

    Entirely ours, whatever the request's headers: it names the item only while it is
    live and public, and shows nothing about the commenter.
    """
    try:
        kind, value = links.sent_value(request.GET.get("c", ""))
    except links.BadLink:
        return _link_invalid(request)
    if kind == "item":
        content_type_id, page_id = value
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            model = None
        item = live_item(model, page_id)
        context = {"item": item, "confirm_days": rules.CONFIRM_WITHIN.days}
        return render(request, "comments/posted.html", context)
    comment = XtdComment.norel_objects.filter(pk=value).first()
    if comment is None:
        return _link_invalid(request)
    item = item_of(comment)
    if item is not None and actions.is_visible(comment):
        return redirect(_item_url(request, item, comment.pk))
    return render(request, "comments/moderated.html", {"item": item})


def _visible_comment(comment_id):
    comment = XtdComment.norel_objects.filter(pk=comment_id).first()
    if comment is None or not actions.is_visible(comment):
        raise Http404("There is no published comment with this number.")
    item = item_of(comment)
    if item is None:
        raise Http404("The item this comment belongs to is not published.")
    return comment, item


@require_safe
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
    """A reader reports a comment; enough reports hide it until a moderator looks.

    Each reader (an account, or an IP network) counts once per comment and may send only
    so many reports an hour, so that a few readers cannot hide whatever they like.
    """
    comment = XtdComment.norel_objects.filter(pk=cid).first()
    item = item_of(comment) if comment is not None else None
    if item is None or comment.is_removed:
        raise Http404("There is no published comment with this number.")
    context = {"item": item, "comment": comment}
    if not comment.is_public:
        return render(request, "comments/reported.html", {**context, "under_review": True})
    form = ReportForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "comments/report.html", {**context, "form": form}, status=status)
    reader = _reader(request)
    reporter_key = ratelimit.hashed("reporter", reader)
    if ReaderFlag.objects.filter(comment=comment, reporter_key=reporter_key).exists():
        return render(request, "comments/reported.html", {**context, "already": True})
    limits = [] if rules.is_trusted(request.user) else ratelimit.report_rules(reader)
    with transaction.atomic():
        limit = ratelimit.take(limits)
        if limit is not None:
            page = render(
                request,
                "comments/report.html",
                {**context, "form": form, "message": limit.message},
                status=429,
            )
            return _limited(request, page, limit)
        _, created = ReaderFlag.objects.get_or_create(
            comment=comment,
            reporter_key=reporter_key,
            defaults={"reason": form.cleaned_data["reason"]},
        )
        if created:
            _hide_if_reported_enough(request, comment, item)
    return render(request, "comments/reported.html", {**context, "already": not created})


def _reader(request):
    """Who is reporting, for counting: their account, else their IP network."""
    user = request.user
    if user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{ratelimit.reader_network(ratelimit.client_ip(request))}"


def _hide_if_reported_enough(request, comment, item):
    threshold = rules.settings_for(item, request).flag_threshold
    if not threshold:
        return
    reports = comment.reader_flags.filter(reviewed=False).count()
    if reports >= threshold:
        actions.hide_after_reports(comment, reports)


@require_safe
def confirm(request, key):
    """A guest follows the emailed link: their comment is stored (once), after our checks."""
    try:
        pending_id, expired = links.pending_id(key)
    except links.BadLink:
        return _link_invalid(request)
    outcome = posting.confirm(pending_id, expired)
    if outcome.used:
        return render(request, "comments/link_used.html", status=410)
    if outcome.discarded is not None:
        context = {"item": outcome.item, "comment": outcome.discarded, "reason": outcome.reason}
        return render(request, "comments/discarded.html", context)
    return _after_posting(request, outcome.item, outcome.comment)


@require_safe
def mute(request, key):
    """The signed unsubscribe link in follow-up emails: no more emails about this item."""
    try:
        comment_id = links.muted_comment_id(key)
    except links.BadLink:
        return _link_invalid(request)
    comment = XtdComment.norel_objects.filter(pk=comment_id).first()
    changed = 0
    if comment is not None and comment.user_email:
        changed = XtdComment.norel_objects.filter(
            content_type_id=comment.content_type_id,
            object_pk=comment.object_pk,
            user_email__iexact=comment.user_email,
            followup=True,
        ).update(followup=False)
    item = item_of(comment) if comment is not None else None
    return render(request, "comments/muted.html", {"item": item, "already": not changed})


@require_safe
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
