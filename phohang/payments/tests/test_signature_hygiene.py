"""PAY-12: signature hygiene. Signatures compare in constant time, secrets come only from the
environment through settings, and no log line or stored callback carries a signature or a secret."""

import ast
import logging
import re
from pathlib import Path

import pytest
from django.urls import reverse

from phohang.core import reliability
from phohang.payments import vnpay
from phohang.payments.models import GatewayCallback

from .test_vnpay import ipn_params, resign

ROOT = Path(__file__).resolve().parents[3]
SIGNATURE_WORDS = re.compile(r"signature|secure_?hash|checksum|hmac|\bsign\(", re.I)
SECRET_SETTINGS = ("SECRET_KEY", "VNPAY_HASH_SECRET", "FIELD_ENCRYPTION_KEYS")
SECRET_NAME = re.compile(r"SECRET|PASSWORD|_KEY$", re.I)


def product_modules():
    for path in sorted((ROOT / "phohang").rglob("*.py")):
        if not {"tests", "migrations"} & set(path.parts):
            yield path, ast.parse(path.read_text())


def plain_comparisons_of_signatures() -> list[str]:
    """`==`/`!=` on anything named like a signature: a timing oracle (hmac.compare_digest instead)."""
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}"
        for path, tree in product_modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops)
        and SIGNATURE_WORDS.search(ast.unparse(node))
    ]


def secrets_with_literal_fallbacks() -> list[str]:
    """`getattr(settings, "..._SECRET", "literal")` outside settings: a secret that ships in code."""
    findings = []
    for path, tree in product_modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and len(node.args) == 3
                and isinstance(node.args[1], ast.Constant)
                and SECRET_NAME.search(str(node.args[1].value))
                and isinstance(node.args[2], ast.Constant)
                and node.args[2].value
            ):
                findings.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    return findings


def secret_settings_not_from_environment() -> list[str]:
    tree = ast.parse((ROOT / "config" / "settings" / "base.py").read_text())
    read_from_environment = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {target.id for target in targets if isinstance(target, ast.Name)}
            source = ast.unparse(node.value)
            if "os.environ" in source or "env(" in source or "env_list(" in source:
                read_from_environment |= names
    return [name for name in SECRET_SETTINGS if name not in read_from_environment]


def test_signature_hygiene_static_findings_are_zero():
    findings = {
        "plain_signature_comparisons": plain_comparisons_of_signatures(),
        "secrets_with_literal_fallbacks": secrets_with_literal_fallbacks(),
        "secret_settings_not_from_environment": secret_settings_not_from_environment(),
    }

    reliability.record("PAY-12", {name: len(found) for name, found in findings.items()})
    assert findings == {name: [] for name in findings}


def test_signature_check_uses_hmac_compare_digest(monkeypatch):
    calls = []
    real = vnpay.hmac.compare_digest
    monkeypatch.setattr(
        vnpay.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b)
    )
    params = {"vnp_Amount": "100", "vnp_TxnRef": "PH1"}
    params["vnp_SecureHash"] = vnpay.sign(params, "k")

    assert vnpay.signature_is_valid(params, "k") is True
    assert vnpay.signature_is_valid({**params, "vnp_Amount": "101"}, "k") is False
    assert len(calls) == 2


@pytest.mark.django_db
def test_ipn_signatures_and_secret_never_reach_logs_or_storage(client, vnpay_checkout, caplog):
    _checkout, payment, _variant = vnpay_checkout
    secret = vnpay.credentials().hash_secret
    valid = ipn_params(payment)
    forged = resign({**valid, "vnp_Amount": "1"}, secret="guessed")
    tampered = {**valid, "vnp_TxnRef": "UNKNOWN"}
    caplog.set_level(logging.DEBUG)

    codes = [
        client.get(reverse("payments:vnpay_ipn"), params).json()["RspCode"]
        for params in (forged, tampered, valid)
    ]

    hashes = {forged["vnp_SecureHash"], valid["vnp_SecureHash"]}
    logged = "\n".join(record.getMessage() for record in caplog.records)
    stored = " ".join(str(row.params) for row in GatewayCallback.objects.all())
    leaks = [value for value in (*hashes, secret) if value in logged or value in stored]
    reliability.record("PAY-12", {"ipn_log_and_storage_leaks": len(leaks)})
    assert codes == ["97", "97", "00"]
    assert "vnpay ipn refused" in logged
    assert leaks == []
