#!/usr/bin/env python3
"""Writes Tests/Fixtures/exports/pipedrive: Pipedrive list-view exports (Deals, Organizations, People,
Activities) as CSV, as "Export data" / "Export filter results" writes them.

What makes it Pipedrive-shaped:
- file names "deals-<company id>-<export number>.csv", "organizations-...", "people-...",
  "activities-..."; UTF-8 without BOM, LF line ends, quotes only where needed;
- every header is "<Object> - <Field label>": "Deal - ID", "Deal - Title", "Deal - Value",
  "Deal - Currency of Value", "Deal - Organization", "Deal - Contact person", "Deal - Owner",
  "Deal - Pipeline", "Deal - Stage", "Deal - Status", "Deal - Expected close date",
  "Deal - Deal created", "Deal - Update time", "Deal - Deal closed on", ...; "Organization - Address"
  plus its exploded parts ("Organization - ZIP/Postal code of Address", ...); multi-value fields
  split by label ("Person - Email - Work", "Person - Phone - Mobile", ...); custom fields appear
  with their label ("Deal - Lead source", "Organization - Industry");
- the activities export uses plain headers ("ID", "Subject", "Deal ID", ...);
- ids are numbers; deals and people link to organizations and people by NAME ("Deal - Organization",
  "Person - Organization", "Deal - Contact person"), owners by the user's name; Pipedrive has no
  user export, so no e-mail of an owner is anywhere in the export;
- timestamps "2024-06-03 09:12:44", dates "2024-12-20", status words Open / Won / Lost, values as
  plain numbers with the currency in its own column (several currencies);
- two pipelines that both have a stage "Qualified";
- dirt: two work e-mails in one cell, a person with only a home e-mail, a person with none, a deal
  without organization, picklist labels with a trailing space ("Software "), ZIP codes with leading
  zeros (02134, 07030), mixed phone formats, empty cells.

Deterministic (fixed seed): running it again writes the same bytes.
"""
import csv, datetime, io, os, random

random.seed(4512873)
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pipedrive")
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".csv"):
        os.remove(os.path.join(OUT, old))
COMPANY = "4512873"


def write(name, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buffer.getvalue().encode("utf-8"))


BASE = datetime.datetime(2024, 2, 1, 7, 30, 0)


def ts(day, seconds=0):
    day = min(day, 300 + day % 5)
    return (BASE + datetime.timedelta(days=day, seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def date(day):
    return (BASE + datetime.timedelta(days=day)).strftime("%Y-%m-%d")


OWNERS = ["Lena Fischer", "Mateo García", "Sophie Martin", "Jakub Nowak", "Emma Johansson", "Noah Becker"]

# Organizations
ORGS = [
    # name, house no, street, city, state, zip, country, website, industry
    ("Brightwave Dental Group", "221", "Beacon Street", "Boston", "Massachusetts", "02134", "United States", "brightwavedental.example", "Healthcare"),
    ("Kestrel Logistics GmbH", "14", "Hafenstraße", "Hamburg", "Hamburg", "20457", "Germany", "https://kestrel-logistics.example", "Logistics"),
    ("Nordlicht Software AG", "3", "Torstraße", "Berlin", "Berlin", "10119", "Germany", "https://www.nordlicht.example", "Software "),
    ("Maple & Oak Interiors", "88", "Washington Street", "Hoboken", "New Jersey", "07030", "United States", "", "Retail"),
    ("Sunfield Farms Co-op", "1200", "County Road 9", "Ames", "Iowa", "50010", "United States", "sunfieldfarms.example", "Agriculture"),
    ("Atelier Lumière SARL", "17", "Rue de la Roquette", "Paris", "Île-de-France", "75011", "France", "https://atelier-lumiere.example", "Design"),
    ("Polar Bytes Oy", "5", "Mannerheimintie", "Helsinki", "Uusimaa", "00100", "Finland", "polarbytes.example", "Software "),
    ("Greenline Mobility", "410", "Market Street", "San Francisco", "California", "94105", "United States", "https://greenline.example", "Transportation"),
    ("Castillo Hermanos S.L.", "22", "Calle de Alcalá", "Madrid", "Comunidad de Madrid", "28014", "Spain", "castillohermanos.example", "Manufacturing"),
    ("Harbor Point Marina", "9", "Harbor Point Road", "Portland", "Maine", "04101", "United States", "", "Hospitality"),
    ("Redwood Analytics", "77", "Jefferson Avenue", "Redwood City", "California", "94063", "United States", "https://redwood-analytics.example", "Software"),
    ("Vesta Property Management", "1500", "Peachtree Street", "Atlanta", "Georgia", "30309", "United States", "vestapm.example", "Real Estate"),
    ("Alba Studio Ltd", "31", "Shoreditch High Street", "London", "Greater London", "E1 6PG", "United Kingdom", "https://albastudio.example", "Design"),
    ("Quarry Hill Brewing", "6", "Quarry Hill Road", "Burlington", "Vermont", "05401", "United States", "quarryhill.example", "Food & Beverage"),
    ("Tidewater Clinics", "340", "Granby Street", "Norfolk", "Virginia", "23510", "United States", "https://tidewaterclinics.example", "Healthcare"),
    ("Fjord Fisheries AS", "2", "Bryggen", "Bergen", "Vestland", "5003", "Norway", "fjordfisheries.example", "Food & Beverage"),
    ("Summit Peak Outfitters", "950", "Pearl Street", "Boulder", "Colorado", "80302", "United States", "https://summitpeak.example", "Retail"),
    ("Orchid Lane Pharmacy", "12", "Orchid Lane", "Princeton", "New Jersey", "08540", "United States", "", "Healthcare"),
    ("Copperleaf Energy", "700", "Louisiana Street", "Houston", "Texas", "77002", "United States", "copperleaf.example", "Energy"),
    ("Blue Heron Schools", "45", "School Street", "Providence", "Rhode Island", "02903", "United States", "https://blueheron.example", "Education"),
]
orgs = []
for i, (name, number, street, city, state, zip_code, country, website, industry) in enumerate(ORGS):
    created = random.randint(0, 120)
    full = f"{street} {number}, {zip_code} {city}, {country}" if country in ("Germany", "Spain", "Norway", "Finland", "France") else \
        f"{number} {street}, {city}, {state} {zip_code}, {country}"
    orgs.append([str(100 + i), name, random.choice(OWNERS), full, "", number, street, "", city, state, "", country, zip_code, full,
                 website, industry, random.choice(["Customer", "Hot lead", "Warm lead", "Cold lead", ""]),
                 ts(created, i * 400), ts(created + random.randint(10, 200), i * 733), "Item owner's visibility group"])
# One organization never got its address parsed into parts: only the raw text.
orgs[13][4:13] = ["", "", "", "", "", "", "", "", ""]
orgs[13][3] = "6 Quarry Hill Rd, Burlington VT 05401"
orgs[13][13] = ""

# People
FIRST = ["Olivia", "Henrik", "Camille", "Raj", "Ewa", "Tom", "Aino", "Lucía", "Marco", "Grace", "Yusuf", "Hanna", "Pierre", "Sara", "Kofi", "Mia",
         "Daniel", "Ines", "Oskar", "Leila", "Ben", "Freya", "Nikolai", "Chloe", "Arjun", "Elif", "Jonas", "Maren", "Victor", "Zara", "Ruth",
         "Paulo", "Astrid", "Kenta", "Nora"]
LAST = ["Reed", "Møller", "Laurent", "Mehta", "Kowalczyk", "Baker", "Virtanen", "Castillo", "Rossi", "Hughes", "Demir", "Berg", "Girard",
        "Lindgren", "Mensah", "Wagner", "Novak", "Ferreira", "Holm", "Nasser", "Carter", "Olsen", "Petrov", "Evans", "Iyer", "Kaya", "Brandt",
        "Solberg", "Hugo", "Malik", "Adler", "Pinto", "Eklund", "Mori", "Quinn"]
people = []
for i in range(35):
    first, last = FIRST[i], LAST[i]
    org_index = i % len(ORGS)
    org = ORGS[org_index]
    domain = (org[7].split("//")[-1].replace("www.", "") or org[0].split()[0].lower() + ".example")
    ascii_last = last.lower().translate(str.maketrans("øæåéíóúäöüç", "oaaeiouaouc"))
    created = random.randint(20, 220)
    phone_work = random.choice([f"+1 617-555-{100 + i:04d}", f"(617) 555 {100 + i:04d}", f"+49 40 {random.randint(1000000, 9999999)}", ""])
    people.append([str(500 + i), f"{first} {last}", first, last, random.choice(["Customer", "Decision maker", ""]), org[0],
                   f"{first.lower()}.{ascii_last}@{domain}", "", "", phone_work,
                   random.choice(["", f"+1 857 555 {200 + i:04d}"]), "",
                   random.choice(["Office Manager", "Head of Operations", "CTO", "Procurement Lead", "Founder", ""]),
                   random.choice(OWNERS), ts(created, i * 97), ts(created + random.randint(1, 150), i * 211), str(random.randint(0, 3)),
                   str(random.randint(0, 2)), random.choice(["Subscribed", "No consent", "Unsubscribed"])])
# Two work e-mails in one cell (Pipedrive joins the values of one label with ", ").
people[3][6] = people[3][6] + ", raj@" + people[3][6].split("@")[1]
# Only a home e-mail, and one person with no e-mail at all.
people[8][6], people[8][7] = "", "marco.rossi76@mail.example"
people[21][6] = ""
# Independent person, no organization.
people[30][5] = ""
write(f"people-{COMPANY}-29.csv",
      ["Person - ID", "Person - Name", "Person - First name", "Person - Last name", "Person - Labels", "Person - Organization",
       "Person - Email - Work", "Person - Email - Home", "Person - Email - Other", "Person - Phone - Work", "Person - Phone - Mobile",
       "Person - Phone - Home", "Person - Job title", "Person - Owner", "Person - Person created", "Person - Update time",
       "Person - Open deals", "Person - Won deals", "Person - Marketing status"], people)
write(f"organizations-{COMPANY}-28.csv",
      ["Organization - ID", "Organization - Name", "Organization - Owner", "Organization - Address",
       "Organization - Apartment/suite no of Address", "Organization - House number of Address", "Organization - Street/road name of Address",
       "Organization - District/sublocality of Address", "Organization - City/town/village/locality of Address",
       "Organization - State/county of Address", "Organization - Region of Address", "Organization - Country of Address",
       "Organization - ZIP/Postal code of Address", "Organization - Full/combined address of Address", "Organization - Website",
       "Organization - Industry", "Organization - Labels", "Organization - Organization created", "Organization - Update time",
       "Organization - Visible to"], orgs)

# Deals
SALES = ["Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started"]
PARTNERS = ["Qualified", "Intro Call", "Contract Sent"]
CURRENCIES = {"United States": "USD", "Germany": "EUR", "France": "EUR", "Spain": "EUR", "Finland": "EUR", "United Kingdom": "GBP", "Norway": "NOK"}
deals = []
for i in range(36):
    org = ORGS[(i * 7) % len(ORGS)]
    contact = next((p for p in people if p[5] == org[0]), None)
    pipeline = "Partnerships" if i % 6 == 5 else "Sales"
    stage = random.choice(PARTNERS if pipeline == "Partnerships" else SALES)
    status = random.choice(["Open", "Open", "Open", "Won", "Lost"])
    currency = CURRENCIES[org[6]]
    value = random.randint(4, 240) * 250 * (10 if currency == "NOK" else 1)
    created = random.randint(40, 240)
    updated = created + random.randint(1, 60)
    closed = ts(updated, i * 3571) if status != "Open" else ""
    probability = "" if status != "Open" else random.choice(["", "20", "50", "80"])
    weighted = f"{value * int(probability) / 100:g}" if probability else str(value)
    deals.append([str(1000 + i), f"{org[0].split()[0]} {random.choice(['Annual plan', 'Expansion', 'Pilot', 'Renewal', 'Onboarding package'])}",
                  random.choice(OWNERS), random.choice(OWNERS), str(value), currency, weighted, currency, probability, org[0], pipeline,
                  contact[1] if contact else "", stage, random.choice(["Hot", "Warm", "Cold", ""]), status, ts(created, i * 1234),
                  ts(updated, i * 3571), ts(updated, i * 3571) if stage != "Qualified" else "", closed if status == "Won" else "",
                  closed if status == "Lost" else "", closed,
                  random.choice(["Went with a competitor", "No budget", "Timing"]) if status == "Lost" else "",
                  date(created + random.randint(30, 150)), "Item owner's visibility group", str(random.randint(0, 9)),
                  random.choice(["Website form", "Referral", "Trade show", "Cold outreach", "Partner "])])
# A deal with a person but no organization.
deals[11][9] = ""
deals[11][11] = people[30][1]
# An open deal with no expected close date yet.
deals[4][14] = "Open"
deals[4][22] = ""
deals[4][18:22] = ["", "", "", ""]
write(f"deals-{COMPANY}-27.csv",
      ["Deal - ID", "Deal - Title", "Deal - Creator", "Deal - Owner", "Deal - Value", "Deal - Currency of Value", "Deal - Weighted value",
       "Deal - Currency of Weighted value", "Deal - Probability", "Deal - Organization", "Deal - Pipeline", "Deal - Contact person",
       "Deal - Stage", "Deal - Label", "Deal - Status", "Deal - Deal created", "Deal - Update time", "Deal - Last stage change",
       "Deal - Won time", "Deal - Lost time", "Deal - Deal closed on", "Deal - Lost reason", "Deal - Expected close date",
       "Deal - Visible to", "Deal - Total activities", "Deal - Lead source"], deals)

# Activities: plain headers, not a Gong CRM entity.
activities = []
for i in range(18):
    deal = random.choice(deals)
    activities.append([str(7000 + i), random.choice(["Call", "Meeting", "Email", "Task"]), random.choice(["Intro call", "Send proposal", "Demo", "Follow-up"]),
                       date(150 + i * 4), random.choice(["10:00", "14:30", ""]), random.choice(["Done", "Not done"]), deal[3], deal[0], deal[1],
                       deal[9], deal[11], ts(140 + i * 4, 600)])
write(f"activities-{COMPANY}-30.csv",
      ["ID", "Type", "Subject", "Due date", "Due time", "Done", "Assigned to user", "Deal ID", "Deal", "Organization", "Contact person", "Add time"],
      activities)
print("wrote", OUT)
