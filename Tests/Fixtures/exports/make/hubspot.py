#!/usr/bin/env python3
"""Writes Tests/Fixtures/exports/hubspot: HubSpot CRM exports of companies, contacts and deals
(index page → Export, CSV, "include associated records"), plus the users export
(Settings → Users & Teams → Export users).

What is vendor-specific (see ../README.md):
- one file per object, named hubspot-crm-exports-all-<object>-<date>.csv;
- headers are property *labels* ("Record ID", "Company name", "Company Domain Name", "Deal Stage",
  "Deal owner", "Contact owner", "Phone Number", "Lifecycle Stage", …);
- every cell quoted; UTF-8 without a byte-order mark;
- datetimes in the account's time zone without an offset, to the minute: 2024-11-30 14:02
  (date properties such as Close Date are written the same way);
- numbers as decimals with a trailing .0 ("25000.0", "0.4"), booleans true/false;
- owners by name only (no owner id); the owners themselves come from the users export;
- associations as pairs of columns: "Associated Company" (names) and "Associated Company IDs"
  (record ids), several values joined with ';', plus the "(Primary)" variants;
- the contacts export repeats the "Billing Contact" association columns (same header twice),
  as real exports with association labels do;
- deal stages by label, in two pipelines that both have "Closed Won" / "Closed Lost";
- a phone number with a leading space (" +16175550134") as HubSpot stores what the form sent.

Deterministic: fixed seed, no clock. Run with no arguments.
"""
import csv, datetime, io, os, random

random.seed(3141)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "hubspot")
os.makedirs(OUT, exist_ok=True)
STAMP = "2024-12-02"
BASE = datetime.datetime(2024, 1, 3, 9, 12)


def when(day, minute=0):
    return (BASE + datetime.timedelta(days=day, minutes=minute)).strftime("%Y-%m-%d %H:%M")


def num(value):
    return "" if value is None else f"{float(value)}"


def fold(text):
    """ASCII for an email local part: Björn -> bjorn, Yılmaz -> yilmaz, Søren -> soren."""
    import unicodedata
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ı", "i").replace("'", "")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii()).lower()


def tf(flag):
    return "true" if flag else "false"


def write(name, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        assert len(row) == len(header), (name, row)
        writer.writerow(row)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buffer.getvalue().encode("utf-8"))


def hsid(start, k):
    return str(start + k * 7919 + random.randint(0, 900))


# ---------------------------------------------------------------- users (Settings → Users & Teams → Export users)
USERS = [("Priya", "Nair", "Sales - East", "Sales Rep"), ("Marcus", "Oyelaran", "Sales - East", "Sales Rep"),
         ("Sofia", "Lindqvist", "Sales - East", "Sales Manager"), ("Jonas", "Schäfer", "Sales - EMEA", "Sales Rep"),
         ("Chloé", "Dubois", "SDR", "SDR"), ("Dana", "Whitfield", "", "Super Admin"), ("Grace", "Obi", "Service", "Support Agent"),
         ("Tom", "Reilly", "Service", "Support Agent"), ("Ana", "Sousa", "Marketing", "Marketer"), ("Ben", "Hart", "Sales - East", "Sales Engineer"),
         ("Mia", "Keller", "Customer Success", "CSM"), ("Leo", "Varga", "", "Finance (view only)"), ("Hana", "Kim", "Sales - East", "Sales Manager"),
         ("Ida", "Berg", "", "Sales Ops"), ("Raj", "Patel", "Marketing", "Marketer")]
users = []
for k, (first, last, team, role) in enumerate(USERS):
    local = (first + "." + last).lower().replace("ä", "ae").replace("é", "e")
    users.append([str(51234560 + k * 17), first, last, f"{local}@northwind-example.com", when(325 + k, 17 * k), team, role,
                  "Super Admin" if role == "Super Admin" else "Sales Hub Professional; Contacts: edit owned"])
write(f"hubspot-users-{STAMP}.csv", ["User ID", "First name", "Last name", "Email address", "Last login date", "Assigned teams", "Assigned role",
                                     "Permissions"], users)
owners = [f"{u[0]} {u[1]}" for u in USERS[:5]] + ["Sam Rivera"]  # Sam Rivera left; his records still name him

# ---------------------------------------------------------------- companies
COMPANIES = [("Bluefin Logistics", "bluefinlogistics.example", "Logistics and Supply Chain", "Boston", "Massachusetts", "02134", "United States", " +16175550134", 240, 12_000_000),
             ("Acme, Inc.", "acme-inc.example", "Machinery", "Worcester", "Massachusetts", "01608", "United States", "(508) 555-0108", 1200, 48_500_000),
             ("Müller & Söhne GmbH", "mueller-soehne.example", "Machinery", "Dresden", "Sachsen", "01069", "Germany", "+49 351 5550169", 410, 30_000_000),
             ("Société Générale de Fret", "sgfret.example", "Transportation/Trucking/Railroad", "Paris", "", "75002", "France", "+33 1 55 55 01 02", None, None),
             ("Harborline Freight", "harborline.example", "Logistics and Supply Chain", "Portland", "Maine", "04101", "United States", "207-555-0101", 85, 7_250_000),
             ("Cedar & Pine Co.", "cedarandpine.example", "Retail", "Hartford", "Connecticut", "06103", "United States", "", 60, 3_400_000),
             ("Zenith Analytics", "zenith-analytics.example", "Computer Software", "San Francisco", "California", "94105", "United States", "+1 415 555 0105", 150, 22_000_000),
             ("Orbital Foods", "orbitalfoods.example", "Food & Beverages", "Newark", "New Jersey", "07102", "United States", "(973) 555-0102", 320, None),
             ("Riverbend Health", "riverbendhealth.example", "Hospital & Health Care", "Providence", "Rhode Island", "02903", "United States", "+14015550103", 2100, 95_000_000),
             ("Kestrel Aviation", "kestrel-aviation.example", "Airlines/Aviation", "Boston", "Massachusetts", "02128", "United States", "(617) 555-0128", 530, 41_000_000),
             ("Granite State Insurance", "", "Insurance", "Concord", "New Hampshire", "03301", "United States", "603.555.0177", 260, 18_000_000),
             ("Lumen Retail Group", "lumenretail.example", "Retail", "New York", "New York", "10001", "United States", "(212) 555-0101", 3800, 150_000_000),
             ("Nordlys\u00a0AS", "nordlys.example", "Utilities", "Tromsø", "", "9008", "Norway", "+47 77 55 01 08", 45, 9_000_000),
             ("Brightwater Utilities", "brightwater.example", "Utilities", "Lowell", "Massachusetts", "01852", "United States", "(978) 555-0152", 900, 64_000_000),
             ("Atlas Components", "atlascomponents.example", "Machinery", "Camden", "New Jersey", "08102", "United States", "(856) 555-0102", 140, 11_500_000),
             ("Fjord Fisheries", "fjordfisheries.example", "Food & Beverages", "Bergen", "", "5003", "Norway", "+47 55 55 01 03", 70, 5_600_000)]
company_ids = [hsid(8_812_000_000, k) for k in range(len(COMPANIES))]
company_contacts = {k: [] for k in range(len(COMPANIES))}
company_deals = {k: [] for k in range(len(COMPANIES))}

# ---------------------------------------------------------------- contacts
PEOPLE = [("Amara", "Okafor"), ("Björn", "Andersen"), ("Nadia", "Petrova"), ("Émile", "Lefèvre"), ("Ines", "Costa"), ("Kofi", "Mensah"),
          ("Yuki", "Sato"), ("Oliver", "Smith"), ("Fatima", "Haddad"), ("Mateo", "García"), ("Zoë", "Byrne"), ("Søren", "Kristensen"),
          ("Aiko", "Tanaka"), ("Lena", "Weber"), ("Ravi", "Iyer"), ("Grace", "O'Neill"), ("Tomás", "Ruiz"), ("Elif", "Yılmaz"),
          ("Noah", "Fischer"), ("Maya", "Cohen"), ("Pierre", "Laurent"), ("Sven", "Holm"), ("Lucía", "Navarro"), ("Omar", "Farouk"),
          ("Hiro", "Ito"), ("Anna", "Novak"), ("Kwame", "Boateng"), ("Julia", "Rossi")]
LIFECYCLE = ["Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer", "Evangelist"]
contact_ids = [hsid(101_000_000, k) for k in range(len(PEOPLE))]
contacts = []
for k, (first, last) in enumerate(PEOPLE):
    c = k % len(COMPANIES)
    company = COMPANIES[c]
    free_mail = k in (7, 19)
    domain = "gmail.com" if free_mail else (company[1] or "granitestate.example")
    local = fold(first + "." + last).replace(" ", "")
    associated = [c] if k not in (7, 23) else ([] if k == 7 else [c, (c + 5) % len(COMPANIES)])
    for a in associated:
        company_contacts[a].append(k)
    lifecycle = LIFECYCLE[(k * 3) % len(LIFECYCLE)]
    contacts.append({"id": contact_ids[k], "first": first, "last": last, "email": f"{local}@{domain}",
                     "phone": company[7][:-2] + f"{10 + k}" if company[7] else "", "mobile": f"+1 857 555 {4000 + k}" if k % 4 == 0 else "",
                     "title": random.choice(["Head of Procurement", "CFO", "Operations Manager", "IT Director", "Buyer", ""]),
                     "company_name": company[0] if k != 7 else "", "owner": owners[k % 5] if k % 9 != 4 else "", "lifecycle": lifecycle,
                     "lead_status": random.choice(["New", "Open", "In Progress", "Attempted to contact", "Connected", "Bad Timing", ""]) if lifecycle in ("Lead", "Marketing Qualified Lead", "Sales Qualified Lead") else "",
                     "created": when(-120 + k * 6, 7 * k), "modified": when(200 + k * 4, 13 * k), "city": company[3], "state": company[4],
                     "postal": company[5], "country": company[6], "companies": associated, "deals": []})
contacts[10]["first"] = "Zoë\u00a0Ann"  # a no-break space typed on a Mac keyboard
contacts[13]["email"] = "Lena.Weber@Brightwater.example "  # mixed case and a trailing space from a form

# ---------------------------------------------------------------- deals
SALES = ["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent", "Closed Won", "Closed Lost"]
RENEWALS = ["Renewal Due", "Negotiating", "Closed Won", "Closed Lost"]
PROBABILITY = {"Appointment Scheduled": 0.2, "Qualified To Buy": 0.4, "Presentation Scheduled": 0.6, "Decision Maker Bought-In": 0.8,
               "Contract Sent": 0.9, "Closed Won": 1.0, "Closed Lost": 0.0, "Renewal Due": 0.5, "Negotiating": 0.7}
deal_ids = [hsid(15_900_000_000, k) for k in range(28)]
deals = []
for k in range(28):
    renewal = k % 4 == 3
    stage = RENEWALS[(k // 4) % len(RENEWALS)] if renewal else SALES[(k * 2) % len(SALES)]
    c = (k * 5) % len(COMPANIES)
    won, lost = stage == "Closed Won", stage == "Closed Lost"
    created = -90 + k * 11
    close = created + 20 + (k * 23) % 120
    amount = None if k in (4, 17) else random.randint(4, 400) * 250
    companies = [c] if k not in (6, 21) else ([] if k == 6 else [c, (c + 1) % len(COMPANIES)])
    people = [p for p in company_contacts[c][:2]] if companies else []
    for a in companies:
        company_deals[a].append(k)
    for p in people:
        contacts[p]["deals"].append(k)
    primary = companies[0] if companies else None
    if k == 21:
        primary = None  # associated with two companies, none labelled primary
    deals.append([deal_ids[k], f"{COMPANIES[c][0].split(',')[0]} - {'Renewal' if renewal else ['New logo', 'Expansion', 'Pilot'][k % 3]} {2024 + (close > 360)}",
                  stage, "Renewals" if renewal else "Sales Pipeline", num(amount), num(amount), when(close, 600 + k), when(created, 11 * k),
                  when(max(created + 9, 150) + k, 29 * k), owners[k % len(owners)], random.choice(["New Business", "Existing Business", ""]) if not renewal else "Existing Business",
                  num(PROBABILITY[stage]), random.choice(["Pipeline", "Best case", "Commit", ""]) if not (won or lost) else ("Closed won" if won else "Not forecasted"),
                  "Send the MSA redline" if k % 6 == 1 else "", tf(won), tf(lost), tf(won or lost),
                  ";".join(COMPANIES[a][0] for a in companies), ";".join(f"{contacts[p]['first']} {contacts[p]['last']} ({contacts[p]['email'].strip()})" for p in people),
                  COMPANIES[primary][0] if primary is not None else "", ";".join(company_ids[a] for a in companies),
                  ";".join(contact_ids[p] for p in people), company_ids[primary] if primary is not None else ""])
write(f"hubspot-crm-exports-all-deals-{STAMP}.csv",
      ["Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Amount in company currency", "Close Date", "Create Date", "Last Modified Date",
       "Deal owner", "Deal Type", "Deal probability", "Forecast category", "Next step", "Is Closed Won", "Is closed lost", "Is Deal Closed?",
       "Associated Company", "Associated Contact", "Associated Company (Primary)", "Associated Company IDs", "Associated Contact IDs",
       "Associated Company IDs (Primary)"], deals)

rows = []
for k, p in enumerate(contacts):
    primary = p["companies"][0] if p["companies"] else None
    rows.append([p["id"], p["first"], p["last"], p["email"], p["phone"], p["mobile"], p["title"], p["company_name"], p["owner"], p["lifecycle"],
                 p["lead_status"], p["created"], p["modified"], p["city"], p["state"], p["postal"], p["country"],
                 ";".join(COMPANIES[a][0] for a in p["companies"]), ";".join(deals[d][1] for d in p["deals"]), "", "",
                 COMPANIES[primary][0] if primary is not None else "", ";".join(company_ids[a] for a in p["companies"]),
                 ";".join(deal_ids[d] for d in p["deals"]), "", "", company_ids[primary] if primary is not None else ""])
write(f"hubspot-crm-exports-all-contacts-{STAMP}.csv",
      ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Job Title", "Company Name", "Contact owner",
       "Lifecycle Stage", "Lead Status", "Create Date", "Last Modified Date", "City", "State/Region", "Postal Code", "Country/Region",
       "Associated Company", "Associated Deal", "Billing Contact", "Billing Contact", "Associated Company (Primary)", "Associated Company IDs",
       "Associated Deal IDs", "Billing Contact IDs", "Billing Contact IDs", "Associated Company IDs (Primary)"], rows)

rows = []
for k, (name, domain, industry, city, state, postal, country, phone, employees, revenue) in enumerate(COMPANIES):
    rows.append([company_ids[k], name, domain, f"https://www.{domain}" if domain and k % 3 else domain, owners[k % len(owners)] if k != 10 else "",
                 industry, random.choice(["Prospect", "Partner", "Reseller", "Vendor", "Other", ""]), phone, city, state, postal, country,
                 num(employees), num(revenue), random.choice(["Lead", "Opportunity", "Customer", "Customer", "Evangelist"]),
                 when(-300 + k * 9, 3 * k), when(180 + k * 7, 41 * k), when(260 + k * 3, 5 * k) if k % 4 else "",
                 ";".join(f"{contacts[p]['first']} {contacts[p]['last']} ({contacts[p]['email'].strip()})" for p in company_contacts[k]),
                 ";".join(deals[d][1] for d in company_deals[k]), ";".join(contact_ids[p] for p in company_contacts[k]),
                 ";".join(deal_ids[d] for d in company_deals[k])])
write(f"hubspot-crm-exports-all-companies-{STAMP}.csv",
      ["Record ID", "Company name", "Company Domain Name", "Website URL", "Company owner", "Industry", "Type", "Phone Number", "City",
       "State/Region", "Postal Code", "Country/Region", "Number of Employees", "Annual Revenue", "Lifecycle Stage", "Create Date",
       "Last Modified Date", "Last Activity Date", "Associated Contact", "Associated Deal", "Associated Contact IDs", "Associated Deal IDs"], rows)

print("wrote", OUT)
