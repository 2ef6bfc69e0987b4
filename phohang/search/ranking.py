"""Re-ranking of the engine's best candidates; the same on every engine, so results agree.

Score = per concept, the best field its phrases occur in (title > category > seller, place >
description), times how sure the phrase is (typed > synonym > typo fix); plus a bonus for the
shopper's own diacritics found in the title, for query words that stay adjacent in the title,
and for titles about little else. Availability and OCOP stars break ties.
"""

from dataclasses import dataclass
from functools import lru_cache

from phohang.core.text import fold

from .query import ParsedQuery
from .synonyms import blocking_phrases

FIELD_WEIGHTS = (
    ("title", 10.0),
    ("category", 4.0),
    # The part of a title after "cho" / "dành cho" names what an accessory is for: "Sạc dành
    # cho laptop" is a charger, so it is not the laptop asked for (the head noun decides).
    ("title_for", 3.5),
    ("seller", 3.0),
    ("place", 3.0),
    ("description", 1.0),
)
SCATTERED = 0.6
# A title naming only the broader thing of a phrase asked for ("ngô" for "bắp nếp").
HEAD_SHARE = 0.5
OPTIONAL = 0.3
EXACT_DIACRITICS = 1.0
# A word typed with diacritics that the title has only with others ("chè" against "che").
OTHER_DIACRITICS = 3.0
FOR_MARKERS = (" danh cho ", " cho ", " for ", " tuong thich ", " phu hop ")
ADJACENT_PAIR = 1.0
WHOLE_PHRASE = 3.0
TITLE_START = 1.5
TITLE_FOCUS = 3.0


@dataclass
class Candidate:
    id: int
    engine_rank: float
    title_norm: str
    title: str
    category: str
    seller: str
    place: str
    description: str
    has_stock: bool
    ocop_stars: int
    score: float = 0.0


def _contains(padded_field: str, phrase: str) -> bool:
    return f" {phrase} " in padded_field


def _names(padded_field: str, phrase: tuple[str, ...]) -> bool:
    """Whether the field names `phrase` itself, not only inside a longer phrase that means
    something else ("bắp" in "bắp cải", "na" in "cá hồi na uy")."""
    text = " ".join(phrase)
    count = padded_field.count(f" {text} ")
    if not count:
        return False
    for longer in blocking_phrases(phrase):
        count -= padded_field.count(f" {longer} ")
    return count > 0


def _split_for(title: str) -> tuple[str, str]:
    """(what the title is, what it is for) at the first "cho"/"dành cho"/"for"."""
    padded = f" {title} "
    cut = min((index for m in FOR_MARKERS if (index := padded.find(m)) > 0), default=-1)
    if cut < 0:
        return padded, " "
    return padded[: cut + 1], padded[cut:]


def candidate_score(candidate: Candidate, parsed: ParsedQuery) -> float:
    head, tail = _split_for(candidate.title)
    fields = {
        "title": head,
        "title_for": tail,
        "category": f" {candidate.category} ",
        "seller": f" {candidate.seller} ",
        "place": f" {candidate.place} ",
        "description": f" {candidate.description} ",
    }
    title_words = candidate.title.split()
    title_set = set(title_words)
    required = sum(concept.weight for concept in parsed.required)
    matched = 0.0
    score = 0.0
    covered: set[str] = set()
    for concept in parsed.concepts:
        best = 0.0
        for phrase, certainty in concept.alternatives:
            for name, weight in FIELD_WEIGHTS:
                if weight * certainty <= best:
                    break
                if _names(fields[name], phrase):
                    best = weight * certainty
                    if name == "title":
                        covered.update(phrase)
                    break
            if (
                best < 10.0 * certainty * SCATTERED
                and len(phrase) > 1
                and title_set.issuperset(phrase)
            ):
                best = max(best, 10.0 * certainty * SCATTERED)
                covered.update(phrase)
        share = 1.0
        if not best and concept.heads:
            head = next((h for h in concept.heads if _names(fields["title"], h)), None)
            if head is not None:
                best, share = 10.0 * HEAD_SHARE, HEAD_SHARE
                covered.update(head)
        if concept.is_optional:
            best *= OPTIONAL
        elif best:
            matched += concept.weight * share
        score += best
    if required and matched < required:
        score *= (matched / required) ** 2
    score += _bonuses(candidate, parsed, title_words, fields["title"])
    if title_words:
        score += TITLE_FOCUS * len(covered & title_set) / len(title_set)
    return score


def _has_other_accents(token: str, accented_title: set[str]) -> bool:
    folded = fold(token)
    return any(word != token and fold(word) == folded for word in accented_title)


@lru_cache(maxsize=256)
def _marked(token: str) -> bool:
    return token != fold(token)


def _bonuses(
    candidate: Candidate, parsed: ParsedQuery, title_words: list[str], title: str
) -> float:
    bonus = 0.0
    accented_title = set(candidate.title_norm.split())
    for concept in parsed.concepts:
        for token in concept.accented:
            if _marked(token) and token in accented_title:
                bonus += EXACT_DIACRITICS
            elif (
                _marked(token)
                and concept.literal == (fold(token),)
                and _has_other_accents(token, accented_title)
            ):
                bonus -= OTHER_DIACRITICS
    tokens = parsed.literal_tokens
    if len(tokens) > 1:
        if _contains(title, " ".join(tokens)):
            bonus += WHOLE_PHRASE
        for first, second in zip(tokens, tokens[1:], strict=False):
            if _contains(title, f"{first} {second}"):
                bonus += ADJACENT_PAIR
    first_concept = parsed.required[0] if parsed.required else None
    if first_concept and title_words:
        for phrase, _ in first_concept.alternatives:
            if tuple(title_words[: len(phrase)]) == phrase:
                bonus += TITLE_START
                break
    return bonus


def rerank(candidates: list[Candidate], parsed: ParsedQuery) -> list[Candidate]:
    for candidate in candidates:
        candidate.score = candidate_score(candidate, parsed)
    return sorted(
        candidates,
        key=lambda c: (
            -round(c.score * 2) / 2,
            not c.has_stock,
            -c.ocop_stars,
            -c.engine_rank,
            c.id,
        ),
    )
