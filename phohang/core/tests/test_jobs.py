"""File jobs: stored privately, run once after commit, progress and outcome on the owner's page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from phohang.accounts.tests.factories import UserFactory, login_verified
from phohang.core import jobs
from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError
from phohang.core.models import FileJob

pytestmark = pytest.mark.django_db


def _count_lines(job, data, progress):
    lines = data.decode().splitlines()
    if not lines:
        raise DomainError("empty", "Tệp trống.")
    if lines[0] == "boom":
        raise RuntimeError("bug")
    progress(len(lines), len(lines))
    return {"lines": len(lines)}


@pytest.fixture
def kind(monkeypatch):
    kind = jobs.JobKind(
        name="test.lines",
        title="Lines",
        run=_count_lines,
        summary=lambda result: f"{result['lines']} lines",
        back=lambda job: "/",
    )
    monkeypatch.setitem(jobs.KINDS, kind.name, kind)
    return kind


def _start(owner, content: bytes, capture) -> FileJob:
    with capture(execute=True):
        job = jobs.file_job_create(
            kind="test.lines",
            owner=owner,
            upload=SimpleUploadedFile("dong.txt", content),
            max_bytes=1024,
            context=AuditContext(actor=owner, ip="10.0.0.1"),
        )
    job.refresh_from_db()
    return job


def test_job_runs_after_commit_and_reports_progress_and_outcome(
    kind, django_capture_on_commit_callbacks
):
    owner = UserFactory()

    job = _start(owner, b"a\nb\nc\n", django_capture_on_commit_callbacks)

    assert (job.status, job.processed, job.total, job.progress_percent) == ("done", 3, 3, 100)
    assert (job.result, job.message) == ({"lines": 3}, {"vi": "3 lines", "en": "3 lines"})
    assert (job.original_name, job.source_ip, job.file.read()) == (
        "dong.txt",
        "10.0.0.1",
        b"a\nb\nc\n",
    )


def test_job_runs_once_even_if_its_task_is_delivered_twice(
    kind, django_capture_on_commit_callbacks
):
    job = _start(UserFactory(), b"a\n", django_capture_on_commit_callbacks)
    FileJob.objects.filter(pk=job.pk).update(result={"lines": 99})

    again = jobs.file_job_run(job_id=job.pk)

    assert (again.status, again.result) == ("done", {"lines": 99})


def test_refused_file_fails_with_the_refusal_in_both_languages(
    kind, django_capture_on_commit_callbacks
):
    job = _start(UserFactory(), b"", django_capture_on_commit_callbacks)

    assert (job.status, job.message, job.result) == (
        "failed",
        {"vi": "Tệp trống.", "en": "Tệp trống."},
        {},
    )


def test_a_bug_fails_the_job_with_a_generic_message_and_is_logged(
    kind, django_capture_on_commit_callbacks, caplog
):
    job = _start(UserFactory(), b"boom\n", django_capture_on_commit_callbacks)

    assert (job.status, job.message["en"]) == (
        "failed",
        "The file could not be processed; try again later.",
    )
    assert f"file job {job.pk} (test.lines) failed" in [r.getMessage() for r in caplog.records]


def test_file_over_the_size_limit_is_refused_and_nothing_is_stored(kind):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        jobs.file_job_create(
            kind="test.lines",
            owner=UserFactory(),
            upload=SimpleUploadedFile("dong.txt", b"a" * 1025),
            max_bytes=1024,
            context=AuditContext(),
        )

    assert not FileJob.objects.exists()


def test_job_page_shows_the_outcome_to_its_owner_only(kind, django_capture_on_commit_callbacks):
    owner, other = UserFactory(), UserFactory()
    job = _start(owner, b"a\nb\n", django_capture_on_commit_callbacks)
    url = reverse("core:file_job", args=[job.public_id])
    owner_client, other_client = Client(), Client()
    login_verified(owner_client, owner)
    login_verified(other_client, other)

    page = owner_client.get(url)
    partial = owner_client.get(url, headers={"HX-Request": "true"})

    assert page.status_code == 200
    assert 'id="file-job-message">2 lines</p>' in page.content.decode()
    assert partial.templates[0].name == "core/partials/_file_job.html"
    assert "hx-trigger" not in partial.content.decode()
    assert other_client.get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_running_job_page_polls_for_progress(kind):
    owner = UserFactory()
    job = FileJob.objects.create(
        kind="test.lines", owner=owner, original_name="dong.txt", status="running", total=10
    )
    FileJob.objects.filter(pk=job.pk).update(processed=4)
    client = Client()
    login_verified(client, owner)

    html = client.get(reverse("core:file_job", args=[job.public_id])).content.decode()

    assert 'hx-trigger="every 1s"' in html
    assert '<progress max="100" value="40">40%</progress> 4 / 10' in html
