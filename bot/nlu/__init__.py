"""The NLU side: the project's spaCy pipeline, its patterns and custom Rasa components."""
