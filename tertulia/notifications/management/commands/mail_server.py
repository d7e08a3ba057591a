"""`tertulia mail-server`: SMTP and/or LMTP listeners that post the mail they receive.

For an MTA that relays our domain's mail over SMTP or LMTP instead of a pipe (or for
receiving directly, behind a firewall that only lets the MX reach it). Runs until
stopped (Ctrl-C or SIGTERM).
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tertulia.notifications.inbound.addresses import inbound_domain
from tertulia.notifications.inbound.server import InboundController


class Command(BaseCommand):
    help = "Receive mail over SMTP and/or LMTP and post it (replies, new threads)."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set once listening; setting `stop` ends the command (tests run it in a thread).
        self.ready = threading.Event()
        self.stop = threading.Event()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument(
            "--port", type=int, default=2525, help="SMTP port (0: no SMTP listener)."
        )
        parser.add_argument(
            "--lmtp-port", type=int, default=0, help="LMTP port (0, the default: none)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not inbound_domain():
            raise CommandError("REPLY_DOMAIN is not set, so no mail would be accepted.")
        host = options["host"]
        listeners = [
            (protocol, port)
            for protocol, port in (("SMTP", options["port"]), ("LMTP", options["lmtp_port"]))
            if port
        ]
        if not listeners:
            raise CommandError("Give an SMTP --port or an --lmtp-port.")
        controllers = []
        try:
            for protocol, port in listeners:
                controller = InboundController(host=host, port=port, lmtp=protocol == "LMTP")
                try:
                    controller.start()
                except OSError as error:
                    raise CommandError(f"Cannot listen on {host}:{port}: {error}") from error
                controllers.append(controller)
                self.stdout.write(f"{protocol} listening on {host}:{port}")
            self._stop_on_signal()
            self.ready.set()
            self.stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for controller in controllers:
                controller.stop()

    def _stop_on_signal(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may install signal handlers

        def stop(signum: int, frame: FrameType | None) -> None:
            self.stop.set()

        signal.signal(signal.SIGTERM, stop)
