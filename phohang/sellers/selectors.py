"""Reads of sellers and applications, with per-object access rules."""

from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from phohang.accounts.models import User

from .models import Seller, SellerApplication, SellerMember


def application_list_for_applicant(user: User) -> QuerySet[SellerApplication]:
    return SellerApplication.objects.filter(applicant=user).select_related("address__province")


def can_review_applications(user: User) -> bool:
    return user.is_authenticated and user.is_active and (user.is_authority or user.is_superuser)


def application_list_for_reviewer(user: User) -> QuerySet[SellerApplication]:
    """Applications an officer may review: their province's, or all for city-level staff."""
    if not can_review_applications(user):
        return SellerApplication.objects.none()
    applications = SellerApplication.objects.select_related(
        "applicant", "address__province", "address__ward"
    ).annotate(document_count=Count("documents"))
    return user.province_scope.filter(applications, "address__province_id")


def application_get_for_user(user: User, public_id: UUID | str) -> SellerApplication:
    """The application if `user` filed it or may review it; otherwise 404, never 403."""
    if not user.is_authenticated:
        raise Http404
    application = (
        application_list_for_reviewer(user).filter(public_id=public_id).first()
        or application_list_for_applicant(user).filter(public_id=public_id).first()
    )
    if application is None:
        raise Http404
    return application


def seller_list_public(
    *, province_code: str = "", seller_type: str = "", query: str = ""
) -> QuerySet[Seller]:
    sellers = Seller.objects.filter(is_active=True).select_related("province")
    if province_code:
        sellers = sellers.filter(province_id=province_code)
    if seller_type:
        sellers = sellers.filter(seller_type=seller_type)
    if query:
        sellers = sellers.filter(Q(name__icontains=query) | Q(description__icontains=query))
    return sellers.order_by("name")


def seller_get_public(slug: str) -> Seller:
    seller: Seller | None = (
        Seller.objects.filter(slug=slug, is_active=True)
        .select_related("province", "address__ward")
        .first()
    )
    if seller is None:
        raise Http404
    return seller


def membership_for_user(user: User) -> SellerMember | None:
    """The user's active membership (the first shop if they work for several)."""
    if not user.is_authenticated:
        return None
    return (
        SellerMember.objects.filter(user=user, is_active=True, seller__is_active=True)
        .select_related("seller__province")
        .order_by("joined_at")
        .first()
    )


def seller_for_member(user: User) -> Seller | None:
    membership = membership_for_user(user)
    return membership.seller if membership else None


def seller_members(seller: Seller) -> QuerySet[SellerMember]:
    return (
        seller.members.filter(is_active=True).select_related("user").order_by("role", "joined_at")
    )


def is_seller_owner(user: User, seller: Seller) -> bool:
    return SellerMember.objects.filter(
        seller=seller, user=user, is_active=True, role=SellerMember.Role.OWNER
    ).exists()


def member_may_handle_money(user: User, seller_id: int) -> bool:
    """Refunds and cancelling paid orders: the shop's owner or its finance staff only."""
    return SellerMember.objects.filter(
        seller_id=seller_id,
        user=user,
        is_active=True,
        role__in=[SellerMember.Role.OWNER, SellerMember.Role.FINANCE],
    ).exists()
