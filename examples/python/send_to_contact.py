"""From a customer's e-mail address to their conversation: send, reopen a closed one, list a
contact's cases, and the typed errors of an ambiguous or unknown address.

Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT python send_to_contact.py
"""

import acquire_io

client = (
    acquire_io.Client()
)  # ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)

sent = client.send_to_contact(email="ann@example.com", message="Your order shipped")
print(f"message {sent.id} in case {sent.case_id}")

# Bob's only case is closed: the SDK reopens his thread as a new case.
found = client.find_case(email="bob@example.com")
print(f"bob: case {found.case.id} ({found.source}) in thread {found.case.thread_id}")

for case in client.cases.list(contact_id=5):
    print(f"ann's case {case.id} is {case.status}")

try:
    client.send_to_contact(email="sam@example.com", message="Hi")
except acquire_io.AmbiguousContactError as err:
    print(f"sam@example.com is shared by contacts {err.contact_ids}: pass one id")

welcome = client.send_to_contact(
    email="new.customer@example.com", message="Welcome aboard!", create=True
)
print(f"new customer: message {welcome.id} in new case {welcome.case_id}")
