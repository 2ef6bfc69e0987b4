"""Keep personal data out of logs: identity numbers, phones, emails and secrets are masked."""

import logging
import re

_PATTERNS = [
    # Bearer tokens, invitation and password-reset tokens travel in URLs that get logged.
    (re.compile(r"(?<![\w-])ph_[\w-]{20,}"), "[token]"),
    (re.compile(r"(?<![\w-])[\w-]{32,}(?![\w-])"), "[token]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"(?<!\d)(?:\+?84|0)(?:3|5|7|8|9)\d{8}(?!\d)"), "[phone]"),
    (re.compile(r"(?<!\d)\d{9,13}(?!\d)"), "[number]"),
    (
        re.compile(r"(vnp_SecureHash|secret|password|sessionid|token)=([^&\s]+)", re.I),
        r"\1=[redacted]",
    ),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not break logging
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True
