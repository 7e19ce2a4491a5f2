"""Emergency triage: reads one message and decides 911, 988, Poison Help or nothing, before anything else.

It depends on neither the topic classifier nor the article, needs no server, and is the one place
that decides whether a message is an emergency (bot/nlu/components.py hands its decision to the
safety policy; the channels call it directly when Rasa cannot answer). See the README's "Safety".
"""

from bot.triage.decide import LEVELS, Decision, assess, warm

__all__ = ["Decision", "LEVELS", "assess", "warm"]
