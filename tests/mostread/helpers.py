"""A beacon sent as a reader's browser sends it, and the counts it leaves."""

from mostread.models import HourlyReads

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
READER_IP = "203.0.113.77"
ORIGIN = "http://testserver"
URL = "/most-read/count/"


def beacon(client, page_id=None, ip=READER_IP, user_agent=BROWSER, headers=None, body=None):
    """POST `page=<id>` (or `body`) like navigator.sendBeacon from one of the site's pages;
    a header given as None is left out."""
    sent = {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin", "User-Agent": user_agent}
    sent.update(headers or {})
    return client.generic(
        "POST",
        URL,
        f"page={page_id}" if body is None else body,
        content_type="application/x-www-form-urlencoded;charset=UTF-8",
        headers={name: value for name, value in sent.items() if value is not None},
        REMOTE_ADDR=ip,
    )


def reads(page=None):
    """{page id: reads} summed over hours (of one page if given)."""
    rows = HourlyReads.objects.all() if page is None else HourlyReads.objects.filter(page=page)
    totals = {}
    for row in rows:
        totals[row.page_id] = totals.get(row.page_id, 0) + row.reads
    return totals
