"""What a page costs to download, as Chromium's DevTools protocol reports it.

Bytes are those that crossed the network (compressed bodies plus headers); a file the
browser took from its cache costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Page

# The kinds of files a page budget counts; pictures and media are left out.
COUNTED_TYPES = {"Document", "Stylesheet", "Script", "Font", "XHR", "Fetch"}


@dataclass
class Transfer:
    url: str
    kind: str
    headers: dict[str, str]
    from_cache: bool
    bytes: int = 0


@dataclass
class Transfers:
    """Every response one page load received, filled in while the page loads."""

    by_request: dict[str, Transfer] = field(default_factory=dict)

    @classmethod
    def watch(cls, page: Page) -> Transfers:
        transfers = cls()
        session = page.context.new_cdp_session(page)
        session.on("Network.responseReceived", transfers._received)
        session.on("Network.loadingFinished", transfers._finished)
        session.send("Network.enable")
        return transfers

    def _received(self, event: dict[str, Any]) -> None:
        response = event["response"]
        self.by_request[event["requestId"]] = Transfer(
            url=response["url"],
            kind=event.get("type", "Other"),
            headers={name.lower(): value for name, value in response["headers"].items()},
            from_cache=bool(response.get("fromDiskCache") or response.get("fromMemoryCache")),
        )

    def _finished(self, event: dict[str, Any]) -> None:
        transfer = self.by_request.get(event["requestId"])
        if transfer is not None:
            transfer.bytes = int(event["encodedDataLength"])

    def counted(self) -> list[Transfer]:
        return [t for t in self.by_request.values() if t.kind in COUNTED_TYPES]

    def total(self) -> int:
        return sum(transfer.bytes for transfer in self.counted())

    def describe(self) -> str:
        return "\n".join(
            f"  {t.bytes:>7} B  {t.kind:<10} {'(cache) ' if t.from_cache else ''}{t.url}"
            for t in sorted(self.counted(), key=lambda t: -t.bytes)
        )
