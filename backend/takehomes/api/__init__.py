"""The take-home API, one module per noun: templates (and their leaderboard), assignments,
hand-ins (and their code), comments, review.

Each view parses, asks access.py what the user may see (anything they may not is a 404,
anything they may see but not do a 403), calls a service or a selector and serializes. A
service's refusal is an ApplicationError, answered once by the API's exception handler."""

TAG = ["take-homes"]
