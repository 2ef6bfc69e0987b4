from django.conf import settings


def site(request):
    user = getattr(request, "user", None)
    context = {
        "debug": settings.DEBUG,
        "unread_notifications": 0,
        "unread_messages": 0,
        "is_seller_member": False,
        "is_hub_manager": False,
        "has_shipments": False,
    }
    if user is not None and user.is_authenticated:
        from phohang.accounts.selectors import unread_notification_count
        from phohang.logistics.selectors import has_shipments, is_hub_manager
        from phohang.messaging.selectors import unread_message_count

        context["unread_notifications"] = unread_notification_count(user)
        context["unread_messages"] = unread_message_count(user)
        context["is_seller_member"] = user.seller_memberships.filter(is_active=True).exists()
        context["is_hub_manager"] = is_hub_manager(user)
        context["has_shipments"] = has_shipments(user)
    return context
