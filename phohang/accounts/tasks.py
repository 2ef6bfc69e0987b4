"""Background work of accounts: email leaves the request that caused it."""

import logging

from django.core.mail import send_mail
from django.tasks import task

logger = logging.getLogger("phohang.accounts")


@task
def email_deliver_task(*, subject: str, body: str, recipients: list[str]) -> bool:
    """Send one plain-text email; a mail server that is down is logged, not raised to the user."""
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # the mail server's failures are many and all mean "not delivered"
        logger.warning("email to %d recipient(s) not delivered", len(recipients), exc_info=True)
        return False
    return True
