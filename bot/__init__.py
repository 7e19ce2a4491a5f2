"""LDN patient-education assistant: knowledge, NLU, NLG and channels shared by the Rasa server and the action server."""
