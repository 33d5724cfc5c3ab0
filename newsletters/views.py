"""Readers' newsletter pages: sign up, confirm, unsubscribe (with RFC 8058 one-click),
preferences.

The sign-up form is on every page, and pages are cached for every reader, so it carries
no CSRF token: the worst a forged sign-up can do is send a confirmation email, which the
rate limits bound. The keyed views (confirm, unsubscribe, preferences) need no CSRF token
either: the signed key in their address is the secret a forger would have to know, and
mail programs' one-click unsubscribe posts without cookies.
"""

import uuid

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cms.refusals import log_refusal
from newsletters import limits, links, subscribing
from newsletters.forms import PreferencesForm, SubscribeForm
from newsletters.models import PendingSubscription, Subscriber, Subscription

PROBLEM = "There is a problem with your sign-up"


def _keyed(response):
    """Personal pages: never stored by a cache, never sent on as a referrer."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def newsletters_page(request):
    """/newsletters/: every list, with the sign-up form."""
    return render(request, "newsletters/signup.html", {"form": SubscribeForm()})


@csrf_exempt
@require_POST
def subscribe(request):
    """Keep a sign-up and email its confirmation link; the same answer for every address."""
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "message": PROBLEM}
        return render(request, "newsletters/signup.html", context, status=400)
    with transaction.atomic():
        refused = limits.take_subscribe(request, form.cleaned_data["email"])
        if refused is None:
            subscribing.request_subscription(form.cleaned_data["email"], form.chosen_lists())
    if refused is not None:
        log_refusal(
            "newsletter_signup_rate_limited",
            request,
            status=429,
            limit=refused.kind.removeprefix("newsletter-"),
        )
        response = render(
            request,
            "newsletters/signup.html",
            {"form": form, "message": refused.message},
            status=429,
        )
        response["Retry-After"] = str(refused.retry_after)
        return response
    return redirect(reverse("newsletters:check_email"), permanent=False)


@require_safe
def check_email(request):
    return render(request, "newsletters/check_email.html")


def _link_problem(request, reason, status):
    return _keyed(
        render(request, "newsletters/link_problem.html", {"reason": reason}, status=status)
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, key):
    """The link in the confirmation email: a page with a Confirm button.

    Following the link does not subscribe by itself: mail scanners fetch every link in a
    message, and they must not confirm a sign-up nobody wanted.
    """
    try:
        pending_id = uuid.UUID(links.pending_id(key))
    except links.Expired:
        return _link_problem(request, "expired", 410)
    except (links.BadLink, ValueError):
        return _link_problem(request, "invalid", 400)
    if request.method != "POST":
        if not PendingSubscription.objects.filter(pk=pending_id).exists():
            return _link_problem(request, "used", 410)
        return _keyed(render(request, "newsletters/confirm.html"))
    subscriber = subscribing.confirm(pending_id)
    if subscriber is None:
        return _link_problem(request, "used", 410)
    context = {
        "lists": [
            s.mailing_list
            for s in subscriber.active_subscriptions.select_related("mailing_list__topic")
        ],
        "preferences_url": links.preferences_path(subscriber),
    }
    return _keyed(render(request, "newsletters/confirmed.html", context))


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, key):
    """The unsubscribe link of a message, and its List-Unsubscribe header's target.

    GET shows a button (scanners fetch links); POST unsubscribes from the message's list,
    again and again with the same answer. A mail program's one-click POST (RFC 8058,
    body `List-Unsubscribe=One-Click`) gets a short plain answer.
    """
    try:
        subscriber_key, list_id, _ = links.unsubscribe_value(key)
    except links.BadLink:
        return _link_problem(request, "invalid", 400)
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    if request.method == "POST":
        ended_by = Subscription.BY_ONE_CLICK if one_click else Subscription.BY_READER
        subscriber, mailing_list = subscribing.unsubscribe_from_link(key, ended_by)
        if one_click:
            return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
        if subscriber is None:
            return _link_problem(request, "gone", 410)
        context = {
            "mailing_list": mailing_list,
            "preferences_url": links.preferences_path(subscriber),
        }
        return _keyed(render(request, "newsletters/unsubscribed.html", context))
    subscriber = Subscriber.objects.filter(key=subscriber_key).first()
    mailing_list = (
        subscriber and subscriber.lists.select_related("topic").filter(pk=list_id).first()
    )
    if mailing_list is None:
        return _link_problem(request, "gone", 410)
    context = {"mailing_list": mailing_list, "preferences_url": links.preferences_path(subscriber)}
    return _keyed(render(request, "newsletters/unsubscribe.html", context))


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, key):
    """Change lists, or unsubscribe from everything, from the signed link in every message."""
    if key == links.SAMPLE:
        return _keyed(render(request, "newsletters/sample_link.html"))
    try:
        subscriber_key = links.preferences_subscriber_key(key)
    except links.BadLink:
        return _link_problem(request, "invalid", 400)
    subscriber = Subscriber.objects.filter(key=subscriber_key).first()
    if subscriber is None:
        return _link_problem(request, "gone", 410)
    saved = None
    if request.method == "POST":
        if "unsubscribe_all" in request.POST:
            subscribing.unsubscribe_all(subscriber)
            saved = "all"
            form = PreferencesForm.for_subscriber(subscriber)
        else:
            form = PreferencesForm.for_subscriber(subscriber, data=request.POST)
            if not form.is_valid():
                context = {"form": form, "message": "There is a problem with your choices"}
                return _keyed(render(request, "newsletters/preferences.html", context, status=400))
            subscribing.set_lists(subscriber, form.chosen_lists())
            saved = "lists"
            form = PreferencesForm.for_subscriber(subscriber)
    else:
        form = PreferencesForm.for_subscriber(subscriber)
    return _keyed(render(request, "newsletters/preferences.html", {"form": form, "saved": saved}))
