"""Admin sign-in throttling, two-factor sign-in, the CSRF failure page and refusal logs."""

import io
import json
import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.refusals import JSONFormatter

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def refusals():
    """Every line the "cms.refusals" logger writes, formatted as in production, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    logger = logging.getLogger("cms.refusals")
    logger.addHandler(handler)
    lines = []

    def read():
        lines[:] = [json.loads(line) for line in stream.getvalue().splitlines()]
        return lines

    yield read
    logger.removeHandler(handler)


@pytest.fixture
def staff(site):
    user = get_user_model().objects.create_user(
        "casey", "casey.private@example.org", PASSWORD, first_name="Casey"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_account_is_locked_after_n_failures_from_any_addresses(client, staff, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "casey", "wrong", address=f"198.51.100.{attempt}")
        assert response.status_code == 200  # the login form again, with its error
    response = sign_in(client, "casey", "wrong", address="198.51.100.99")
    assert response.status_code == 429

    # Now even the right password, from a fresh address, is refused for the cool-off.
    response = sign_in(client, "casey", PASSWORD, address="192.0.2.50")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text
    assert f"paused for {settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in response.text
    assert response["Retry-After"] == str(settings.AXES_COOLOFF_TIME.seconds)
    assert "_auth_user_id" not in client.session


def test_an_address_is_locked_after_n_failures_for_any_accounts(client, staff, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{attempt}", "wrong", address="203.0.113.9")
    response = sign_in(client, "casey", PASSWORD, address="203.0.113.9")
    assert response.status_code == 429
    # The same account from another address is not locked: it had no failures of its own.
    response = sign_in(Client(), "casey", PASSWORD, address="203.0.113.10")
    assert response.status_code == 302


def test_sign_in_works_again_after_the_cool_off(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "casey", "wrong")
    assert sign_in(client, "casey", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    response = sign_in(client, "casey", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_throttled_sign_in_is_logged_without_personal_data(client, staff, settings, refusals):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, "casey", "wrong", address="203.0.113.77")
    events = [line for line in refusals() if line["event"] == "login_throttled"]
    assert events, refusals()
    assert events[0]["status"] == 429
    assert events[0]["path"] == LOGIN
    assert events[0]["logger"] == "cms.refusals"
    written = json.dumps(refusals())
    for private in ("casey", "203.0.113.77", "example.org"):
        assert private not in written


def test_a_csrf_failure_gets_our_page_and_a_log_line(site, refusals):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "casey", "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.text
    assert 'class="site-header"' in response.text  # the site's own layout
    for leak in ("Traceback", "CSRF_COOKIE", "DEBUG", "SECRET", "settings.py", "Help"):
        assert leak not in response.text
    (line,) = [line for line in refusals() if line["event"] == "csrf_failure"]
    assert line == {**line, "status": 403, "reason": "cookie_missing", "method": "POST"}


def test_the_refusal_pages_are_valid_html(site, client, staff, settings, tmp_path):
    from tests.test_markup import described, vnu_errors

    csrf = Client(enforce_csrf_checks=True).post(LOGIN, {"username": "casey"})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = sign_in(client, "casey", "wrong")
    assert (csrf.status_code, locked.status_code) == (403, 429)
    (tmp_path / "csrf.html").write_bytes(csrf.content)
    (tmp_path / "locked.html").write_bytes(locked.content)
    errors = vnu_errors(sorted(tmp_path.glob("*.html")))
    assert errors == {}, described(errors)


def test_refusal_lines_are_one_json_object_each(refusals):
    from cms.refusals import log_refusal

    log_refusal("comment_rate_limited", status=429, retry_after=60)
    log_refusal("csrf_failure", status=403, reason="token_missing")
    first, second = refusals()
    assert first["event"] == "comment_rate_limited" and first["retry_after"] == 60
    assert second["reason"] == "token_missing"
    assert set(first) == {"time", "level", "logger", "event", "status", "retry_after"}


# Two-factor sign-in ------------------------------------------------------------------------


def current_code(device):
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


def code_text(device):
    return f"{current_code(device):06d}"


def test_without_the_switch_staff_sign_in_with_a_password_alone(client, staff):
    assert sign_in(client, "casey", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_first_admin_enrols_on_first_sign_in_and_is_asked_every_time(settings, site):
    settings.TWO_FACTOR_REQUIRED = True
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client = Client()
    assert sign_in(client, "admin", PASSWORD).status_code == 302

    response = client.get("/admin/pages/")
    enrol = reverse("two_factor_enrol")
    assert response.status_code == 302
    assert response["Location"] == f"{enrol}?next=%2Fadmin%2Fpages%2F"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in page.text and "Set up two-factor sign-in" in page.text
    device = TOTPDevice.objects.get(user__username="admin", confirmed=False)

    wrong = client.post(enrol, {"code": f"{(current_code(device) + 1) % 10**6:06d}"})
    assert wrong.status_code == 400 and "not right" in wrong.text
    device.refresh_from_db()
    device.throttling_failure_count = 0  # a wrong code slows the next try down
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(enrol, {"code": code_text(device), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200

    # Next time: password, then a code from the same app.
    later = Client()
    sign_in(later, "admin", PASSWORD)
    response = later.get("/admin/")
    assert response["Location"].startswith(reverse("two_factor_verify"))
    device.refresh_from_db()
    device.last_t = -1  # the code above was spent; the next one in the same 30 s is the same
    device.save()
    assert later.post(reverse("two_factor_verify"), {"code": "12345x"}).status_code == 400
    response = later.post(
        reverse("two_factor_verify"), {"code": code_text(device), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert later.get("/admin/").status_code == 200


def test_editors_must_enrol_and_writers_may_choose(settings, client, staff):
    settings.TWO_FACTOR_REQUIRED = True
    sign_in(client, "casey", PASSWORD)
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor_enrol"))

    writer = get_user_model().objects.create_user("wendy", "w@example.org", PASSWORD)
    writer.groups.add(Group.objects.get(name="Writers"))
    other = Client()
    sign_in(other, "wendy", PASSWORD)
    assert other.get("/admin/").status_code == 200
    # Public pages are never gated.
    assert client.get("/").status_code == 200


def test_reset_two_factor_lets_a_user_enrol_again(settings, client, staff):
    from django.core.management import call_command

    TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    settings.TWO_FACTOR_REQUIRED = True
    sign_in(client, "casey", PASSWORD)
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor_verify"))
    call_command("reset_two_factor", "casey", stdout=io.StringIO())
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor_enrol"))


def test_the_refusal_logger_is_configured_for_json_lines():
    logger = logging.getLogger("cms.refusals")
    assert logger.propagate is False  # not repeated, unformatted, by the root logger
    assert any(isinstance(handler.formatter, JSONFormatter) for handler in logger.handlers)
    assert logger.isEnabledFor(logging.WARNING)
