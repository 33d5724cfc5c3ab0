"""Rate limits on sign-ups: per reader network (an IPv4 address, an IPv6 /64) and per
address, each per hour, through the comments app's atomic limiter (keyed hashes and a lock
row per key, so a burst of parallel sign-ups cannot pass a limit).
"""

from django.conf import settings

from comments.ratelimit import Rule, client_ip, reader_network, take

WINDOW_MINUTES = 60
EVENT = "newsletter_signup_rate_limited"


def subscribe_rules(request, email):
    """The limits on one sign-up from this request for this address."""
    ip = client_ip(request)
    rules = []
    if ip and settings.NEWSLETTER_SIGNUPS_PER_IP:
        network = reader_network(ip)
        allowed = settings.NEWSLETTER_SIGNUPS_PER_IP
        rules.append(Rule("newsletter-ip", network, allowed, WINDOW_MINUTES, EVENT, "sign-ups"))
    if settings.NEWSLETTER_SIGNUPS_PER_EMAIL:
        allowed = settings.NEWSLETTER_SIGNUPS_PER_EMAIL
        rules.append(Rule("newsletter-email", email, allowed, WINDOW_MINUTES, EVENT, "sign-ups"))
    return rules


def take_subscribe(request, email):
    """The first sign-up limit reached (a comments.ratelimit.Limit), else None with this
    sign-up counted. Call it inside the transaction that keeps the sign-up."""
    return take(subscribe_rules(request, email))
