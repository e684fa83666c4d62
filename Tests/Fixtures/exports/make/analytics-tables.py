#!/usr/bin/env python3
"""Writes Tests/Fixtures/exports/analytics-tables: CRM data as an analytics warehouse holds it, one
table per object unloaded to CSV with BigQuery's extract job (bq extract --destination_format=CSV).

What makes it warehouse-shaped:
- snake_case table and column names; tables named by the analysts, not by the CRM:
  companies.csv (accounts), people.csv (contacts), pipeline.csv (the DEALS), teams.csv (the sales
  users, with their team), plus web_sessions_daily.csv, a marketing table that is no CRM entity;
- no id columns at all: the modelled tables dropped the CRM keys, so rows link by names and e-mails
  (people.company = companies.company_name, pipeline.company_name, pipeline.owner_email =
  teams.email);
- BigQuery's CSV conventions: header row, comma, UTF-8 without BOM, LF, quotes only where needed,
  NULL as an empty cell, TIMESTAMP as "2024-11-30 14:22:10 UTC" (with ".482113" microseconds when
  they are not zero), DATE as "2024-12-20", BOOL as "true"/"false", FLOAT64 amounts as "12500.0";
- dirt: a stage value with a trailing space ("Negotiation "), upper-case e-mails, a person whose
  company is spelled differently from companies.csv, a deal owned by someone who left (not in
  teams.csv), ZIP codes with leading zeros (02134, 01002), empty cells.

Deterministic (fixed seed): running it again writes the same bytes.
"""
import csv, datetime, io, os, random

random.seed(20241130)
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "analytics-tables")
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".csv"):
        os.remove(os.path.join(OUT, old))


def write(name, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buffer.getvalue().encode("utf-8"))


BASE = datetime.datetime(2024, 1, 2, 0, 0, 0)


def ts(day, seconds=0, micros=0):
    day = min(day, 328)
    d = BASE + datetime.timedelta(days=day, seconds=seconds)
    text = d.strftime("%Y-%m-%d %H:%M:%S")
    return (text + f".{micros:06d}" if micros else text) + " UTC"


def date(day):
    return (BASE + datetime.timedelta(days=day)).strftime("%Y-%m-%d")


# teams.csv: the sales users and their team.
TEAM = [("Ava Thompson", "Enterprise", "AE"), ("Ravi Kulkarni", "Enterprise", "AE"), ("Chiara Conti", "Mid-Market", "AE"),
        ("Dmitri Sokolov", "Mid-Market", "AE"), ("Yara Nasser", "SMB", "AE"), ("Felix Wagner", "SMB", "SDR"),
        ("Lauren Price", "Enterprise", "Manager"), ("Kwabena Owusu", "Mid-Market", "Manager")]
teams = []
for i, (name, team, role) in enumerate(TEAM):
    first, last = name.split()
    email = f"{first[0].lower()}{last.lower()}@orbitly.example"
    manager = "lprice@orbitly.example" if team == "Enterprise" and role != "Manager" else ("kowusu@orbitly.example" if role != "Manager" else "")
    teams.append([name, email, team, role, manager, "true", ts(100 + i * 11, i * 3607)])
write("teams.csv", ["name", "email", "team", "role", "manager_email", "is_active", "updated_at"], teams)
SELLERS = [t for t in teams if t[3] != "Manager"]

# companies.csv
COMPANIES = [
    ("Acme Robotics", "acmerobotics.example", "Manufacturing", "Worcester", "01608", "US"),
    ("Birchwood Health", "birchwoodhealth.example", "Healthcare", "Boston", "02134", "US"),
    ("Cobalt Freight", "cobaltfreight.example", "Logistics", "Memphis", "38103", "US"),
    ("Delta Dental Partners", "deltadentalpartners.example", "Healthcare", "Amherst", "01002", "US"),
    ("Evergreen Credit Union", "evergreencu.example", "Financial Services", "Tacoma", "98402", "US"),
    ("Foxglove Cosmetics", "foxglove.example", "Retail", "Brooklyn", "11201", "US"),
    ("Granite State Insurance", "granitestate.example", "Insurance", "Manchester", "03101", "US"),
    ("Helios Solar", "heliossolar.example", "Energy", "Phoenix", "85004", "US"),
    ("Indigo Learning", "indigolearning.example", "Education", "Toronto", "M5V 2T6", "CA"),
    ("Juniper Hotels", "juniperhotels.example", "Hospitality", "Denver", "80202", "US"),
    ("Kite & Key Realty", "kiteandkey.example", "Real Estate", "Charleston", "29401", "US"),
    ("Lumen Biotech", "lumenbio.example", "Biotechnology", "Cambridge", "02139", "US"),
    ("Mosaic Media Group", "mosaicmedia.example", "Media", "London", "EC2A 4NE", "GB"),
    ("Nimbus Cloudworks", "nimbuscloud.example", "Software", "Austin", "78701", "US"),
    ("Oakridge Farms", "oakridgefarms.example", "Agriculture", "Fresno", "93721", "US"),
    ("Pinnacle Legal LLP", "pinnaclelegal.example", "Legal", "Chicago", "60603", "US"),
    ("Quantum Retail Co.", "quantumretail.example", "Retail", "Columbus", "43215", "US"),
    ("Riverstone Capital", "riverstonecap.example", "Financial Services", "New York", "10005", "US"),
    ("Sable Security", "sablesecurity.example", "Software", "Reston", "20190", "US"),
    ("Tern Aviation", "ternaviation.example", "Transportation", "Anchorage", "99501", "US"),
]
companies = []
for i, (name, domain, industry, city, zip_code, country) in enumerate(COMPANIES):
    created = random.randint(0, 120)
    companies.append([name, f"https://www.{domain}" if i % 3 else domain, industry, str(random.randint(10, 8000)) if i % 5 else "",
                      city, zip_code, country, ts(created, i * 997), ts(created + random.randint(30, 200), i * 1931, random.choice([0, 0, 482113, 90210]))])
write("companies.csv", ["company_name", "website", "industry", "employee_count", "hq_city", "hq_postal_code", "hq_country", "created_at",
                        "updated_at"], companies)

# people.csv
FIRST = ["Abby", "Bruno", "Celine", "Dev", "Elsa", "Faisal", "Gina", "Hiro", "Irene", "Jude", "Kemal", "Lorna", "Milo", "Nadia", "Otto",
         "Pia", "Quentin", "Rosa", "Stefan", "Tamsin", "Umar", "Vera", "Will", "Xenia", "Yosef", "Zelda", "Arlo", "Bea", "Cyrus", "Dora",
         "Emeka", "Flor", "Gil", "Hedda"]
LAST = ["Stone", "Alves", "Marchand", "Patel", "Lund", "Qureshi", "Russo", "Tanaka", "Adler", "Okoro", "Yilmaz", "McBride", "Novak",
        "Hassan", "Krüger", "Sandoval", "Leclerc", "Medina", "Horvath", "Wynn", "Farouk", "Ilic", "Barnes", "Orlova", "Levi", "Fitz",
        "Grant", "Moreno", "Sadeghi", "Kerr", "Obi", "Ruiz", "Amar", "Nyberg"]
people = []
for i in range(34):
    company = COMPANIES[i % len(COMPANIES)]
    first, last = FIRST[i], LAST[i]
    created = random.randint(30, 250)
    email = f"{first.lower()}.{last.lower().replace('ü', 'ue')}@{company[1]}"
    people.append([first, last, email.upper() if i % 11 == 7 else email,
                   random.choice(["VP Operations", "Head of IT", "CFO", "Procurement Manager", "Director of Sales", ""]),
                   random.choice([f"+1-617-555-{100 + i:04d}", f"617.555.{200 + i:04d}", ""]), company[0], company[3],
                   "true" if i % 4 == 0 else "false", ts(created, i * 613), ts(created + random.randint(1, 90), i * 1201, random.choice([0, 0, 731]))])
# The company spelled differently from companies.csv.
people[13][5] = "Nimbus Cloudworks Inc."
write("people.csv", ["first_name", "last_name", "email", "title", "phone", "company", "city", "is_decision_maker", "created_at", "updated_at"], people)

# pipeline.csv: the deals.
STAGES = ["Discovery", "Demo", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
pipeline = []
for i in range(38):
    company = COMPANIES[(i * 3) % len(COMPANIES)]
    owner = random.choice(SELLERS)
    stage = random.choice(STAGES)
    closed, won = stage.startswith("Closed"), stage == "Closed Won"
    amount = random.randint(10, 500) * 100
    created = random.randint(60, 260)
    pipeline.append([f"{company[0]} - {random.choice(['New logo', 'Upsell', 'Renewal', 'Pilot'])} {2024 + i % 2}", company[0], owner[1], stage,
                     f"{amount}.0" if i % 13 != 6 else "", "USD", date(created + random.randint(15, 120)), "true" if closed else "false",
                     "true" if won else "false", random.choice(["Pipeline", "Best Case", "Commit", "Omitted"]) if not closed else ("Closed" if won else "Omitted"),
                     random.choice(["Inbound", "Outbound", "Partner", "Event"]), ts(created, i * 4099),
                     ts(created + random.randint(1, 60), i * 7001, random.choice([0, 120553]))])
# A stage typed by hand upstream, with a trailing space; a deal owned by someone who left.
pipeline[9][3] = "Negotiation "
pipeline[9][7], pipeline[9][8] = "false", "false"
pipeline[22][2] = "mbauer@orbitly.example"
write("pipeline.csv", ["deal_name", "company_name", "owner_email", "stage", "amount", "currency", "close_date", "is_closed", "is_won",
                       "forecast_category", "lead_source", "created_at", "updated_at"], pipeline)

# A marketing table: not a CRM entity.
sessions = [[date(300 + i), str(random.randint(800, 2400)), str(random.randint(5, 60)), f"{random.randint(10, 90) / 10:.1f}"] for i in range(20)]
write("web_sessions_daily.csv", ["session_date", "sessions", "signups", "bounce_rate_pct"], sessions)
print("wrote", OUT)
