"""LOG_FORMAT=json: one JSON object per line, one line per request with its id (the
proxy's X-Request-ID or a new one, sent back in the response), method, path without the
query string, status and duration; other lines logged meanwhile carry the same id."""

import json

from tests.cms.test_settings import run_manage

THREE_REQUESTS = """
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)  # the CSRF failure page shows the site's name
client = Client(enforce_csrf_checks=True)
for path, given in [("/healthz/?token=secret", "lb-42"), ("/healthz/", "bad id\\nforged"),
                    ("/admin/login/", "")]:
    headers = {"X-Request-ID": given} if given else {}
    method = client.post if path.startswith("/admin/") else client.get
    response = method(path, headers=headers)
    print(response.status_code, response["X-Request-ID"])
"""


def test_json_logs_name_each_request_and_its_id():
    result = run_manage(
        "shell",
        "-c",
        THREE_REQUESTS,
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        LOG_FORMAT="json",
        LOG_LEVEL="WARNING",
    )

    assert result.returncode == 0, result.stderr
    answers = [line.split(" ") for line in result.stdout.strip().splitlines()[-3:]]
    lines = [json.loads(line) for line in result.stderr.strip().splitlines()]  # all JSON
    requests = [line for line in lines if line["logger"] == "cms.requests"]
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/healthz/", 200),
        ("GET", "/healthz/", 200),
        ("POST", "/admin/login/", 403),
    ]
    assert [r["request_id"] for r in requests] == [answer[1] for answer in answers]
    assert requests[0]["request_id"] == "lb-42"
    # A header that is not a plain token is replaced; none given, one is made.
    assert all(len(r["request_id"]) == 32 for r in requests[1:])
    assert len({r["request_id"] for r in requests}) == 3
    assert all(isinstance(r["duration_ms"], float) and r["duration_ms"] >= 0 for r in requests)
    assert "secret" not in result.stderr
    # The CSRF refusal of the POST is logged with the same request id.
    refusal = next(line for line in lines if line["logger"] == "cms.refusals")
    assert (refusal["event"], refusal["request_id"]) == ("csrf_failure", requests[2]["request_id"])
