import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.catalog.models import Product
from phohang.core.models import AuditRecord
from phohang.orders import services
from phohang.orders.models import Review, ReviewPhoto
from phohang.orders.services.state import Actor

from .factories import VariantFactory, place, seller_with_owner

pytestmark = pytest.mark.django_db


def _jpeg(name="anh.jpg", color=(180, 120, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _delivered_line(buyer=None, *, product_title="Mật ong bạc hà Hà Giang"):
    seller, owner = seller_with_owner()
    buyer = buyer or UserFactory(full_name="Nguyễn Thị Lan")
    variant = VariantFactory(product__seller=seller, product__title=product_title)
    order = place(buyer, [(variant, 1)], method="vnpay").orders.get()
    services.order_mark_paid(order_id=order.pk)
    services.order_pack(order=order, actor=owner)
    services.order_ship(order=order, actor=owner, carrier="GHN", tracking_number="1")
    services.order_mark_delivered(order=order, actor=buyer, actor_kind=Actor.BUYER)
    return order, order.lines.get(), buyer, variant.product


def _write(client, order, line, **data):
    return client.post(reverse("orders:review_write", args=[order.public_id, line.pk]), data)


def test_review_with_photos_stays_private_until_an_officer_publishes_it(client):
    order, line, buyer, product = _delivered_line()
    client.force_login(buyer)

    sent = _write(client, order, line, rating=4, body="Mật thơm, đóng chai cẩn thận.",
                  photos=[_jpeg(), _jpeg("b.jpg")])  # fmt: skip

    review = Review.objects.get()
    photo = review.photos.first()
    assert sent.status_code == 302
    assert (review.status, review.rating, review.photos.count()) == ("pending", 4, 2)
    page = Client().get(product.get_absolute_url()).content.decode()
    assert "Mật thơm" not in page and "Chưa có đánh giá" in page
    assert client.get(reverse("orders:review_photo", args=[photo.pk])).status_code == 200
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(reverse("orders:review_photo", args=[photo.pk])).status_code == 404

    officer = Client()
    login_verified(officer, AuthorityFactory())
    queue = officer.get(reverse("orders:review_queue"))
    published = officer.post(reverse("orders:review_moderate", args=[review.pk, "publish"]))

    review.refresh_from_db()
    product.refresh_from_db()
    photo.refresh_from_db()
    assert queue.status_code == 200 and "Mật thơm" in queue.content.decode()
    assert published.status_code == 302
    assert (review.status, product.rating_count, product.rating_tenths) == ("published", 1, 40)
    assert photo.public_image.name.startswith("reviews/")
    page = Client().get(product.get_absolute_url()).content.decode()
    assert "Mật thơm, đóng chai cẩn thận." in page
    assert photo.public_image.url in page
    assert AuditRecord.objects.filter(action="orders.review.published").count() == 1


def test_rejecting_a_published_review_takes_it_off_and_recounts_the_rating(client):
    from phohang.core.audit import AuditContext

    order, line, buyer, product = _delivered_line()
    review = services.review_submit(buyer=buyer, order_line_id=line.pk, rating=2, body="Hơi loãng")
    officer = AuthorityFactory()
    services.review_publish(review=review, context=AuditContext(actor=officer))

    services.review_reject(
        review=review, reason="Lộ số điện thoại", context=AuditContext(actor=officer)
    )

    review.refresh_from_db()
    product.refresh_from_db()
    assert (review.status, review.moderation_note) == ("rejected", "Lộ số điện thoại")
    assert (product.rating_count, product.rating_total, product.rating_tenths) == (0, 0, 0)
    assert "Hơi loãng" not in client.get(product.get_absolute_url()).content.decode()


def test_reject_without_a_reason_is_refused_and_changes_nothing(client):
    order, line, buyer, product = _delivered_line()
    review = services.review_submit(buyer=buyer, order_line_id=line.pk, rating=5)
    officer = Client()
    login_verified(officer, AuthorityFactory())

    response = officer.post(
        reverse("orders:review_moderate", args=[review.pk, "reject"]), {"reason": " "}
    )

    review.refresh_from_db()
    assert response.status_code == 302
    assert review.status == "pending"
    assert not AuditRecord.objects.filter(action__startswith="orders.review").exists()


def test_an_officer_of_another_province_cannot_see_or_moderate_the_review():
    order, line, buyer, product = _delivered_line()
    review = services.review_submit(buyer=buyer, order_line_id=line.pk, rating=5)
    other_province = "79" if product.seller.province_id != "79" else "01"
    officer = Client()
    login_verified(officer, AuthorityFactory(authority_province_id=other_province))

    queue = officer.get(reverse("orders:review_queue"))
    moderated = officer.post(reverse("orders:review_moderate", args=[review.pk, "publish"]))

    review.refresh_from_db()
    assert "Không có đánh giá nào đang chờ duyệt." in queue.content.decode()
    assert moderated.status_code == 404
    assert review.status == "pending"


def test_buyers_and_sellers_cannot_open_the_moderation_queue(client):
    client.force_login(UserFactory())

    assert client.get(reverse("orders:review_queue")).status_code == 403


def test_review_form_refuses_six_photos_or_a_non_image_and_stores_nothing(client):
    order, line, buyer, product = _delivered_line()
    client.force_login(buyer)

    too_many = _write(client, order, line, rating=5, photos=[_jpeg(f"{n}.jpg") for n in range(6)])
    not_image = _write(
        client, order, line, rating=5,
        photos=[SimpleUploadedFile("a.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")],
    )  # fmt: skip

    assert (too_many.status_code, not_image.status_code) == (400, 400)
    assert "Tối đa 5 ảnh." in too_many.content.decode()
    assert Review.objects.count() == 0 and ReviewPhoto.objects.count() == 0


def test_review_form_without_stars_says_so(client):
    order, line, buyer, product = _delivered_line()
    client.force_login(buyer)

    response = _write(client, order, line, body="Ngon")

    assert response.status_code == 400
    assert "1 đến 5 sao" in response.content.decode()
    assert Review.objects.count() == 0


def test_review_page_of_an_undelivered_order_explains_and_stores_nothing(client):
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    order = place(buyer, [(VariantFactory(product__seller=seller), 1)]).orders.get()
    client.force_login(buyer)

    response = _write(client, order, order.lines.get(), rating=5)

    assert response.status_code == 400
    assert "Bạn có thể đánh giá sản phẩm sau khi đã nhận hàng." in response.content.decode()
    assert Review.objects.count() == 0


def test_someone_elses_order_line_is_not_found(client):
    order, line, buyer, product = _delivered_line()
    client.force_login(UserFactory())

    response = _write(client, order, line, rating=1)

    assert response.status_code == 404
    assert Review.objects.count() == 0


def test_product_reviews_page_filters_by_stars_and_shows_the_distribution(client):
    from phohang.core.audit import AuditContext

    officer = AuthorityFactory()
    order, line, buyer, product = _delivered_line()
    first = services.review_submit(buyer=buyer, order_line_id=line.pk, rating=5, body="Tuyệt vời")
    services.review_publish(review=first, context=AuditContext(actor=officer))
    variant = product.variants.get()
    seller_owner = product.seller.members.first().user
    second_buyer = UserFactory()
    other = place(second_buyer, [(variant, 1)], method="vnpay").orders.get()
    services.order_mark_paid(order_id=other.pk)
    services.order_pack(order=other, actor=seller_owner)
    services.order_ship(order=other, actor=seller_owner, carrier="GHN", tracking_number="2")
    services.order_mark_delivered(order=other, actor=second_buyer, actor_kind=Actor.BUYER)
    second = services.review_submit(
        buyer=second_buyer, order_line_id=other.lines.get().pk, rating=3, body="Tạm được"
    )
    services.review_publish(review=second, context=AuditContext(actor=officer))

    all_reviews = client.get(reverse("orders:product_reviews", args=[product.public_id]))
    three = client.get(reverse("orders:product_reviews", args=[product.public_id]), {"stars": "3"})
    garbage = client.get(
        reverse("orders:product_reviews", args=[product.public_id]), {"stars": "x", "page": "z"}
    )

    product.refresh_from_db()
    assert (product.rating_count, product.rating_tenths) == (2, 40)
    body = all_reviews.content.decode()
    assert "Tuyệt vời" in body and "Tạm được" in body and "4,0" in body
    assert "Tạm được" in three.content.decode() and "Tuyệt vời" not in three.content.decode()
    assert garbage.status_code == 200


def test_units_sold_and_rating_show_on_the_product_page(client):
    order, line, buyer, product = _delivered_line()

    body = client.get(product.get_absolute_url()).content.decode()

    assert Product.objects.get(pk=product.pk).sold_count == 1
    assert "Đã bán 1" in body
