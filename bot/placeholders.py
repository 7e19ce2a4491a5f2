"""Finds the shipped placeholder clinic details (a fictional 555 phone, a reserved example website)."""

import re
from typing import Dict, List
from urllib.parse import urlsplit

# RFC 2606 names that can never be a clinic's real website.
RESERVED_HOSTS = re.compile(r"(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$")


def fictional_phone(phone: str) -> bool:
    """555 as the area code or the exchange: numbers kept for films and examples."""
    digits = re.sub(r"\D", "", phone)[-10:]
    return len(digits) == 10 and "555" in (digits[:3], digits[3:6])


def reserved_website(url: str) -> bool:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return not host or bool(RESERVED_HOSTS.search(host))


def placeholders(clinic: Dict[str, str]) -> List[str]:
    """Which clinic settings still hold a placeholder, as 'clinic.phone (CLINIC_PHONE)' names."""
    found = []
    if fictional_phone(clinic["clinic_phone"]):
        found.append("clinic.phone (CLINIC_PHONE)")
    if reserved_website(clinic["clinic_website"]):
        found.append("clinic.website (CLINIC_WEBSITE)")
    return found
