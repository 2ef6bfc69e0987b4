"""Live comments: cleaned and paced per person, stored in batches once per key, hidden by
moderators. The live connection (`hub.py`) stores what its viewers send through
`comments_store`; the page's form (no live connection) through `comment_post`."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import Conflict, DomainError
from phohang.core.text import clean_free_text, clean_line

from .broadcast import publish
from .models import MAX_COMMENT_LENGTH, LiveComment, LiveSession

S = LiveSession.Status


def comment_event(comment: LiveComment) -> dict[str, str]:
    return {
        "type": "comment",
        "id": str(comment.public_id),
        "author": comment.author_name,
        "body": comment.body,
        "at": timezone.localtime(comment.created_at).strftime("%H:%M:%S"),
    }


def comment_clean(body: str) -> str:
    """The comment's text as it is stored, or raise why it cannot be (no database needed)."""
    body = clean_free_text(body or "").strip()
    if not body:
        raise DomainError("comment_empty", _("Write a comment first."), "body")
    if len(body) > MAX_COMMENT_LENGTH:
        raise DomainError(
            "comment_too_long", _("A comment can be at most 300 characters long."), "body"
        )
    return body


def comment_author_name(author: User) -> str:
    return (author.full_name or "")[:120] or str(_("Viewer"))


@dataclass(frozen=True)
class CommentIn:
    """A comment the live connection accepted for storing: cleaned text, its key, its time."""

    key: str
    author_id: int
    author_name: str
    body: str
    at: datetime


@dataclass
class CommentsStored:
    """What `comments_store` did with a batch: stored now (to broadcast), stored before (sent
    again after a reconnect), refused with the reason, by key."""

    stored: list[LiveComment] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def _not_live() -> str:
    return str(_("Comments are open only while the session is live."))


@transaction.atomic
def comments_store(*, session_public_id: UUID | str, items: list[CommentIn]) -> CommentsStored:
    """Store a batch of accepted comments in one transaction, each once (by its key).

    The live connection gathers comments while the previous batch is being written, so 50 a
    second cost a few statements a second. Refused: every comment of a session that is not live
    (any more), and a person's comment sooner than LIVESTREAM_COMMENT_MIN_INTERVAL_MS after
    their previous one.
    """
    outcome = CommentsStored()
    session = LiveSession.objects.filter(public_id=session_public_id).only("pk", "status").first()
    if session is None or session.status != S.LIVE:
        outcome.refused = {item.key: _not_live() for item in items}
        return outcome
    keys = [item.key for item in items]
    seen = set(
        LiveComment.objects.filter(session=session, client_key__in=keys).values_list(
            "author_id", "client_key"
        )
    )
    interval = timedelta(milliseconds=settings.LIVESTREAM_COMMENT_MIN_INTERVAL_MS)
    authors = {item.author_id for item in items}
    earliest = min((item.at for item in items), default=timezone.now())
    latest: dict[int, datetime] = dict(
        LiveComment.objects.filter(author_id__in=authors, created_at__gt=earliest - interval)
        .values("author_id")
        .annotate(last=Max("created_at"))
        .values_list("author_id", "last")
    )
    rows = []
    for item in sorted(items, key=lambda item: item.at):
        if (item.author_id, item.key) in seen:
            outcome.already.append(item.key)
            continue
        previous = latest.get(item.author_id)
        if previous is not None and item.at - previous < interval:
            outcome.refused[item.key] = str(_("Wait a moment before commenting again."))
            continue
        seen.add((item.author_id, item.key))
        latest[item.author_id] = item.at
        rows.append(
            LiveComment(
                session=session,
                author_id=item.author_id,
                author_name=item.author_name,
                body=item.body,
                created_at=item.at,
                client_key=item.key,
            )
        )
    outcome.stored = LiveComment.objects.bulk_create(rows)
    return outcome


def comment_post(*, session: LiveSession, author: User, body: str) -> LiveComment:
    """A signed-in viewer comments without the live connection (the page's form)."""
    item = CommentIn(
        key=uuid4().hex,
        author_id=author.pk,
        author_name=comment_author_name(author),
        body=comment_clean(body),
        at=timezone.now(),
    )
    outcome = comments_store(session_public_id=session.public_id, items=[item])
    if item.key in outcome.refused:
        if session.status == S.LIVE:
            raise DomainError("comment_too_fast", outcome.refused[item.key], "body")
        raise Conflict("session_not_live", outcome.refused[item.key])
    comment = outcome.stored[0]
    publish(session.public_id, {"type": "comments", "items": [comment_event(comment)]})
    return comment


@transaction.atomic
def comment_hide(*, comment: LiveComment, reason: str, context: AuditContext) -> LiveComment:
    """A moderator hides a comment (kept for the record) and viewers stop seeing it; audited."""
    reason = clean_line(reason or "").strip()[:300]
    if not reason:
        raise DomainError("hide_reason_missing", _("Give the reason for hiding the comment."))
    if comment.hidden_at is None:
        before = snapshot(comment, ["hidden_at", "hidden_reason"])
        comment.hidden_at, comment.hidden_reason = timezone.now(), reason
        LiveComment.objects.filter(pk=comment.pk).update(
            hidden_at=comment.hidden_at, hidden_reason=reason
        )
        audit_record(
            context=context,
            action="livestream.comment.hidden",
            obj=comment,
            before=before,
            after=snapshot(comment, ["hidden_at", "hidden_reason"]),
        )
        publish(comment.session.public_id, {"type": "hidden", "id": str(comment.public_id)})
    return comment
