-- wrk script: the Send Message request of the API docs' example, against acquire-mock.
wrk.method = "POST"
wrk.path = "/api/v1/crm/messenger/chat/add-message?-x-user-type=user"
wrk.body = '{"message":{"type":"message","message":"this is test message"},"caseId":28}'
wrk.headers["Authorization"] = "Bearer mock-key"
wrk.headers["Content-Type"] = "application/json"
