"""Background matching runs and the capped, opt-out notifications they send."""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phohang.accounts.models import Consent, NotificationKind, User
from phohang.accounts.services import (
    consent_is_given,
    notification_channels,
    notification_send,
)

from .. import matching
from ..models import Demand, Match, MatchingJob, MatchNotice, Offer

TOP_CANDIDATES = 20
NOTIFY_TOP = 5


def daily_cap() -> int:
    return settings.TRADE_MATCH_NOTICES_PER_DAY


def matching_start(*, demand: Demand | None = None, offer: Offer | None = None) -> MatchingJob:
    """Create a queued job and enqueue the task once the posting is committed."""
    from ..tasks import matching_run_task

    job = MatchingJob.objects.create(demand=demand, offer=offer)
    transaction.on_commit(lambda: matching_run_task.enqueue(job.pk))
    return job


def _progress(job: MatchingJob, percent: int, **fields: object) -> None:
    MatchingJob.objects.filter(pk=job.pk).update(progress=percent, **fields)


def _store_matches(
    pairs: list[tuple[int, int, int, dict[str, Any]]], *, read_back: int = 0
) -> list[Match]:
    """Upsert (demand_id, offer_id, score, breakdown) rows in one statement (reruns update);
    returns the first `read_back` of them with their demand and offer."""
    now = timezone.now()
    Match.objects.bulk_create(
        [
            Match(
                demand_id=demand_id,
                offer_id=offer_id,
                score=score,
                breakdown=breakdown,
                created_at=now,
                updated_at=now,
            )
            for demand_id, offer_id, score, breakdown in pairs
        ],
        update_conflicts=True,
        unique_fields=["demand", "offer"],
        update_fields=["score", "breakdown", "updated_at"],
    )
    # Only the matches that are notified are read back: building every row's demand and offer
    # objects took a third of a matching run.
    pairs = pairs[:read_back]
    if not pairs:
        return []
    by_pair = {
        (match.demand_id, match.offer_id): match
        for match in Match.objects.filter(
            demand_id__in={p[0] for p in pairs}, offer_id__in={p[1] for p in pairs}
        ).select_related("demand__organisation", "offer__seller")
    }
    return [by_pair[(p[0], p[1])] for p in pairs if (p[0], p[1]) in by_pair]


def matching_run(*, job_id: int) -> MatchingJob:
    """Rank counterparts for the job's demand or offer, store matches, notify the best."""
    job = MatchingJob.objects.select_related("demand", "offer").get(pk=job_id)
    if job.status == MatchingJob.Status.DONE:
        return job
    _progress(job, 10, status=MatchingJob.Status.RUNNING)
    try:
        demand, offer = job.demand, job.offer
        if demand is not None:
            ranked = matching.rank_offers(demand, limit=TOP_CANDIDATES)
            pairs = [(demand.pk, offer_id, score, bd) for offer_id, score, bd in ranked]
            stale = Match.objects.filter(demand=demand).exclude(offer_id__in=[p[1] for p in pairs])
        elif offer is not None:
            ranked = matching.rank_demands(offer, today=timezone.localdate(), limit=TOP_CANDIDATES)
            pairs = [(demand_id, offer.pk, score, bd) for demand_id, score, bd in ranked]
            stale = Match.objects.filter(offer=offer).exclude(demand_id__in=[p[0] for p in pairs])
        else:
            raise ValueError(f"matching job {job.pk} has neither a demand nor an offer")
        _progress(job, 70, candidates_seen=len(ranked))
        with transaction.atomic():
            stale.filter(notices__isnull=True).delete()
            matches = _store_matches(pairs, read_back=NOTIFY_TOP)
            with translation.override(settings.LANGUAGE_CODE):
                _notify_top(job, matches)
    except Exception:
        _progress(job, 100, status=MatchingJob.Status.FAILED, finished_at=timezone.now())
        raise
    _progress(
        job,
        100,
        status=MatchingJob.Status.DONE,
        matches_found=len(pairs),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def _notify_top(job: MatchingJob, matches: list[Match]) -> None:
    """A new demand alerts the suppliers of its best offers; a new offer alerts buyers."""
    for match in matches:
        if job.demand_id:
            users = User.objects.filter(
                seller_memberships__seller_id=match.offer.seller_id,
                seller_memberships__is_active=True,
                is_active=True,
            ).distinct()
            link = reverse("trade:demand_detail", kwargs={"public_id": match.demand.public_id})
            for user in users:
                match_notify(
                    user=user,
                    match=match,
                    title=_("A buyer needs what you offer: %(title)s") % {"title": match.demand},
                    body=_("Your offer “%(offer)s” matches this demand (score %(score)s/100).")
                    % {"offer": match.offer, "score": match.score},
                    link=link,
                )
        else:
            users = match.demand.organisation.members.filter(is_active=True)
            link = reverse("trade:demand_detail", kwargs={"public_id": match.demand.public_id})
            for user in users:
                match_notify(
                    user=user,
                    match=match,
                    title=_("A supplier can meet your demand: %(title)s") % {"title": match.demand},
                    body=_("The offer “%(offer)s” matches it (score %(score)s/100).")
                    % {"offer": match.offer, "score": match.score},
                    link=link,
                )


def match_notify(*, user: User, match: Match, title: str, body: str, link: str) -> bool:
    """Notify `user` about `match` once, if they opted in and are under today's cap."""
    if not consent_is_given(user=user, purpose=Consent.Purpose.MATCHING):
        return False
    if not any(notification_channels(user=user, kind=NotificationKind.B2B)):
        return False
    today = timezone.localdate()
    if MatchNotice.objects.filter(user=user, day=today).count() >= daily_cap():
        return False
    try:
        with transaction.atomic():
            MatchNotice.objects.create(user=user, match=match, day=today)
    except IntegrityError:
        return False
    notification_send(
        user=user, title=str(title)[:200], body=str(body), link=link, kind=NotificationKind.B2B
    )
    return True
