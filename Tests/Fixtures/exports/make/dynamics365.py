#!/usr/bin/env python3
"""Writes Tests/Fixtures/exports/dynamics365: Dynamics 365 Sales views exported with "Export to Excel"
(static worksheet) and saved from Excel as CSV.

What makes it Dynamics-shaped:
- file names are the view name plus the export time, as Dynamics names the workbook
  ("My Active Accounts 12-2-2024 9-14-03 AM.xlsx"), saved as .csv; the opportunities come from a
  personal view whose name does not say "opportunity" ("Q4 Forecast - West ...");
- display-name headers ("Account Name", "Address 1: City", "Email (Primary Contact)", "Potential
  Customer", "Est. Close Date", "Est. Revenue", "Pipeline Phase", "Status Reason", "Owner", ...);
- no id columns: the three hidden "(Do Not Modify) ..." columns (record GUID, row checksum, modified
  on) were deleted before saving as CSV, so every link is by display name (Potential Customer,
  Company Name, Owner = the user's full name);
- US-locale values as Excel writes the cells: dates "12/15/2024", date-times "11/30/2024 3:45 PM",
  money as plain numbers without currency sign or thousands separator ("48250.00");
- Excel's two CSV flavours: "CSV UTF-8" (BOM, CRLF) for most files, plain "CSV (Comma delimited)"
  in Windows-1252 (no BOM, CRLF) for the contacts and activities; quotes only where needed;
- dirt real data has: two accounts named "Fourth Coffee" (Seattle and Boston), two contacts named
  "Chris Miller", a Potential Customer that is a contact (a person) not an account, an opportunity
  owned by a user no longer in "Enabled Users", cities with trailing spaces, ZIP codes with leading
  zeros (02134, 06103) and a ZIP+4, empty cells.

Deterministic (fixed seed): running it again writes the same bytes.
"""
import csv, datetime, io, os, random

random.seed(365_2024)
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "dynamics365")
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".csv"):
        os.remove(os.path.join(OUT, old))


def write(name, header, rows, encoding="utf-8-sig"):
    """Excel 'CSV UTF-8' (utf-8-sig: BOM) or 'CSV (Comma delimited)' (cp1252): CRLF, minimal quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buffer.getvalue().encode(encoding))


BASE = datetime.datetime(2024, 1, 8, 8, 0)


def when(day, minute=0):
    """A Dynamics date-time cell as Excel writes it with US settings: 11/30/2024 3:45 PM (never after the export)."""
    day = min(day, 318 + day % 7)
    d = BASE + datetime.timedelta(days=day, minutes=minute)
    hour = d.hour % 12 or 12
    return f"{d.month}/{d.day}/{d.year} {hour}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def day(value):
    d = BASE.date() + datetime.timedelta(days=value)
    return f"{d.month}/{d.day}/{d.year}"


# Users ("Enabled Users" view of the User table). No Modified On column in that view.
USERS = [
    ("Dana Whitfield", "Account Executive", "West"), ("Marcus Oyelaran", "Account Executive", "West"),
    ("Priya Raman", "Sales Manager", "West"), ("Tomás Álvarez", "Account Executive", "East"),
    ("Hannah Kowalski", "Sales Development Rep", "East"), ("Jonas Lindqvist", "Account Executive", "East"),
    ("Aiko Tanaka", "Sales Development Rep", "West"), ("Grace O'Neill", "VP Sales", "Sales"),
]
users = []
for i, (name, title, unit) in enumerate(USERS):
    first, last = name.split(" ", 1)
    email = f"{first.lower()}.{last.lower()}@tessera.example".replace("'", "").replace("á", "a").replace("ó", "o")
    users.append([name, email, title, f"Tessera {unit}" if unit != "Sales" else "Tessera", f"+1 (206) 555-01{i + 10}"])
write("Enabled Users 12-2-2024 9-20-05 AM.csv", ["Full Name", "Primary Email", "Title", "Business Unit", "Main Phone"], users)
OWNERS = [u[0] for u in users if u[2] != "VP Sales"]

# Accounts ("My Active Accounts", columns added with Edit columns).
ACCOUNTS = [
    # name, street, city, state, zip, country, website, industry, relationship
    ("Contoso Pharmaceuticals", "1 Microsoft Way", "Redmond", "WA", "98052", "United States", "https://www.contoso.example", "Pharmaceuticals", "Customer"),
    ("Fabrikam, Inc.", "400 Pine St", "Seattle", "WA", "98101", "United States", "www.fabrikam.example", "Consulting", "Customer"),
    ("Fourth Coffee", "88 Jackson St", "Seattle ", "WA", "98104", "United States", "http://fourthcoffee.example", "Food & Beverage", "Customer"),
    ("Fourth Coffee", "12 Brattle St", "Boston", "MA", "02134", "United States", "https://www.fourthcoffee.example/boston", "Food & Beverage", "Prospect"),
    ("Litware, Inc.", "2200 Mission College Blvd", "Santa Clara", "CA", "95054", "United States", "https://litware.example", "Software", "Prospect"),
    ("Adventure Works Cycles", "5 Ski Hill Rd", "Bothell", "WA", "98011", "United States", "adventure-works.example", "Retail", "Customer"),
    ("A. Datum Corporation", "77 Asylum St", "Hartford", "CT", "06103", "United States", "https://www.adatum.example", "Insurance", "Prospect"),
    ("Alpine Ski House", "3 Summit Ave", "Denver", "CO", "80202", "United States", "", "Retail", "Prospect"),
    ("Blue Yonder Airlines", "1 Terminal Dr", "Dallas", "TX", "75261", "United States", "https://www.blueyonderairlines.example", "Transportation", "Customer"),
    ("City Power & Light", "901 Grid Ave", "Portland", "OR", "97204", "United States", "https://cpandl.example", "Utilities", "Customer"),
    ("Coho Winery", "14 Vineyard Ln", "Napa", "CA", "94559", "United States", "http://www.cohowinery.example", "Food & Beverage", "Prospect"),
    ("Humongous Insurance", "250 State St", "Boston", "MA", "02109-2705", "United States", "https://humongousinsurance.example", "Insurance", "Customer"),
    ("Lucerne Publishing", "9 Harbor Rd", "Newark", "NJ", "07102", "United States", "https://www.lucernepublishing.example", "Media", "Prospect"),
    ("Margie's Travel", "61 Ocean Blvd", "San Diego", "CA", "92101", "United States", "https://margiestravel.example", "Travel", "Customer"),
    ("Northwind Traders", "1200 Commerce St", "Vancouver", "BC", "V6B 1A1", "Canada", "https://www.northwindtraders.example", "Wholesale", "Customer"),
    ("Proseware, Inc.", "45 Innovation Way", "Austin", "TX", "78701", "United States", "proseware.example", "Software", "Prospect"),
    ("Tailspin Toys", "300 Toy Plaza", "Chicago ", "IL", "60601", "United States", "https://www.tailspintoys.example", "Retail", "Customer"),
    ("Trey Research", "18 Lab Ct", "Cambridge", "MA", "02139", "United States", "https://treyresearch.example", "Biotechnology", "Prospect"),
    ("Wide World Importers", "700 Port Ave", "Long Beach", "CA", "90802", "United States", "https://www.wideworldimporters.example", "Wholesale", "Customer"),
    ("Woodgrove Bank", "1 Financial Plaza", "New York", "NY", "10004", "United States", "https://woodgrovebank.example", "Financial Services", "Customer"),
    ("Wingtip Toys", "12 Kite St", "Providence", "RI", "02903", "United States", "", "Retail", "Prospect"),
    ("Relecloud", "500 Cloud Dr", "San Jose", "CA", "95113", "United States", "https://www.relecloud.example", "Software", "Prospect"),
]

# Contacts first (accounts show their primary contact).
FIRST = ["Chris", "Ana", "Wei", "Fatima", "José", "Zoë", "Liam", "Noor", "Kenji", "Olivia", "Rafael", "Ingrid", "Samuel", "Mei", "Ahmed",
         "Claire", "Diego", "Elena", "Felix", "Greta", "Hugo", "Isla", "Jamal", "Kira", "Lukas", "Maya", "Nils", "Omar", "Paula", "Quinn"]
LAST = ["Miller", "Souza", "Chen", "Haddad", "Muñoz", "Bäcker", "O'Connor", "Rahman", "Sato", "Brooks", "Costa", "Nilsen", "Okafor", "Lin",
        "Farouk", "Dubois", "Ramírez", "Petrova", "Weber", "Larsen", "Moreau", "Fraser", "Wright", "Ivanova", "Schmidt", "Patel", "Berg",
        "Aziz", "Santos", "Reilly"]
contacts = []
primary = {}
for i in range(30):
    first, last = FIRST[i], LAST[i]
    account = ACCOUNTS[i % len(ACCOUNTS)]
    company = account[0]
    domain = account[6].split("//")[-1].replace("www.", "").split("/")[0] or company.split()[0].lower().strip(",.") + ".example"
    email = f"{first[0].lower()}{last.lower()}@{domain}".replace("'", "").replace("ñ", "n").replace("ä", "a").replace("í", "i")
    phone = random.choice([f"+1 {random.randint(201, 989)}-555-{random.randint(100, 199):04d}", f"({random.randint(201, 989)}) 555-{random.randint(100, 199):04d}", ""])
    mobile = random.choice(["", f"+1 {random.randint(201, 989)} 555 {random.randint(200, 299):04d}"])
    created = random.randint(0, 200)
    contacts.append([f"{first} {last}", company, email, phone, mobile,
                     random.choice(["Purchasing Manager", "CFO", "IT Director", "Operations Lead", "VP Procurement", ""]),
                     account[2], random.choice(OWNERS), when(created, random.randint(0, 600)), when(created + random.randint(5, 300), random.randint(0, 600))])
    primary.setdefault((company, account[2]), f"{first} {last}")
# A second "Chris Miller" at another company: names are not unique.
contacts[24][0] = "Chris Miller"
contacts[24][2] = "cmiller@tailspintoys.example"
contacts[24][1] = "Tailspin Toys"
contacts[24][6] = "Chicago"
# A contact with no company, and one at the ambiguous "Fourth Coffee".
contacts[27][1] = ""
contacts[27][6] = ""
contacts[2][1] = "Fourth Coffee"
write("My Active Contacts 12-2-2024 9-15-40 AM.csv",
      ["Full Name", "Company Name", "Email", "Business Phone", "Mobile Phone", "Job Title", "Address 1: City", "Owner", "Created On", "Modified On"],
      contacts, encoding="cp1252")
email_of = {}
for c in contacts:
    email_of.setdefault(c[0], c[2])

accounts = []
for i, (name, street, city, state, zip_code, country, website, industry, relationship) in enumerate(ACCOUNTS):
    contact = primary.get((name, city), "")
    created = random.randint(0, 120)
    accounts.append([name, f"+1 {random.randint(201, 989)}-555-{i + 100:04d}", street, city, state, zip_code, country, contact,
                     email_of.get(contact, ""), website, industry, f"{random.randint(2, 900) * 50000}.00" if i % 5 else "",
                     str(random.randint(12, 20000)) if i % 4 else "", relationship, random.choice(OWNERS),
                     when(created, i * 17), when(created + random.randint(20, 300), i * 31)])
write("My Active Accounts 12-2-2024 9-14-03 AM.csv",
      ["Account Name", "Main Phone", "Address 1: Street 1", "Address 1: City", "Address 1: State/Province", "Address 1: ZIP/Postal Code",
       "Address 1: Country/Region", "Primary Contact", "Email (Primary Contact)", "Website", "Industry", "Annual Revenue",
       "Number of Employees", "Relationship Type", "Owner", "Created On", "Modified On"], accounts)

# Opportunities, from a personal view named after the quarter.
PHASES = ["1-Qualify", "2-Develop", "3-Propose", "4-Close"]
TOPICS = ["Fleet renewal", "Analytics rollout", "Pilot - 50 seats", "Data platform upgrade", "Expansion FY25", "Support contract",
          "Migration services", "Forecasting add-on", "Enterprise license"]
opps = []
names = sorted({a[0] for a in ACCOUNTS})
for i in range(34):
    customer = names[i % len(names)]
    created = random.randint(60, 260)
    status = "Open" if i % 4 else random.choice(["Won", "Lost"])
    if i in (5, 9):
        status = "Won"
    phase = random.choice(PHASES[:3]) if status == "Open" else ("4-Close" if status == "Won" else random.choice(PHASES))
    reason = {"Open": random.choice(["In Progress", "In Progress", "On Hold"]), "Won": "Won", "Lost": random.choice(["Canceled", "Out-Sold"])}[status]
    est_revenue = random.randint(8, 400) * 250
    prob = {"1-Qualify": 10, "2-Develop": 40, "3-Propose": 70, "4-Close": 90}[phase] if status == "Open" else (100 if status == "Won" else 0)
    closed_day = min(created + random.randint(20, 120), 315)
    opps.append([f"{customer.split(',')[0]} - {TOPICS[i % len(TOPICS)]}", customer, day(created + random.randint(60, 200)), f"{est_revenue}.00", str(prob),
                 phase, random.choice(["Hot", "Warm", "Cold"]), status, reason,
                 day(closed_day) if status != "Open" else "", f"{est_revenue + random.choice([0, 0, -500, 1250])}.00" if status == "Won" else "",
                 random.choice(OWNERS), when(created, i * 7),
                 when(closed_day + random.randint(0, 3) if status != "Open" else created + random.randint(1, 90), i * 13)])
# The customer of an opportunity may be a contact (a person): no account has that name.
opps[12][1] = "Olivia Brooks"
opps[12][0] = "Olivia Brooks - Consulting retainer"
# An opportunity at the ambiguous "Fourth Coffee".
opps[7][1] = "Fourth Coffee"
opps[7][0] = "Fourth Coffee - Espresso fleet telemetry"
# Owned by a user who left: not in "Enabled Users".
opps[20][11] = "Ben Carter"
# An open opportunity without estimates yet.
opps[16][2] = ""
opps[16][3] = ""
write("Q4 Forecast - West 12-2-2024 9-17-22 AM.csv",
      ["Topic", "Potential Customer", "Est. Close Date", "Est. Revenue", "Probability", "Pipeline Phase", "Rating", "Status", "Status Reason",
       "Actual Close Date", "Actual Revenue", "Owner", "Created On", "Modified On"], opps)

# Activities: not a Gong CRM entity.
activities = []
for i in range(16):
    activities.append([random.choice(["Follow up on proposal", "Intro call", "Send pricing", "Quarterly review"]), random.choice(opps)[0],
                       random.choice(["Phone Call", "Email", "Task", "Appointment"]), random.choice(["Open", "Completed"]),
                       random.choice(["Normal", "High", "Low"]), when(200 + i * 3, 600), random.choice(OWNERS)])
write("All Activities 12-2-2024 9-22-10 AM.csv", ["Subject", "Regarding", "Activity Type", "Activity Status", "Priority", "Due Date", "Owner"],
      activities, encoding="cp1252")
print("wrote", OUT)
