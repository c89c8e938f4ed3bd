"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, keeping what it
accepts (``start_smtp``); ``HoldingInbox`` holds its reply to the first message's
DATA until released, so a sender is deterministically mid-send (the worker-kill
drill)."""

import asyncio
import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler keeping every envelope it accepts."""

    def __init__(self):
        self.envelopes = []

    def keep(self, envelope) -> dict:
        kept = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "message": email.message_from_bytes(
                envelope.original_content, policy=email.policy.default
            ),
        }
        self.envelopes.append(kept)
        return kept

    async def handle_DATA(self, server, session, envelope):
        self.keep(envelope)
        return "250 OK"


class HoldingInbox(Inbox):
    """Holds the reply to the first message's DATA until ``release`` is set.

    The message has fully arrived and is kept at once (``held`` says which), as a
    real server queues it before it answers: a sender killed meanwhile never
    reads the 250 and cannot know the email went out (RFC 1047)."""

    def __init__(self):
        super().__init__()
        self.holding = threading.Event()
        self.release = threading.Event()
        self.held = None

    async def handle_DATA(self, server, session, envelope):
        kept = self.keep(envelope)
        if self.held is None:
            self.held = kept["message"]
            self.holding.set()
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.release.wait, 60)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp(port, inbox=None):
    inbox = inbox if inbox is not None else Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


def body_text(message) -> str:
    return (
        message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    )
