vcl 4.1;

# Public Sector Today: Varnish in front of gunicorn (README "Serving").
#
# Anonymous readers share one cached copy of every page; editors, posts, the admin and the
# comment endpoints always go to the app. Publishing purges a page (Wagtail's frontend cache
# app sends PURGE from the app's machine) and Varnish fetches it afresh at once; readers get
# the previous copy meanwhile, and get cached copies while the app is down (grace).

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
    if (req.restarts == 0) {
        unset req.http.X-Purge-Refresh;  # only purge_and_refresh sets it
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
    # endpoints (posting, the per-reader CSRF token, confirm links, reports), the health
    # check (a load balancer asks whether an app server is up now) and anyone signed in (Django's session cookie). Their cookies go through untouched.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|comments|healthz)(/|\?|$)" || req.http.Authorization) {
        return (pass);
    }
    cookie.parse(req.http.Cookie);
    if (cookie.isset("sessionid")) {
        return (pass);
    }

    # Any other cookie (the CSRF cookie, analytics) never changes what a reader is shown:
    # drop them all, so every anonymous reader shares one cached copy.
    unset req.http.Cookie;
    if (req.http.X-Purge-Refresh) {
        set req.hash_always_miss = true;  # the refresh after a purge
    }
    return (hash);
}

# A PURGE from the app marks every cached copy of the URL expired but keeps it for 5 seconds
# of grace, then restarts as a GET that fetches the fresh page at once (hash_always_miss):
# readers arriving meanwhile get the previous copy instead of waiting for the app, and the
# page is fresh as soon as the app has answered the purge.
sub vcl_hit {
    if (req.method == "PURGE") {
        call purge_and_refresh;
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        call purge_and_refresh;
    }
}

sub purge_and_refresh {
    purge.soft(0s, 5s);
    set req.method = "GET";
    set req.http.X-Purge-Refresh = "1";
    return (restart);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A failed background refresh keeps the copy readers are getting.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
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
    if (req.http.X-Purge-Refresh) {
        return (synth(200, "Purged"));
    }
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
