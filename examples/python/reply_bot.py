"""A reply bot: an HTTP endpoint for Acquire's webhooks that checks each delivery's
signature, reads the event, and answers a customer's new message in the same case.

Run against the local server:
  ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT ACQUIRE_WEBHOOK_SECRET=s3cr3t python reply_bot.py
then point the server's webhooks at the URL it prints first. BOT_PORT picks its port.

Deliveries can repeat (Acquire retries until it gets a 200), so each message id is answered
once; when a reply surely did not reach Acquire the bot answers 503 to be delivered again.
"""

import os
from http.server import BaseHTTPRequestHandler, HTTPServer

import acquire_io
from acquire_io import webhooks

client = (
    acquire_io.Client()
)  # ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)
SECRET = os.environ["ACQUIRE_WEBHOOK_SECRET"]
answered: set[int] = set()


def reply_to(event: webhooks.Event) -> int:
    """Answers the customer's message; the HTTP status for Acquire."""
    message = event.last_contact_message
    if (
        event.kind != "case_message_new"
        or message is None
        or event.case_id is None
        or message.id in answered
    ):
        return 200
    text = f'Thanks! We got your message: "{message.message}". An agent will follow up shortly.'
    try:
        sent = client.send_message(event.case_id, text)
    except acquire_io.AcquireError as err:
        if err.may_have_been_delivered:  # a redelivery could post it twice
            answered.add(message.id or 0)
            return 200
        print(
            f"case {event.case_id}: {err}; asking Acquire to deliver the webhook again",
            flush=True,
        )
        return 503
    answered.add(message.id or 0)
    print(f"case {event.case_id}: replied with message {sent.id}", flush=True)
    return 200


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        body = self.rfile.read(
            int(self.headers.get("content-length", 0))
        )  # the raw bytes
        try:
            event = webhooks.construct_event(
                body, self.headers.get(webhooks.SIGNATURE_HEADER), SECRET
            )
        except acquire_io.WebhookSignatureError as err:
            print(f"refused a delivery: {err}", flush=True)
            status = 401
        else:
            status = reply_to(event)
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


server = HTTPServer(("127.0.0.1", int(os.environ.get("BOT_PORT", "0"))), Handler)
print(f"http://127.0.0.1:{server.server_port}/acquire-webhooks", flush=True)
server.serve_forever()
