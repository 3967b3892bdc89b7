"""How each kind of export names its columns, and which kind a header row comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .. import layout as L

# ------------------------------------------------------------------------------------------------
# Profiles: how each kind of export names its columns

#: (role, column key or None, rank). Roles: "key" (a Contacts column), "first", "middle", "last",
#: "email", "phone" (several columns: the lowest rank wins, the others go to extra), "website"
#: (LinkedIn when the address is on linkedin.com), "connected" (LinkedIn's Connected On)
Role = tuple[str, "str | None", int]


def _key(column: str, rank: int = 0) -> Role:
    return ("key", column, rank)


_FIRST: Role = ("first", None, 0)
_MIDDLE: Role = ("middle", None, 0)
_LAST: Role = ("last", None, 0)
_CONNECTED: Role = ("connected", None, 0)


def _email(rank: int = 0) -> Role:
    return ("email", "email", rank)


def _phone(rank: int = 0) -> Role:
    return ("phone", "phone", rank)


def _website(rank: int = 0) -> Role:
    return ("website", None, rank)


#: headers (as header keys) that name something else than any Contacts column, however a layout
#: alias might read: they stay the source's own columns (kept whole under their header)
UNRELATED = frozenset({
    "state", "province", "region", "county", "country", "countryregion", "city", "town", "zip", "zipcode",
    "postalcode", "postcode", "street", "address", "homeaddress", "businessaddress", "salutation", "prefix",
    "nameprefix", "suffix", "namesuffix", "honorific", "gender", "birthday", "anniversary", "age", "language",
    "timezone", "lifecyclestage", "leadstatus", "dealstage", "owner", "contactowner",
})
#: job titles that are salutations (Outlook and hand-made files call the honorific "Title")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "sr", "sra",
                        "m", "mme", "mlle"})


@dataclass(frozen=True)
class _Profile:
    kind: str
    roles: dict[str, Role]
    #: (pattern over the header key, role maker taking the number in the header)
    patterns: tuple[tuple[re.Pattern[str], Callable[[int], Role]], ...] = ()
    #: header key -> values the program writes for "not set" (Outlook's 0/0/00 birthdays...)
    placeholders: dict[str, frozenset[str]] = field(default_factory=dict)
    #: column keys where "-" means blank (LinkedIn's company)
    dash_blank: frozenset[str] = frozenset()
    how_we_know: str | None = None
    #: other headers are matched with the layout's aliases (a hand-made CSV)
    generic: bool = False

    def role(self, hk: str, generic_lookup: dict[str, L.Column]) -> Role | None:
        role = self.roles.get(hk)
        if role is not None:
            return role
        for pattern, make in self.patterns:
            m = pattern.match(hk)
            if m:
                return make(int(m.group(1)))
        if self.generic and hk not in UNRELATED:
            col = generic_lookup.get(hk)
            if col is not None:
                return _key(col.key)
        return None


_LINKEDIN_ROLES: dict[str, Role] = {
    "firstname": _FIRST, "lastname": _LAST, "url": _key("linkedin"), "emailaddress": _email(),
    "company": _key("employer"), "position": _key("position"), "connectedon": _CONNECTED,
}
LINKEDIN = _Profile("linkedin", _LINKEDIN_ROLES, dash_blank=frozenset({"employer"}), how_we_know="LinkedIn")
LINKEDIN_2018 = _Profile("linkedin-2018", _LINKEDIN_ROLES, dash_blank=frozenset({"employer"}),
                         how_we_know="LinkedIn")
#: LinkedIn's "Imported Contacts.csv" (the address books a member uploaded): several values per cell
LINKEDIN_IMPORTED = _Profile("linkedin-imported", {
    "firstname": _FIRST, "lastname": _LAST, "fullname": _key("name"), "companies": _key("employer"),
    "title": _key("position"), "emails": _email(), "phonenumbers": _phone(), "profiles": _website(),
    "sites": _website(1),
}, how_we_know="LinkedIn (imported contacts)")

_GOOGLE_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[int], Role]], ...] = (
    (re.compile(r"^email(\d+)value$"), _email),
    (re.compile(r"^phone(\d+)value$"), _phone),
    (re.compile(r"^website(\d+)value$"), _website),
)
GOOGLE = _Profile("google", {
    "firstname": _FIRST, "middlename": _MIDDLE, "lastname": _LAST, "organizationname": _key("employer"),
    "organizationtitle": _key("position"), "notes": _key("notes"),
}, _GOOGLE_PATTERNS)
GOOGLE_LEGACY = _Profile("google-legacy", {
    "name": _key("name"), "givenname": _FIRST, "additionalname": _MIDDLE, "familyname": _LAST,
    "notes": _key("notes"),
}, _GOOGLE_PATTERNS + (
    (re.compile(r"^organization(\d+)name$"), lambda n: _key("employer", n)),
    (re.compile(r"^organization(\d+)title$"), lambda n: _key("position", n)),
))

_NOT_SET_DATES = frozenset({"0/0/00", "0/0/0000", "1/1/4501", "0.0.00", "0.0.0000", "01.01.4501"})
OUTLOOK = _Profile("outlook", {
    # Outlook desktop and outlook.com, English
    "firstname": _FIRST, "middlename": _MIDDLE, "lastname": _LAST, "company": _key("employer"),
    "jobtitle": _key("position"), "notes": _key("notes"), "referredby": _key("introduced_by"),
    "emailaddress": _email(1), "email2address": _email(2), "email3address": _email(3),
    "mobilephone": _phone(1), "primaryphone": _phone(2), "businessphone": _phone(3), "homephone": _phone(4),
    "businessphone2": _phone(5), "homephone2": _phone(6), "otherphone": _phone(7), "carphone": _phone(8),
    "companymainphone": _phone(9),
    "webpage": _website(1), "personalwebpage": _website(2),
    # German ("Title" is the salutation there as here, so it stays extra: Anrede)
    "vorname": _FIRST, "weiterevornamen": _MIDDLE, "nachname": _LAST, "firma": _key("employer"),
    "position": _key("position"), "notizen": _key("notes"), "empfohlenvon": _key("introduced_by"),
    "emailadresse": _email(1), "email2adresse": _email(2), "email3adresse": _email(3),
    "mobiltelefon": _phone(1), "haupttelefon": _phone(2), "telefongeschaftlich": _phone(3),
    "telefonprivat": _phone(4), "telefongeschaftlich2": _phone(5), "telefonprivat2": _phone(6),
    "weiterestelefon": _phone(7), "autotelefon": _phone(8), "telefonfirma": _phone(9),
    "mobiltelefon2": _phone(10),
    "webseite": _website(1),
}, placeholders={
    "gender": frozenset({"Unspecified"}), "sensitivity": frozenset({"Normal"}),
    "priority": frozenset({"Normal"}), "private": frozenset({"False"}),
    "birthday": _NOT_SET_DATES, "anniversary": _NOT_SET_DATES,
    "geschlecht": frozenset({"Unbestimmt"}), "vertraulichkeit": frozenset({"Normal"}),
    "prioritat": frozenset({"Normal"}), "privat": frozenset({"Aus", "False"}),
    "geburtstag": _NOT_SET_DATES, "jahrestag": _NOT_SET_DATES,
})

GENERIC = _Profile("csv", {
    "firstname": _FIRST, "first": _FIRST, "givenname": _FIRST, "forename": _FIRST, "vorname": _FIRST,
    "middlename": _MIDDLE, "middle": _MIDDLE, "additionalname": _MIDDLE,
    "lastname": _LAST, "last": _LAST, "surname": _LAST, "familyname": _LAST, "nachname": _LAST,
    "connectedon": _CONNECTED,
}, generic=True)

_GOOGLE_MARKS = frozenset({"phoneticfirstname", "phoneticlastname", "fileas", "organizationname",
                           "organizationtitle", "organizationdepartment", "labels", "email1label",
                           "email1value", "phone1label", "phone1value", "nameprefix", "namesuffix"})
_GOOGLE_LEGACY_MARKS = frozenset({"givenname", "familyname", "additionalname", "groupmembership",
                                  "organization1name", "organization1title", "email1type", "yominame"})
_OUTLOOK_MARKS = frozenset({
    "jobtitle", "department", "suffix", "emailtype", "emaildisplayname", "email2address", "businessphone",
    "homephone", "mobilephone", "primaryphone", "otherphone", "businessfax", "businessstreet", "businesscity",
    "homestreet", "webpage", "categories", "assistantsname", "managersname", "officelocation", "initials",
    "spouse", "referredby", "givenyomi", "surnameyomi",
    "weiterevornamen", "anrede", "abteilung", "emailadresse", "emailtyp", "emailangezeigtername",
    "mobiltelefon", "telefongeschaftlich", "telefonprivat", "kategorien", "notizen", "firma",
})


def _detect_profile(tokens: set[str]) -> _Profile:
    """The export a header row comes from, by the columns it names."""
    has_name_parts = bool(tokens & {"firstname", "lastname"})
    if has_name_parts and len(tokens & {"companies", "emails", "phonenumbers", "createdat", "instantmessagehandles"}) >= 2:
        return LINKEDIN_IMPORTED
    if "connectedon" in tokens and has_name_parts:
        return LINKEDIN if "url" in tokens else LINKEDIN_2018
    if len(tokens & _GOOGLE_LEGACY_MARKS) >= 2 and ("name" in tokens or "givenname" in tokens):
        return GOOGLE_LEGACY
    if len(tokens & _GOOGLE_MARKS) >= 2 and has_name_parts:
        return GOOGLE
    if len(tokens & _OUTLOOK_MARKS) >= 3 and (has_name_parts or tokens & {"vorname", "nachname"}):
        return OUTLOOK
    return GENERIC


def _forced_profile(fmt: str, tokens: set[str]) -> _Profile:
    if fmt == "linkedin":
        if len(tokens & {"companies", "emails", "phonenumbers", "createdat"}) >= 2:
            return LINKEDIN_IMPORTED
        return LINKEDIN if "url" in tokens else LINKEDIN_2018
    if fmt == "google":
        legacy = len(tokens & _GOOGLE_LEGACY_MARKS) >= 2 and ("name" in tokens or "givenname" in tokens)
        return GOOGLE_LEGACY if legacy else GOOGLE
    if fmt == "outlook":
        return OUTLOOK
    return GENERIC


def _all_profiles() -> tuple[_Profile, ...]:
    return (LINKEDIN, LINKEDIN_IMPORTED, GOOGLE, GOOGLE_LEGACY, OUTLOOK, GENERIC)


#: what each kind of export is called in messages
LABELS = {"linkedin": "a LinkedIn connections export", "linkedin-2018": "a LinkedIn connections export",
          "linkedin-imported": "LinkedIn's Imported Contacts export",
          "google": "a Google Contacts export", "google-legacy": "a Google Contacts export",
          "outlook": "an Outlook contacts export"}


def recognise(tokens: set[str]) -> str | None:
    """The export a set of header keys comes from, as messages name it (None: none known). The one
    recogniser: the reader's hints and the importer's detection agree by construction."""
    if "beginvcard" in tokens:
        return "a vCard file"
    return LABELS.get(_detect_profile(tokens).kind)
