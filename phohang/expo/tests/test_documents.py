"""The document an exhibitor sends with its application, and who may read it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phohang.accounts.tests.factories import login_verified
from phohang.core.models import AuditRecord
from phohang.expo.models import Exhibitor

from .factories import ProductFactory, UserFactory, event_with_booths, seller_with_owner

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _apply(client, event, owner, seller, upload):
    client.force_login(owner)
    product = ProductFactory(seller=seller)
    return client.post(
        reverse("expo:apply", kwargs={"slug": event.slug}),
        {
            "seller": seller.pk,
            "booth_size": "1x1",
            "products": [product.pk],
            "note": "Chè búp Tân Cương",
            "document": upload,
        },
    )


def test_the_document_sent_with_an_application_reaches_the_organiser(client):
    event = event_with_booths()
    seller, owner = seller_with_owner(name="Hợp tác xã Chè Tân Cương")

    response = _apply(
        client, event, owner, seller, SimpleUploadedFile("giay-phep.pdf", PDF, "application/pdf")
    )

    exhibitor = Exhibitor.objects.get(event=event, seller=seller)
    assert response.status_code == 302
    assert exhibitor.document.name.endswith(".pdf")
    login_verified(client, event.organisers.get())
    manage = client.get(reverse("expo:manage", kwargs={"slug": event.slug})).content.decode()
    link = reverse("expo:application_document", kwargs={"public_id": exhibitor.public_id})
    assert link in manage
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert AuditRecord.objects.filter(action="expo.exhibitor.document_viewed").count() == 1


def test_a_stranger_cannot_read_the_document(client):
    event = event_with_booths()
    seller, owner = seller_with_owner()
    _apply(client, event, owner, seller, SimpleUploadedFile("a.pdf", PDF, "application/pdf"))
    exhibitor = Exhibitor.objects.get(event=event, seller=seller)
    link = reverse("expo:application_document", kwargs={"public_id": exhibitor.public_id})

    assert client.get(link).status_code == 200  # the seller's own member
    client.force_login(UserFactory())
    assert client.get(link).status_code == 404


def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_created(client):
    event = event_with_booths()
    seller, owner = seller_with_owner()

    response = _apply(
        client,
        event,
        owner,
        seller,
        SimpleUploadedFile("giay-phep.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["document"][0].startswith(("Only PDF", "Chỉ"))
    assert not Exhibitor.objects.filter(event=event).exists()


def test_an_application_without_a_document_has_no_download(client):
    event = event_with_booths()
    seller, owner = seller_with_owner()
    _apply(client, event, owner, seller, b"")
    exhibitor = Exhibitor.objects.get(event=event, seller=seller)

    link = reverse("expo:application_document", kwargs={"public_id": exhibitor.public_id})
    assert client.get(link).status_code == 404
