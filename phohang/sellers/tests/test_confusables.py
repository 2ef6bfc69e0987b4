"""FUZ-04: shop names that mix Latin with Cyrillic or Greek look-alikes of existing shops."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from phohang.core import reliability
from phohang.sellers.models import SellerApplication

from .test_services import _submit

pytestmark = pytest.mark.django_db

EXISTING = ["Hợp tác xã Chè Tân Cương", "Công ty TNHH Gốm Bát Tràng", "Lụa Vạn Phúc"]
# Look-alikes per Latin letter: Cyrillic first, then Greek where one exists.
LOOKALIKES = {
    "a": "аα", "c": "с", "e": "е", "o": "оο", "p": "рρ", "x": "хχ", "y": "у", "i": "іι",
    "H": "НΗ", "C": "С", "T": "ТΤ", "B": "ВΒ", "K": "КΚ", "M": "МΜ", "P": "РΡ",
}  # fmt: skip


def spoofs(name: str) -> list[str]:
    """Every spelling of `name` with one or two letters swapped for a look-alike."""
    positions = [i for i, char in enumerate(name) if char in LOOKALIKES]
    names = set()
    for count in (1, 2):
        for chosen in itertools.combinations(positions, count):
            for swaps in itertools.product(*(LOOKALIKES[name[i]] for i in chosen)):
                spoofed = list(name)
                for i, swap in zip(chosen, swaps, strict=True):
                    spoofed[i] = swap
                names.add("".join(spoofed))
    return sorted(names)


def test_lookalike_names_of_existing_shops_are_refused_without_being_stored():
    for name in EXISTING:
        _submit(name=name)
    attempts = [spoof for name in EXISTING for spoof in spoofs(name)]
    before = SellerApplication.objects.count()

    accepted = []
    for spoof in attempts:
        try:
            _submit(name=spoof)
        except ValidationError as error:
            assert "name" in error.message_dict
        else:
            accepted.append(spoof)

    reliability.record(
        "FUZ-04",
        {"lookalike_names_tried": len(attempts), "accepted_without_review": len(accepted)},
    )
    assert len(attempts) == 148
    assert accepted == []
    assert SellerApplication.objects.count() == before


def test_name_mixing_alphabets_is_refused_even_without_a_lookalike_shop():
    with pytest.raises(ValidationError) as caught:
        _submit(name="Nông sản Sаpa")  # Cyrillic а

    assert caught.value.message_dict["name"] == [
        "Hãy viết tên bằng một bảng chữ cái: tên trộn chữ Latinh với chữ Kirin hoặc "
        "chữ Hy Lạp không được chấp nhận."
    ]
    assert SellerApplication.objects.count() == 0


def test_genuinely_different_and_all_greek_names_are_accepted():
    _submit(name="Hợp tác xã Chè Tân Cương")

    _submit(name="Hợp tác xã Chè Thái Nguyên")
    _submit(name="Ελληνικό Μέλι")

    assert SellerApplication.objects.count() == 3
