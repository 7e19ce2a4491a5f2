"""Checks and prints the clinic settings: python -m bot.settings."""

import sys

from bot.settings import main

sys.exit(main())
