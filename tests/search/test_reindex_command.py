"""`tertulia reindex` rebuilds the index from every source, with a progress bar."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tertulia.forums.models import Post
from tertulia.search import registry
from tertulia.search.models import SearchDocument
from tests.factories import add_post, make_member, make_thread
from tests.search.conftest import document, index, urls

pytestmark = pytest.mark.django_db


def _reindex(*args: str) -> str:
    out = StringIO()
    call_command("reindex", *args, stdout=out)
    return out.getvalue()


def test_rebuild_restores_rows_written_without_signals_and_drops_stale_ones() -> None:
    thread = make_thread(title="Budget workshops", body="Opening")
    replies = Post.objects.bulk_create(
        Post(
            thread=thread,
            author=thread.author,
            position=n,
            body=f"reply {n}",
            body_html=f"<p>sequencing {n}</p>",
        )
        for n in range(2, 7)
    )
    index(document(99, title="Stale budget note"))
    assert urls("sequencing") == []

    output = _reindex()

    assert len(urls("sequencing")) == len(replies)
    assert urls("budget") == [f"/forums/t/{thread.pk}/"]  # the stale note is gone
    assert "post       [#########################] 100%" in output
    assert "Indexed " in output


def test_rebuild_one_kind_leaves_the_others() -> None:
    make_member(display_name="Lucía Quispe")
    thread = make_thread(title="Budget workshops", body="Opening")
    add_post(thread=thread, body="sequencing")
    SearchDocument.objects.filter(kind="thread").delete()

    output = _reindex("--kind", "thread")

    assert urls("budget") == [f"/forums/t/{thread.pk}/"]
    assert len(urls("lucia")) == 1
    assert len(urls("sequencing")) == 1
    assert "thread" in output
    assert "member " not in output


def test_unknown_kind_is_refused_with_the_known_ones() -> None:
    with pytest.raises(CommandError, match=r"Unknown kind nonsense; choose from .*thread"):
        _reindex("--kind", "nonsense")


def test_every_registered_source_counts_what_it_yields() -> None:
    make_thread(title="Budget workshops", body="Opening")
    for source in registry.sources():
        yielded = list(source.documents(None))
        assert len(yielded) <= source.count() or source.kind in {"note", "memo"}, source.kind
