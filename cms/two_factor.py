"""Two-factor sign-in to the admin for staff: django-otp's TOTP devices (authenticator apps).

When TWO_FACTOR_REQUIRED is on, a superuser or a member of TWO_FACTOR_GROUPS who signs in
with a password is sent to enrol an authenticator app (the first time) or to give a code
from it (every time after) before any other admin page opens; so the first administrator
enrols on their first sign-in and can never be locked out by the switch. Anyone else who
has enrolled a device is asked for a code too. `manage.py reset_two_factor <username>`
removes a user's devices (a lost phone): they enrol again at their next sign-in.
"""

from base64 import b32encode
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access

# Admin pages a signed-in user without a code may still open: signing in and out, the two
# pages below, and what the admin's own login page loads.
OPEN_ADMIN_PATHS = ("login/", "logout/", "two-factor/", "jsi18n/", "sprite-", "password_reset/")


def must_use_second_factor(user):
    """Superusers and members of TWO_FACTOR_GROUPS must enrol; anyone enrolled is asked."""
    return (
        user.is_superuser
        or user.groups.filter(name__in=settings.TWO_FACTOR_GROUPS).exists()
        or user_has_device(user, confirmed=True)
    )


class StaffTwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (it sets `request.user.otp_device`), and, when two-factor
    sign-in is required, the gate in front of every admin page."""

    async_capable = False

    def __call__(self, request):
        self._install_lazy_accessors(request)
        return self.gate(request) or self.get_response(request)

    def gate(self, request):
        prefix = settings.ADMIN_URL_PREFIX
        if not settings.TWO_FACTOR_REQUIRED or not request.path_info.startswith(prefix):
            return None
        if request.path_info[len(prefix) :].startswith(OPEN_ADMIN_PATHS):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not must_use_second_factor(user):
            return None
        step = "two_factor_verify" if user_has_device(user, confirmed=True) else "two_factor_enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class CodeForm(forms.Form):
    """The six-digit code an authenticator app shows."""

    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not (code.isascii() and code.isdigit()):
            raise forms.ValidationError("Enter the 6 digits your app shows.")
        return code


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _qr_svg(text):
    """The QR code as inline SVG markup: drawn here, so no image is fetched from anywhere."""
    # Imported here: only the enrolment page draws one, and loaded at start-up it would
    # cost every web worker 5 MB (README "Performance").
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return mark_safe(image.to_string(encoding="unicode"))  # our own drawing, no user text


@never_cache
@sensitive_post_parameters("code")
@require_admin_access
def enrol(request):
    """Show a new authenticator secret as a QR code; a correct code from it confirms it."""
    user = request.user
    if user_has_device(user, confirmed=True):
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next_url(request)})}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "That code is not right. Check the app's clock and try again.")
    secret = b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": _qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "cms/two_factor_enrol.html", context, status=400 if form.errors else 200)


@never_cache
@sensitive_post_parameters("code")
@require_admin_access
def verify(request):
    """Ask for a code from the user's authenticator app (django-otp throttles wrong codes)."""
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "That code is not right, or has expired. Try the newest one.")
    context = {"form": form, "next": _next_url(request)}
    return render(
        request, "cms/two_factor_verify.html", context, status=400 if form.errors else 200
    )
