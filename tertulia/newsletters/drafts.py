"""What a facilitator writes for one edition, before the services check and save it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionDraft:
    heading: str
    body: str  # Markdown

    @property
    def is_blank(self) -> bool:
        return not self.heading.strip() and not self.body.strip()


@dataclass(frozen=True)
class EditionDraft:
    language: str
    title: str
    introduction: str  # Markdown
    sections: list[SectionDraft] = field(default_factory=list)
