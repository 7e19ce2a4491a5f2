"""Custom actions for the Rasa action server: dosing-time guidance and its form validation."""
