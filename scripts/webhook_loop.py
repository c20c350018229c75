"""One turn of the webhook loop for `make demo`: point the local server's webhooks at a
running bot, speak as the customer of case 28, wait for the bot's reply to be stored, and
print both messages. Usage: python3 scripts/webhook_loop.py SERVER_URL BOT_URL SECRET TEXT"""

import json
import sys
import time
import urllib.request

server, bot, secret, text = sys.argv[1:5]


def call(path: str, body: object = None) -> object:
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(
        urllib.request.Request(server + path, data=data), timeout=10
    ) as response:
        return json.loads(response.read())


call("/__mock/webhook", {"url": bot, "secret": secret})
before = len(call("/__mock/messages"))  # type: ignore[arg-type]
call("/__mock/cases/28/contact-message", {"text": text})
deadline = time.monotonic() + 10
while len(call("/__mock/messages")) < before + 2 and time.monotonic() < deadline:  # type: ignore[arg-type]
    time.sleep(0.05)
messages = call("/__mock/messages")[before:]  # type: ignore[index]
deliveries = call("/__mock/webhooks")
print(f"  customer: {messages[0]['message']}")
print(
    f"  webhook:  {deliveries[-1]['event']} -> {bot} answered {deliveries[-1]['status']} (signed x-acquire-signature)"
)
print(f"  bot:      {messages[1]['message'] if len(messages) > 1 else '(no reply)'}")
call("/__mock/webhook", {})
