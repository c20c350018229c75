"""Sends a chat message, an internal note and a reply as the customer, then shows a typed error.

Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT python send_message.py
"""

import acquire_io

client = (
    acquire_io.Client()
)  # ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)

msg = client.send_message(28, "Hello from Python!")
print(
    f"message {msg.id} in case {msg.case_id} ({msg.case.status if msg.case else '?'}) at {msg.date_created}"
)

note = client.send_message(28, "VIP customer", type="note", translate_lang_key="fr")
print(f"note {note.id} by {note.sender.name if note.sender else '?'}")

reply = client.send_message(28, "Thanks!", as_contact_id=5)
print(f"reply {reply.id} from the {reply.sender_type}")

try:
    client.send_message(99, "Anyone there?")
except acquire_io.BadRequestError as err:
    print(f"case 99: {err.status} {err.error_type}: {err.message}")
