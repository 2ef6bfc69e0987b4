"""SEC-11: 200 stored-XSS payloads in the free text sellers store (product titles and
descriptions, the shop's name and description), rendered in buyer, seller, authority and admin
views by headless Chromium: no payload may run a script. Buyers' free text goes the same way:
reviews (published and waiting for moderation) and buyer–seller messages.

Every payload calls `__xss(n)`; the page defines it before any of its own scripts, so a single
execution anywhere (inline script, event handler, javascript: URL, srcdoc frame) is counted.
"""

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.services import description_render
from phohang.catalog.tests.factories import ProductFactory, VariantFactory
from phohang.core import reliability
from phohang.messaging.models import Conversation, Message
from phohang.orders.models import Review
from phohang.orders.tests.factories import place
from phohang.sellers.models import SellerMember
from phohang.sellers.tests.factories import SellerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VECTORS = [
    "<script>__xss({n})</script>",
    "<img src=x onerror=__xss({n})>",
    "<svg onload=__xss({n})>",
    '"><script>__xss({n})</script>',
    "'><img src=x onerror=__xss({n})>",
    '<iframe srcdoc="<script>parent.__xss({n})</script>"></iframe>',
    "<details open ontoggle=__xss({n})>",
    "[bấm](javascript:__xss({n}))",
    '![ảnh](x" onerror="__xss({n}))',
    "<body onload=__xss({n})>",
    "</textarea><script>__xss({n})</script>",
    "</title><script>__xss({n})</script>",
    "</script><script>__xss({n})</script>",
    "<input autofocus onfocus=__xss({n})>",
    "<video><source onerror=__xss({n})></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>",
    "<marquee onstart=__xss({n})>x</marquee>",
    '<object data="javascript:__xss({n})"></object>',
    "<scr<script>ipt>__xss({n})</scr</script>ipt>",
    "<IMG SRC=x OnErRoR=__xss({n})>",
]
PAYLOADS = [
    f"Chè {n} " + VECTORS[n % len(VECTORS)].format(n=n) for n in range(200)
]  # 10 of each vector, each with its own number
PROBE = (
    "window.__xssHits = [];"
    "window.__xss = (n) => window.__xssHits.push(n);"
    "window.alert = window.confirm = window.prompt = (m) => window.__xssHits.push('dialog:' + m);"
)


def signed_in_context(browser, live_server, user, device=None):
    client = Client()
    client.force_login(user)
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.add_init_script(PROBE)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )
    return context


def staff(**flags):
    user = UserFactory(**flags)
    return user, TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)


def visit_all(context, paths) -> tuple[set, int, list[str]]:
    """Open each path; the script executions seen, pages opened, and pages that did not load."""
    page = context.new_page()
    hits, opened, broken = set(), 0, []
    for path in paths:
        response = page.goto(path)
        page.wait_for_timeout(50)  # let onload/onerror/ontoggle handlers run
        opened += 1
        if response is None or response.status != 200:
            broken.append(f"{path}: {response.status if response else 'no response'}")
        hits |= set(page.evaluate("window.__xssHits"))
    page.close()
    return hits, opened, broken


def buyers_write(buyer, seller, products):
    """Reviews (every second one still waiting for moderation) and a conversation with the shop,
    each holding one payload; returns the reviewed products and the conversation."""
    variants = [VariantFactory(product=product, stock_on_hand=5) for product in products]
    order = place(buyer, [(variant, 1) for variant in variants], method="vietqr").orders.get()
    for n, line in enumerate(order.lines.select_related("product").order_by("pk")):
        Review.objects.create(
            order_line=line,
            product=line.product,
            buyer=buyer,
            rating=1 + n % 5,
            body=PAYLOADS[n],
            status=Review.Status.PUBLISHED if n % 2 else Review.Status.PENDING,
        )
    conversation = Conversation.objects.create(buyer=buyer, seller=seller)
    Message.objects.bulk_create(
        Message(
            conversation=conversation,
            sender=buyer,
            side=Message.Side.BUYER,
            body=payload,
            product=products[0],
        )
        for payload in PAYLOADS[40:80]
    )
    return products, conversation


def test_stored_payloads_never_run_in_any_view(browser, live_server, administrative_units):
    seller = SellerFactory(name=PAYLOADS[0][:200], description="\n\n".join(PAYLOADS))
    owner = UserFactory()
    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    products = [
        ProductFactory(
            seller=seller,
            title=payload[:200],
            description=payload,
            description_html=description_render(payload),
        )
        for payload in PAYLOADS
    ]
    buyer = UserFactory()
    reviewed, conversation = buyers_write(buyer, seller, products[:40])
    # A city-level officer: one of no province would see nothing at all (SEC-04).
    officer, officer_device = staff(is_authority=True, is_city_authority=True)
    admin, admin_device = staff(is_staff=True, is_superuser=True)
    views = {
        "buyer": (
            buyer,
            None,
            [f"/sellers/{seller.slug}/", conversation.get_absolute_url()]
            + [product.get_absolute_url() for product in products]
            + [f"/orders/reviews/{product.public_id}/" for product in reviewed],
        ),
        "seller": (
            owner,
            None,
            [f"/shop/products/?page={n}" for n in range(1, 9)]
            + [conversation.get_absolute_url(), "/messages/"],
        ),
        "authority": (
            officer,
            officer_device,
            [f"/authority/products/?page={n}" for n in range(1, 5)]
            + ["/orders/authority/reviews/", "/messages/moderation/"],
        ),
        "admin": (
            admin,
            admin_device,
            ["/admin/catalog/product/", "/admin/catalog/product/?p=2", "/admin/sellers/seller/"]
            + [f"/admin/catalog/product/{product.pk}/change/" for product in products[:20]],
        ),
    }

    figures, all_hits, all_broken = {"payloads": len(PAYLOADS)}, set(), []
    for view, (user, device, paths) in views.items():
        context = signed_in_context(browser, live_server, user, device)
        hits, opened, broken = visit_all(context, paths)
        context.close()
        figures[view] = {"pages": opened, "script_executions": len(hits)}
        all_hits |= hits
        all_broken += broken

    reliability.record("SEC-11", figures)
    assert all_broken == []
    assert sorted(all_hits, key=str) == []


def test_probe_counts_payloads_that_do_run(browser):
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()

    page.set_content(f"<p>{PAYLOADS[0]} {PAYLOADS[1]} {PAYLOADS[5]}</p>")
    page.wait_for_timeout(200)

    assert sorted(page.evaluate("window.__xssHits")) == [0, 1, 5]
    context.close()
