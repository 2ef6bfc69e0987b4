"""The maintained synonym, regional-word, abbreviation and place-name list (data/synonyms.tsv)."""

from functools import lru_cache
from pathlib import Path

from phohang.core.text import search_fold

DATA_FILE = Path(__file__).parent / "data" / "synonyms.tsv"

Phrase = tuple[str, ...]


def _phrase(text: str) -> Phrase:
    return tuple(search_fold(text).split())


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[Phrase, list[Phrase]], frozenset[str], int]:
    """(phrase → alternatives, optional words, longest phrase length), read once."""
    alternatives, optional, _ = _read()
    longest = max((len(phrase) for phrase in alternatives), default=1)
    return alternatives, frozenset(optional), longest


@lru_cache(maxsize=1)
def place_phrases() -> frozenset[Phrase]:
    """Place names (provinces, old and new, and their aliases)."""
    return frozenset(_read()[2])


@lru_cache(maxsize=1)
def _read() -> tuple[dict[Phrase, list[Phrase]], set[str], set[Phrase]]:
    alternatives: dict[Phrase, list[Phrase]] = {}
    optional: set[str] = set()
    places: set[Phrase] = set()

    def add(source: Phrase, targets: list[Phrase]) -> None:
        known = alternatives.setdefault(source, [source])
        known.extend(target for target in targets if target not in known)

    for raw in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, terms, *rest = raw.split("\t")
        group = [phrase for phrase in map(_phrase, terms.split("|")) if phrase]
        if kind == "same":
            for phrase in group:
                add(phrase, group)
        elif kind == "also":
            targets = [phrase for phrase in map(_phrase, rest[0].split("|")) if phrase]
            for phrase in group:
                add(phrase, group + targets)
            for target in targets:
                add(target, [])
            places.update(group + targets)
        elif kind == "place":
            for phrase in group:
                add(phrase, [])
            places.update(group)
        elif kind == "optional":
            optional.update(word for phrase in group for word in phrase)
    for phrase in list(places):
        places.update(alternatives.get(phrase, []))
    return alternatives, optional, places
