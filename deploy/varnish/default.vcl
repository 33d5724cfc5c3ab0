vcl 4.1;

# Public Sector Today: Varnish in front of gunicorn (README "Serving").
#
# Anonymous readers share one cached copy of every page; editors, posts, the admin and the
# comment endpoints always go to the app. Publishing purges a page (Wagtail's frontend cache
# app sends PURGE from the app's machine) and Varnish fetches it afresh at once; readers get
# the previous copy meanwhile (for half a second at most), and get cached copies while the
# app is down (grace).

import std;
import purge;
import cookie;
import directors;

# The app servers: gunicorn, one backend each, all probed alike. scripts/varnish_server.py
# writes one copy of `app1` per app server (app1, app2, ...) with its .host and .port, and
# adds each to the director in vcl_init, when it starts Varnish for `make serve`, the tests
# and the benchmarks; a deployment does the same by hand (docs/deploy.md).
probe app_probe {
    # A cheap page of the app's. Two failures in the last three mark an app server down:
    # the director then leaves it out; when all are down readers get whatever grace keeps
    # (vcl_recv), and uncached pages get 503. The probe's Host header is the backend's .host
    # (or .host_header if set): it must be one of the app's ALLOWED_HOSTS.
    .url = "/robots.txt";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = app_probe;
}

sub vcl_init {
    # Requests that reach the app go to the healthy app servers in turn. They share the
    # database and Redis (sessions, cache), so any of them can answer anyone.
    new app = directors.round_robin();
    app.add_backend(app1);
}

# Who may PURGE: the app's own machine. Add the app servers' addresses in a deployment.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    # One id per request, in the app's log lines and the response (cms/request_log.py):
    # the proxy's transaction id unless a proxy in front already gave one.
    if (!req.http.X-Request-ID) {
        set req.http.X-Request-ID = req.xid;
    }
    # While the app is healthy an expired copy is served for at most a few seconds while a
    # fresh one is fetched; while it is down, for as long as beresp.grace keeps it (6 hours).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 5s;
    }

    # Tracking parameters never change a page: drop them from the URL (the cache key and
    # what the app sees), so every campaign link shares the one cached copy.
    if (req.url ~ "(?i)[?&](utm_[a-z0-9_]*|fbclid|gclid)=") {
        set req.url = regsuball(req.url, "(?i)([?&])(utm_[a-z0-9_]*|fbclid|gclid)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "PURGE is only accepted from the app's own machine"));
        }
        return (hash);
    }

    # Always to the app, never cached: anything but reading, the admin, the comment
    # endpoints (posting, the per-reader CSRF token, confirm links, reports), the most-read
    # beacon (every read must reach the counter, whatever method it comes with), the health
    # check (a load balancer asks whether an app server is up now) and anyone signed in (Django's session cookie). Their cookies go through untouched.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|comments|most-read|healthz)(/|\?|$)" || req.http.Authorization) {
        return (pass);
    }
    cookie.parse(req.http.Cookie);
    if (cookie.isset("sessionid")) {
        return (pass);
    }

    # Any other cookie (the CSRF cookie, analytics) never changes what a reader is shown:
    # drop them all, so every anonymous reader shares one cached copy.
    unset req.http.Cookie;
    return (hash);
}

# A PURGE from the app marks every cached copy of the URL expired with half a second of
# grace: the first reader after it gets the previous copy and starts a background fetch of
# the fresh page, later readers get the fresh one as soon as it is in; past the half second
# readers wait for it. So nobody is served the old page more than half a second after the
# purge arrives, however slow the app, and the app renders each purged page at most once
# (and not at all if nobody reads it).
sub vcl_hit {
    if (req.method == "PURGE") {
        purge.soft(0s, 0.5s);
        return (synth(200, "Purged"));
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        return (synth(200, "Nothing cached"));
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A failed background refresh keeps the copy readers are getting.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # The app made this page while a change it shows was being committed (cms/middleware.py):
    # the change's purge may have arrived before this fetch ended, and would then be lost.
    # Keep it as a purge leaves a copy: expired, with half a second of grace, so the next
    # reader starts a fresh fetch.
    if (beresp.http.X-Changed-While-Rendering) {
        unset beresp.http.X-Changed-While-Rendering;
        set beresp.ttl = 0s;
        set beresp.grace = 0.5s;
        return (deliver);
    }
    # Never share a response that sets a cookie (a CSRF token, a session) or that the app
    # marks private, no-cache or no-store: ask the app again for each request (hit-for-miss).
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.ttl <= 0s
        || beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The app's s-maxage is the TTL; after it (or a purge) copies are kept for grace.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_backend_error {
    # The app is unreachable during a background refresh: keep serving the copy we have.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    # A cached copy carries the id of the request that fetched it: give this one's.
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    # Whether the reader was answered from the cache, for people and the tests.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
