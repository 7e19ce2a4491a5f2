"""The names the feedback question uses in the tracker store, shared by its policy and the clinic's report."""

ASK = "utter_ask_feedback"
THANKS = "utter_feedback_thanks"
ASK_DETAIL = "utter_ask_feedback_detail"
NOTED = "utter_feedback_noted"
# The slot whose SlotSet events hold the feedback: {"answer": name, "helpful": bool} or {"answer": name, "comment": true}.
SLOT = "feedback"
# Actions that are bookkeeping, not something the patient saw (Rasa's own names).
SILENT_ACTIONS = frozenset({"action_listen", "action_session_start", "action_extract_slots"})
