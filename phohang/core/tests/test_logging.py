import logging

from django.conf import settings

from phohang.core.logging import RedactPersonalDataFilter, redact


def test_redact_masks_ids_phones_emails_tokens_and_secrets():
    text = (
        "cccd 001203004567 mst 0100109106 phone 0912345678 +84912345678 "
        "mail lan.tran@example.vn token ph_abcdefghijklmnopqrstuvwxyz0123 "
        "url /sellers/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-ab/ password=hunter2"
    )

    assert redact(text) == (
        "cccd [number] mst [number] phone [phone] [phone] "
        "mail [email] token [token] "
        "url /sellers/invitations/[token]/ password=[redacted]"
    )


def test_filter_rewrites_the_record_message():
    record = logging.LogRecord("phohang", logging.INFO, __file__, 1, "login %s", ("a@b.vn",), None)

    assert RedactPersonalDataFilter().filter(record) is True
    assert record.getMessage() == "login [email]"


def test_every_configured_handler_redacts():
    handlers = settings.LOGGING["handlers"]

    assert handlers
    assert all("redact_pii" in handler.get("filters", []) for handler in handlers.values())
