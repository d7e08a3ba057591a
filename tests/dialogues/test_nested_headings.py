"""Member-written headings (concept note, summary, posts) sit under the page's own."""

from __future__ import annotations

from tertulia.dialogues.templatetags.dialogues import nested_headings


def test_member_headings_move_under_the_pages_own() -> None:
    html = "<h2>Why</h2><p>Text</p><h3>How</h3><h6>Note</h6>"

    assert nested_headings(html) == "<h3>Why</h3><p>Text</p><h4>How</h4><h6>Note</h6>"
    assert nested_headings(html, 2) == "<h4>Why</h4><p>Text</p><h5>How</h5><h6>Note</h6>"
