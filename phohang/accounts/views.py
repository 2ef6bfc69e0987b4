import json
import math

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.client import client_address

from . import mfa, personal_data, selectors, services, throttling, tokens
from .audit_log import AuditFilters, audit_line, audit_records
from .forms import ApiTokenForm, AuditFilterForm, LoginForm, OtpForm, RegistrationForm
from .models import Consent, NotificationKind, Role, User
from .throttling import LoginThrottled

PENDING_MFA_SESSION_KEY = "pending_mfa_user"
LOGIN_REDIRECT = "site:home"


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return default


def _complete_login(request, user: User, device=None) -> None:
    login(request, user, backend="phohang.accounts.backends.EmailOrPhoneBackend")
    if device is not None:
        otp_login(request, device)


@public
@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("site:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.user_register(
            full_name=data["full_name"],
            password=data["password1"],
            email=data["email"],
            phone=data["phone"],
            accepts_terms=data["accepts_terms"],
            accepts_marketing=data["accepts_marketing"],
        )
        _complete_login(request, user)
        messages.success(request, _("Welcome to Phố Hàng! Your account is ready."))
        return redirect(_safe_next(request, reverse("site:home")))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/register.html", {"form": form}, status=status)


def _try_again_at(retry_at) -> str:
    return date_format(timezone.localtime(retry_at), "H:i")


def _throttled(throttled: LoginThrottled) -> str:
    return _("Too many failed attempts. Try again after %(time)s, or reset your password.") % {
        "time": _try_again_at(throttled.retry_at)
    }


def _retry_after(response, retry_at) -> None:
    seconds = (retry_at - timezone.now()).total_seconds()
    response["Retry-After"] = str(max(1, math.ceil(seconds)))


@public
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request.POST or None)
    error = None
    status = 200
    retry_at = None
    if request.GET.get("expired"):
        error = _("Your session ended after a period of inactivity. Please sign in again.")
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        ip = client_address(request)
        try:
            throttling.attempt_begin(scope="login", identifier=identifier, ip=ip)
        except LoginThrottled as throttled:
            error, status, retry_at = _throttled(throttled), 429, throttled.retry_at
        else:
            user = authenticate(
                request, username=identifier, password=form.cleaned_data["password"]
            )
            if user is None:
                error = _("The email/mobile number or password is not correct.")
                status = 400
            else:
                throttling.attempt_succeeded(scope="login", identifier=identifier, ip=ip)
                next_url = _safe_next(request, reverse(LOGIN_REDIRECT))
                if mfa.mfa_is_required(user):
                    request.session.cycle_key()
                    request.session[PENDING_MFA_SESSION_KEY] = user.pk
                    request.session["pending_next"] = next_url
                    return redirect("accounts:mfa")
                _complete_login(request, user)
                return redirect(next_url)
    elif request.method == "POST":
        status = 400
    response = render(
        request,
        "accounts/login.html",
        {"form": form, "error": error, "next": request.GET.get("next", "")},
        status=status,
    )
    if retry_at is not None:
        _retry_after(response, retry_at)
    return response


def _otp_check(request, user: User, device, code: str) -> tuple[bool, str | None, object]:
    """(verified, error, retry_at): the device's own back-off first, then the shared limits."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        locked_until = (details or {}).get("locked_until") or timezone.now()
        message = _("Too many wrong codes. Try again after %(time)s.") % {
            "time": date_format(timezone.localtime(locked_until), "H:i:s")
        }
        return False, message, locked_until
    ip = client_address(request)
    throttle_id = str(user.pk)
    try:
        throttling.attempt_begin(scope="otp", identifier=throttle_id, ip=ip)
    except LoginThrottled as throttled:
        return False, _throttled(throttled), throttled.retry_at
    if mfa.totp_verify(device, code):
        throttling.attempt_succeeded(scope="otp", identifier=throttle_id, ip=ip)
        return True, None, None
    return False, _("The code is not correct or has expired."), None


@public
@require_http_methods(["GET", "POST"])
def mfa_view(request):
    """Second step for authority/admin users: verify a TOTP code, enrolling a device first if needed."""
    user_id = request.session.get(PENDING_MFA_SESSION_KEY)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return redirect("accounts:login")
    device = mfa.totp_device_for(user)
    enrolling = device is None
    if enrolling:
        device = mfa.totp_device_start_enrolment(user)
    form = OtpForm(request.POST or None)
    error = retry_at = None
    if request.method == "POST" and form.is_valid():
        verified, error, retry_at = _otp_check(request, user, device, form.cleaned_data["code"])
        if verified:
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            next_url = request.session.get("pending_next") or reverse(LOGIN_REDIRECT)
            _complete_login(request, user, device)
            return redirect(next_url)
    context = {"form": form, "error": error, "enrolling": enrolling}
    if enrolling:
        context.update(qr=mfa.totp_qr_data_uri(device), secret=mfa.totp_secret_base32(device))
    status = 429 if retry_at is not None else 400 if error else 200
    response = render(request, "accounts/mfa.html", context, status=status)
    if retry_at is not None:
        _retry_after(response, retry_at)
    return response


@public
@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("site:home")


def _token_create(request, form: ApiTokenForm) -> str | None:
    """The new raw token, or None with the refusal added to `form`."""
    data = form.cleaned_data
    try:
        _token, raw = tokens.api_token_create(
            user=request.user,
            name=data["name"],
            scopes=data["scopes"],
            lifetime_days=data["lifetime_days"],
            otp_code=data.get("otp_code", ""),
            context=audit_context_from_request(request),
        )
    except tokens.TokenRefused as refused:
        form.add_error("otp_code" if "otp_code" in form.fields else None, str(refused))
    except LoginThrottled as throttled:
        form.add_error(None, _throttled(throttled))
    else:
        return raw
    return None


@signed_in
@require_http_methods(["GET", "POST"])
def account(request):
    action = request.POST.get("action") if request.method == "POST" else None
    token_form = ApiTokenForm(request.POST if action == "create_token" else None, user=request.user)
    new_token = None
    status = 200
    if action == "create_token":
        new_token = _token_create(request, token_form) if token_form.is_valid() else None
        status = 200 if new_token else 400
    elif action == "revoke_token":
        token_id = request.POST.get("token_id", "")
        if token_id.isdigit():
            tokens.api_token_revoke(
                user=request.user,
                token_id=int(token_id),
                context=audit_context_from_request(request),
            )
        return redirect("accounts:account")
    elif action in {"withdraw", "grant"}:
        purpose = request.POST.get("purpose", "")
        if purpose not in Consent.Purpose.values or purpose == Consent.Purpose.TERMS:
            return render(request, "400.html", status=400)
        if action == "withdraw":
            services.consent_withdraw(user=request.user, purpose=purpose)
        elif not services.consent_is_given(user=request.user, purpose=purpose):
            services.consent_grant(user=request.user, purpose=purpose)
        return redirect("accounts:account")
    consents = {
        purpose: services.consent_is_given(user=request.user, purpose=purpose)
        for purpose in Consent.Purpose.values
    }
    return render(
        request,
        "accounts/account.html",
        {
            "token_form": token_form,
            "new_token": new_token,
            "tokens": selectors.api_token_list_for_user(request.user),
            "consents": [(p, Consent.Purpose(p).label, given) for p, given in consents.items()],
        },
        status=status,
    )


@signed_in
@require_http_methods(["GET", "POST"])
def my_data(request):
    """Download everything held about me, or erase it (PDP-02); both need the password again."""
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    error = None
    if action in {"export", "erase"}:
        context = audit_context_from_request(request, purpose="PDP-02")
        password = request.POST.get("password", "")
        try:
            if action == "export":
                personal_data.password_confirm(user=user, password=password, ip=context.ip)
                return _data_download(
                    personal_data.personal_data_export(user=user, context=context)
                )
            if request.POST.get("confirm") != "yes":
                raise personal_data.ErasureRefused(
                    _("Tick the box to confirm that you want your data erased.")
                )
            personal_data.account_erase(user=user, password=password, context=context)
        except personal_data.ErasureRefused as refused:
            error = str(refused)
        except LoginThrottled as throttled:
            error = _throttled(throttled)
        else:
            logout(request)
            messages.success(request, _("Your account is closed and your personal data erased."))
            return redirect("site:home")
    elif action is not None:
        error = _("Unknown action.")
    return render(
        request,
        "accounts/my_data.html",
        {"error": error, "refusals": selectors.erasure_refusals(user)},
        status=400 if error else 200,
    )


def _data_download(data: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="phohang-du-lieu-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@signed_in
@require_http_methods(["GET", "POST"])
def notifications(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in NotificationKind.values else ""
    items = list(selectors.notification_list_for_user(request.user, kind=kind))
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("accounts:notifications")
    return render(
        request,
        "accounts/notifications.html",
        {"notifications": items, "kind": kind, "kinds": NotificationKind.choices},
    )


@signed_in
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Per kind: on the site and by email."""
    current = selectors.notification_settings_for(request.user)
    if request.method == "POST":
        services.notification_settings_save(
            user=request.user,
            choices={
                kind: (f"{kind}-in_app" in request.POST, f"{kind}-email" in request.POST)
                for kind in NotificationKind.values
            },
        )
        messages.success(request, _("Notification settings saved."))
        return redirect("accounts:notification_settings")
    rows = [(kind, label, *current[kind]) for kind, label in NotificationKind.choices]
    return render(request, "accounts/notification_settings.html", {"rows": rows})


# The audit log covers every province: city-level authority staff and platform admins only.
@roles_required([Role.CITY_AUTHORITY, Role.ADMIN])
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilters()
    if form.is_bound and form.is_valid():
        filters = AuditFilters(**form.cleaned_data)
    page = Paginator(audit_records(filters), 50).get_page(request.GET.get("page"))
    lines = [audit_line(record) for record in page]
    audit_record(
        context=audit_context_from_request(request, purpose="review audit log"),
        action="audit.view",
        object_type="core.auditrecord",
        object_id="list",
    )
    context = {"page": page, "lines": lines, "form": form}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/audit_log.html", context, status=status)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        ip = client_address(self.request)
        try:
            throttling.attempt_begin(scope="reset", identifier=form.cleaned_data["email"], ip=ip)
        except LoginThrottled as throttled:
            form.add_error(
                None,
                _("Too many requests. Try again after %(time)s.")
                % {"time": _try_again_at(throttled.retry_at)},
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            _retry_after(response, throttled.retry_at)
            return response
        return super().form_valid(form)


password_reset = public(ThrottledPasswordResetView.as_view())
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
