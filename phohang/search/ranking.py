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
from .synonyms import (
    accented_spellings,
    blocking_phrases,
    lexicon,
    loan_spellings,
    may_stand_for,
    place_phrases,
)

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
# A product lacking the query's head noun (its first concept that is not a place: Vietnamese
# names the thing first) is another thing: "dép văn phòng" is not a "laptop văn phòng".
HEAD_MISSING = 0.25


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


@dataclass(frozen=True)
class _Alternative:
    """One phrase that counts as a concept, prepared once per query."""

    phrase: tuple[str, ...]
    words: frozenset[str]
    certainty: float
    needle: str
    # Padded longer phrases that contain this one but name another thing.
    blockers: tuple[str, ...]
    # Its words with diacritics, as typed or as the maintained list spells them: a title
    # that writes one of them with other diacritics ("lắc" for "lạc") does not name it.
    accents: tuple[str, ...] = ()


def _alternative(
    phrase: tuple[str, ...], certainty: float, accents: tuple[str, ...] = ()
) -> _Alternative:
    blockers = tuple(f" {longer} " for longer in blocking_phrases(phrase))
    marked = tuple(word for word in accents if _marked(word))
    return _Alternative(
        phrase, frozenset(phrase), certainty, f" {' '.join(phrase)} ", blockers, marked
    )


def _accents_of(phrase: tuple[str, ...], concept, is_accented_query: bool) -> tuple[str, ...]:
    """The diacritics a phrase standing for `concept` must keep in a title: the shopper's own
    for the words typed (and the beginning of them, a broader kind); the list's spelling for
    a synonym, when the shopper writes with diacritics at all."""
    literal = concept.literal
    if phrase == literal[: len(phrase)]:
        return tuple(concept.accented[: len(phrase)])
    loaned = loan_spellings().get(literal, {}).get(phrase)
    if loaned:
        return loaned
    if is_accented_query:
        return accented_spellings().get(phrase, ())
    return ()


def _contradicts(
    alternative: _Alternative, accented_title: set[str], is_title_marked: bool
) -> bool:
    """Whether the title writes a word of the phrase only with other diacritics."""
    for word in alternative.accents:
        if word in accented_title:
            continue
        if _has_other_accents(word, accented_title, is_title_marked):
            return True
    return False


def _names(padded_field: str, alternative: _Alternative) -> bool:
    """Whether the field names the phrase itself, not only inside a longer phrase that means
    something else ("bắp" in "bắp cải", "na" in "cá hồi na uy")."""
    count = padded_field.count(alternative.needle)
    if not count:
        return False
    for longer in alternative.blockers:
        count -= padded_field.count(longer)
    return count > 0


@dataclass
class _Prepared:
    """What the score reads of a query, computed once for all its candidates."""

    concepts: list[tuple[bool, list[_Alternative], list[_Alternative]]]
    required: float
    marked_tokens: list[tuple[str, bool]]
    literal: list[str]
    first_alternatives: list[tuple[str, ...]]
    # Position of the head noun among the concepts, when the query names more than it.
    head: int | None = None


def _prepare(parsed: ParsedQuery, titles: list[str] = ()) -> _Prepared:
    is_accented = any(_marked(token) for c in parsed.concepts for token in c.accented)
    concepts = [
        (
            concept.is_optional,
            [
                _alternative(phrase, certainty, _accents_of(phrase, concept, is_accented))
                for phrase, certainty in concept.alternatives
            ],
            [
                _alternative(head, 1.0, _accents_of(head, concept, is_accented))
                for head in concept.heads
            ],
        )
        for concept in parsed.concepts
    ]
    marked = [
        (token, concept.literal == (fold(token),))
        for concept in parsed.concepts
        for token in concept.accented
        if _marked(token)
    ]
    first = parsed.required[0] if parsed.required else None
    places = place_phrases()
    required = parsed.required
    first_thing = next((c for c in required if c.literal not in places and not c.is_place), None)
    # A two-letter syllable that folds into several words ("đồ", "đỗ") does not say what the
    # thing is. A head the maintained list does not know ("ghế") must begin some product's
    # name, as nouns do and describing words ("khoẻ khoắn") do not.
    head = (
        parsed.concepts.index(first_thing)
        if first_thing is not None
        and len("".join(first_thing.literal)) > 2
        and (first_thing.literal in lexicon()[0] or _begins_a_title(first_thing, titles))
        else None
    )
    return _Prepared(
        concepts,
        sum(concept.weight for concept in required),
        marked,
        parsed.literal_tokens,
        # A title that starts with the thing asked for, or the broader thing it is a kind of.
        [phrase for phrase, _ in first.alternatives] + first.heads if first else [],
        head if len(required) > 1 else None,
    )


def _begins_a_title(concept, titles) -> bool:
    starts = tuple(f"{' '.join(phrase)} " for phrase, _ in concept.alternatives)
    return any(f"{title} ".startswith(starts) for title in titles)


def _split_for(title: str) -> tuple[str, str]:
    """(what the title is, what it is for) at the first "cho"/"dành cho"/"for"."""
    padded = f" {title} "
    cut = min((index for m in FOR_MARKERS if (index := padded.find(m)) > 0), default=-1)
    if cut < 0:
        return padded, " "
    return padded[: cut + 1], padded[cut:]


def candidate_score(
    candidate: Candidate, parsed: ParsedQuery, prepared: "_Prepared | None" = None
) -> float:
    prepared = prepared or _prepare(parsed)
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
    accented_title = set(candidate.title_norm.split())
    is_title_marked = candidate.title_norm != candidate.title
    # One search over every field first: most phrases (synonyms, typo fixes) are in none.
    every_field = "\0".join(fields.values())
    required = prepared.required
    weights = [concept.weight for concept in parsed.concepts]
    matched = 0.0
    score = 0.0
    covered: set[str] = set()
    has_head = prepared.head is None
    for position, ((is_optional, alternatives, heads), concept_weight) in enumerate(
        zip(prepared.concepts, weights, strict=True)
    ):
        best = 0.0
        for alternative in alternatives:
            certainty = alternative.certainty
            if alternative.needle in every_field:
                for name, weight in FIELD_WEIGHTS:
                    if weight * certainty <= best:
                        break
                    if _names(fields[name], alternative) and not (
                        name in ("title", "title_for")
                        and alternative.accents
                        and _contradicts(alternative, accented_title, is_title_marked)
                    ):
                        best = weight * certainty
                        if name == "title":
                            covered.update(alternative.phrase)
                        break
            if (
                best < 10.0 * certainty * SCATTERED
                and len(alternative.phrase) > 1
                and alternative.words <= title_set
                and not (
                    alternative.accents
                    and _contradicts(alternative, accented_title, is_title_marked)
                )
            ):
                best = max(best, 10.0 * certainty * SCATTERED)
                covered.update(alternative.phrase)
        share = 1.0
        if not best and heads:
            head_found = next(
                (
                    h
                    for h in heads
                    if _names(fields["title"], h)
                    and not (h.accents and _contradicts(h, accented_title, is_title_marked))
                ),
                None,
            )
            if head_found is not None:
                best, share = 10.0 * HEAD_SHARE, HEAD_SHARE
                covered.update(head_found.phrase)
        if is_optional:
            best *= OPTIONAL
        elif best:
            matched += concept_weight * share
            has_head = has_head or position == prepared.head
        score += best
    if required and matched < required:
        score *= (matched / required) ** 2
    score += _bonuses(candidate, prepared, title_words, fields["title"])
    if title_words:
        score += TITLE_FOCUS * len(covered & title_set) / len(title_set)
    return score if has_head else score * HEAD_MISSING


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def _has_other_accents(token: str, accented_title: set[str], is_title_marked: bool) -> bool:
    """Whether the title writes the word only with diacritics the typed word cannot stand for
    ("lắc" for "lạc", "đầu" for "đậu", "da" for "đá" in a title written with diacritics). A
    shopper may leave marks out ("thê thao" for "thể thao"), and a title written without any
    says nothing either way."""
    folded = _fold_word(token)
    spellings = [word for word in accented_title if _fold_word(word) == folded]
    if not spellings:
        return False
    return not any(
        may_stand_for(token, word) and (_marked(word) or not is_title_marked) for word in spellings
    )


@lru_cache(maxsize=256)
def _marked(token: str) -> bool:
    return token != fold(token)


def _bonuses(
    candidate: Candidate, prepared: _Prepared, title_words: list[str], title: str
) -> float:
    bonus = 0.0
    accented_title = set(candidate.title_norm.split())
    for token, is_literal in prepared.marked_tokens:
        if token in accented_title:
            bonus += EXACT_DIACRITICS
        elif is_literal and _has_other_accents(
            token, accented_title, candidate.title_norm != candidate.title
        ):
            bonus -= OTHER_DIACRITICS
    tokens = prepared.literal
    if len(tokens) > 1:
        if _contains(title, " ".join(tokens)):
            bonus += WHOLE_PHRASE
        for first, second in zip(tokens, tokens[1:], strict=False):
            if _contains(title, f"{first} {second}"):
                bonus += ADJACENT_PAIR
    if prepared.first_alternatives and title_words:
        for phrase in prepared.first_alternatives:
            if tuple(title_words[: len(phrase)]) == phrase:
                bonus += TITLE_START
                break
    return bonus


def rerank(candidates: list[Candidate], parsed: ParsedQuery) -> list[Candidate]:
    prepared = _prepare(parsed, [candidate.title for candidate in candidates])
    for candidate in candidates:
        candidate.score = candidate_score(candidate, parsed, prepared)
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
