"""The objects of today's apps in the SEC-02 matrix (one register() call each)."""

from .matrix import Call, register


def _order(people):
    from phohang.orders.tests.factories import VariantFactory, place

    variant = VariantFactory(product__seller=people["seller_a"], stock_on_hand=5)
    return place(people["buyer_a"], [(variant, 1)]).orders.get()


def _checkout(people):
    return _order(people).checkout


def _product(people):
    from phohang.orders.tests.factories import VariantFactory

    return VariantFactory(product__seller=people["seller_a"], stock_on_hand=5).product


def _application(people):
    from phohang.sellers.tests.factories import SellerApplicationFactory

    return SellerApplicationFactory(applicant=people["buyer_a"], province_code="01")


def _quote(people):
    from phohang.trade import services
    from phohang.trade.tests import factories

    category = factories.CategoryFactory(name_vi="Gạo", name_en="Rice", slug="gao-sec02")
    organisation = services.organisation_create(
        user=people["buyer_a"], name="Siêu thị A", kind="supermarket", province_id="01"
    )
    demand = services.demand_create(
        user=people["buyer_a"], organisation=organisation, data=factories.demand_data(category)
    )
    return services.quote_submit(
        user=people["seller_a_owner"],
        seller=people["seller_a"],
        demand=demand,
        data=factories.quote_data(),
    )


PRODUCT = {
    "title": "Chè Tân Cương đổi tên",
    "category": "gao-ngu-coc",
    "province_code": "01",
    "unit": "kg",
    "variants": [{"name": "500 g", "sku": "SEC02-1", "price_vnd": 120000, "stock_on_hand": 5}],
}
BUYER = {"buyer_a"}
SELLER_A = {"seller_a_owner", "seller_a_staff"}

register(
    "order",
    build=_order,
    calls={"read": Call("GET", "/api/v1/orders/{public_id}")},
    owners=BUYER | SELLER_A,
    secret=lambda order: order.number,
)
register(
    "checkout_payment",
    build=_checkout,
    calls={
        "read": Call("GET", "/api/v1/payments/checkouts/{public_id}"),
        "update": Call("POST", "/api/v1/payments/checkouts/{public_id}/pay", {"method": "vietqr"}),
    },
    owners=BUYER,
    secret=lambda checkout: checkout.reference,
)
register(
    "order_refund",
    build=_order,
    calls={
        "update": Call(
            "POST",
            "/api/v1/payments/orders/{public_id}/refunds",
            {"amount_vnd": 1000, "reason": "x"},
        )
    },
    owners=SELLER_A | {"platform_admin"},
    secret=lambda order: order.number,
)
register(
    "product_draft",
    build=_product,
    calls={
        "read": Call("GET", "/api/v1/catalog/my/products/{public_id}"),
        "update": Call("PUT", "/api/v1/catalog/my/products/{public_id}", PRODUCT),
        "delete": Call("DELETE", "/api/v1/catalog/my/products/{public_id}"),
        "publish": Call("POST", "/api/v1/catalog/my/products/{public_id}/publish"),
    },
    owners=SELLER_A,
    secret=lambda product: product.title,
)
register(
    "seller_application_kyc",
    build=_application,
    calls={
        "read": Call("GET", "/api/v1/sellers/applications/{public_id}"),
        "update": Call(
            "POST",
            "/api/v1/sellers/applications/{public_id}/decision",
            {"decision": "reject", "reason": "Thiếu giấy tờ"},
        ),
    },
    owners={"buyer_a", "authority_x", "platform_admin"},
    secret=lambda application: application.tax_code,
)
register(
    "quote",
    build=_quote,
    calls={
        "read": Call("GET", "/api/v1/trade/quotes/{public_id}"),
        "messages": Call("GET", "/api/v1/trade/quotes/{public_id}/messages"),
        "accept": Call("POST", "/api/v1/trade/quotes/{public_id}/accept", {}),
        "withdraw": Call("POST", "/api/v1/trade/quotes/{public_id}/withdraw"),
    },
    owners=BUYER | SELLER_A,
    secret=lambda quote: str(quote.price_per_unit_vnd),
)


def _expo_event(people):
    from phohang.expo.tests.factories import event_with_booths

    return event_with_booths(user=people["authority_x"], booths=2)


def _expo_application(people):
    from phohang.expo import services

    event = _expo_event(people)
    return services.exhibitor_apply(
        user=people["seller_a_owner"], seller=people["seller_a"], event=event, note="Gian SEC-02"
    )


def _expo_registration(people):
    from phohang.expo import services

    return services.registration_create(
        user=people["buyer_a"],
        event=_expo_event(people),
        kind="trade",
        full_name="Nguyễn Thị SEC-02",
        organisation="Siêu thị SEC-02",
    )


def _expo_run(people):
    from phohang.core.audit import AuditContext
    from phohang.expo import services

    registration = _expo_registration(people)
    organiser = people["authority_x"]
    return services.schedule_start(
        user=organiser, event=registration.event, time_limit_s=1, context=AuditContext(organiser)
    )


EXPO_ORGANISERS = {"authority_x", "platform_admin"}
register(
    "expo_application",
    build=_expo_application,
    calls={
        "read": Call("GET", "/api/v1/expo/exhibitors/{public_id}"),
        "decide": Call(
            "POST", "/api/v1/expo/exhibitors/{public_id}/decision", {"decision": "approve"}
        ),
    },
    owners=SELLER_A | EXPO_ORGANISERS,
    secret=lambda exhibitor: exhibitor.note,
)
register(
    "expo_ticket",
    build=_expo_registration,
    calls={"read": Call("GET", "/api/v1/expo/registrations/{public_id}")},
    owners=BUYER | EXPO_ORGANISERS,
    secret=lambda registration: registration.ticket_code,
)
register(
    "expo_agenda",
    build=lambda people: _expo_registration(people).participant,
    calls={
        "agenda": Call("GET", "/api/v1/expo/participants/{public_id}/agenda"),
        "requests": Call("GET", "/api/v1/expo/participants/{public_id}/requests"),
        "availability": Call(
            "PUT",
            "/api/v1/expo/participants/{public_id}/availability",
            {"slots": [0, 1], "max_meetings": 2},
        ),
    },
    owners=BUYER | EXPO_ORGANISERS,
    secret=lambda participant: participant.name,
)
register(
    "expo_schedule_run",
    build=_expo_run,
    calls={"read": Call("GET", "/api/v1/expo/schedule-runs/{public_id}")},
    owners=EXPO_ORGANISERS,
    secret=lambda run: str(run.public_id),
)


def _conversation(people):
    from phohang.messaging import services

    return services.conversation_open(
        buyer=people["buyer_a"], seller=people["seller_a"], body="Chè còn hàng 500 g không ạ?"
    )


def _message(people):
    return _conversation(people).messages.get()


MODERATORS_OF_A = {"authority_x", "platform_admin"}
register(
    "conversation",
    build=_conversation,
    calls={
        "read": Call("GET", "/api/v1/messages/conversations/{public_id}"),
        "send": Call(
            "POST", "/api/v1/messages/conversations/{public_id}/messages", {"body": "Chào shop"}
        ),
    },
    owners=BUYER | SELLER_A | MODERATORS_OF_A,
    secret=lambda conversation: "Chè còn hàng 500 g",
)
register(
    "message_report",
    build=_message,
    calls={
        "report": Call(
            "POST", "/api/v1/messages/messages/{public_id}/report", {"reason": "Lừa đảo"}
        ),
    },
    owners=BUYER | SELLER_A,
    secret=lambda message: message.body,
)


def _saved_address(people):
    from phohang.orders import services
    from phohang.orders.tests.factories import ward

    destination = ward("01")
    return services.saved_address_add(
        user=people["buyer_a"],
        street="Số 7 ngõ 15 phố Mã Mây",
        ward=destination,
        province=destination.province,
        recipient_name="Lê Thị Hoa",
        recipient_phone="0912345678",
    )


register(
    "saved_address",
    build=_saved_address,
    calls={
        "read": Call("GET", "/api/v1/orders/addresses/{public_id}"),
        "default": Call("POST", "/api/v1/orders/addresses/{public_id}/default"),
        "delete": Call("DELETE", "/api/v1/orders/addresses/{public_id}"),
    },
    owners=BUYER,
    secret=lambda saved: "ngõ 15 phố Mã Mây",
)


def _hub(people):
    from phohang.logistics.tests.factories import HubFactory, StopFactory

    hub = HubFactory(name="Kho Hoài Đức SEC02", managers=[people["seller_a_owner"]])
    StopFactory(hub=hub, name="Bếp ăn bí mật SEC02")
    return hub


def _plan(people):
    from phohang.logistics.models import PlanRun

    hub = _hub(people)
    return PlanRun.objects.create(
        hub=hub,
        run_date=hub.stops.get().run_date,
        time_limit_s=5,
        input_digest="x",
        result={"routes": [], "unserved": [{"stop": "s", "name": "Bếp ăn bí mật SEC02"}]},
    )


def _shipment(people):
    from phohang.logistics.models import Shipment

    order = _order(people)
    return Shipment.objects.create(
        carrier="ghn",
        tracking_code="GHNSEC02SECRET",
        seller=order.seller,
        buyer=order.buyer,
        order=order,
        recipient_name=order.recipient_name,
        recipient_phone=order.recipient_phone,
        address_text="12 phố Hàng Bạc",
        weight_grams=500,
        idempotency_key="sec-02-shipment",
    )


HUB_MANAGER = {"seller_a_owner", "platform_admin"}
STOP_BODY = {
    "date": "2026-03-10",
    "name": "x",
    "latitude": 21.03,
    "longitude": 105.85,
    "demand_kg": "1",
    "window_start": "09:00",
    "window_end": "10:00",
}
register(
    "logistics_hub",
    build=_hub,
    calls={
        "read": Call("GET", "/api/v1/logistics/hubs/{public_id}"),
        "stops": Call("GET", "/api/v1/logistics/hubs/{public_id}/stops?date=2026-03-10"),
        "add_stop": Call("POST", "/api/v1/logistics/hubs/{public_id}/stops", STOP_BODY),
        "plan": Call("POST", "/api/v1/logistics/hubs/{public_id}/plans", {"date": "2026-03-10"}),
    },
    owners=HUB_MANAGER,
    secret=lambda hub: hub.name,
)
register(
    "logistics_plan",
    build=_plan,
    calls={"read": Call("GET", "/api/v1/logistics/plans/{public_id}")},
    owners=HUB_MANAGER,
    secret=lambda plan: "Bếp ăn bí mật SEC02",
)
register(
    "shipment",
    build=_shipment,
    calls={"read": Call("GET", "/api/v1/logistics/shipments/{public_id}")},
    owners=BUYER | SELLER_A | {"platform_admin"},
    secret=lambda shipment: shipment.tracking_code,
)


def _park_lead(people):
    from phohang.directory.tests.factories import InquiryFactory, ParkFactory

    park = ParkFactory(operator_members=[people["seller_a_owner"]])
    return InquiryFactory(park=park, investor=people["buyer_a"], company="Nhà đầu tư bí mật SEC02")


register(
    "directory_lead",
    build=_park_lead,
    calls={
        "read": Call("GET", "/api/v1/directory/inquiries/{public_id}"),
        "move": Call("POST", "/api/v1/directory/leads/{public_id}/moves", {"to": "contacted"}),
    },
    owners={"buyer_a", "seller_a_owner"},
    secret=lambda lead: lead.company,
)


def _complaint(people):
    from phohang.compliance import services
    from phohang.core.audit import AuditContext

    order = _order(people)
    return services.complaint_file(
        complainant=people["buyer_a"],
        target="order",
        reference=str(order.public_id),
        body="Giao thiếu hàng SEC02 bí mật",
        evidence=None,
        context=AuditContext(actor=people["buyer_a"]),
    )


register(
    "complaint",
    build=_complaint,
    calls={"read": Call("GET", "/api/v1/compliance/complaints/{public_id}")},
    owners=BUYER | SELLER_A | {"authority_x", "platform_admin"},
    secret=lambda complaint: "Giao thiếu hàng SEC02 bí mật",
)


def _consignment(people):
    from phohang.markets import services
    from phohang.markets.tests.factories import MarketFactory, context_for, lychee_data

    owner = people["seller_a_owner"]
    market = MarketFactory(name="Chợ đầu mối SEC02", managers=[owner])
    return services.consignment_register(
        market=market,
        data=lychee_data(producer_name="Hợp tác xã bí mật SEC02"),
        user=owner,
        context=context_for(owner),
    )


register(
    "market_consignment",
    build=_consignment,
    calls={"read": Call("GET", "/api/v1/markets/consignments/{public_id}")},
    owners={"seller_a_owner", "platform_admin"},
    secret=lambda consignment: "Hợp tác xã bí mật SEC02",
)


def _live_session(people):
    from phohang.livestream.tests.factories import live_session

    return live_session(
        seller=people["seller_a"], host=people["seller_a_owner"], title="Phiên chè SEC-02 riêng"
    )


register(
    "livestream_session_manage",
    build=_live_session,
    calls={"read": Call("GET", "/api/v1/live/my/sessions/{public_id}")},
    owners=SELLER_A,
    secret=lambda session: session.advertising,
)
register(
    "livestream_stop",
    build=_live_session,
    calls={"stop": Call("POST", "/api/v1/live/sessions/{public_id}/stop", {"reason": "Vi phạm"})},
    owners={"authority_x", "platform_admin"},
    secret=lambda session: "Vi phạm",
)
