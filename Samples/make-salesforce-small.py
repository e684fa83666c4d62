#!/usr/bin/env python3
"""Writes Samples/salesforce-small: a small Salesforce-shaped export with planted problems.

Deterministic (fixed seed). The planted problems are listed in Samples/salesforce-small/PLANTED.md
and asserted by the tests; change both together.
"""
import csv, io, os, random

random.seed(20240317)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "salesforce-small")
os.makedirs(OUT, exist_ok=True)
planted = []

CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
def sfid(prefix):
    return prefix + "5e000" + "".join(random.choice(CHARS) for _ in range(7)) + "".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))

def ts(day_offset, seconds=0):
    base = 1_672_531_200 + day_offset * 86400 + seconds  # 2023-01-01
    import datetime
    d = datetime.datetime.utcfromtimestamp(base)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + ".000Z"

def write(name, header, rows, bom=False, crlf=False, quote_all=True):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)

def plant(file, row, rule, what):
    planted.append((file, row, rule, what))

FIRST = ["Priya", "Marta", "Jonas", "Aiko", "Chloé", "Łukasz", "Søren", "Zoë", "Mateo", "Fatima", "Oliver", "Yuki", "Amara", "Björn", "Nadia", "Diego", "Hana", "Émile", "Ines", "Kofi"]
LAST = ["Nair", "Oyelaran", "Schäfer", "Tanaka", "Dubois", "Wiśniewski", "Kristensen", "O'Brien", "García", "Haddad", "Smith", "Sato", "Okafor", "Lindqvist", "Petrova", "Muñoz", "Kim", "Lefèvre", "Costa", "Mensah"]

# Users
users = []
for i in range(12):
    first, last = FIRST[i], LAST[i]
    email = f"{first.lower()}.{last.lower()}@northwind-example.com".replace("'", "")
    email = email.encode("ascii", "ignore").decode() if i % 3 else email
    users.append([sfid("005"), f"{first.lower()}@northwind-example.com.crm", first, last, f"{first} {last}", email, "true", random.choice(["Account Executive", "SDR", "Sales Manager"]), ts(i), ts(300 + i)])
users[7][5] = "bjorn.lindqvist(at)northwind-example.com"
plant("User.csv", 8, "invalid-email", "Email 'bjorn.lindqvist(at)northwind-example.com'")
write("User.csv", ["Id", "Username", "FirstName", "LastName", "Name", "Email", "IsActive", "Title", "CreatedDate", "LastModifiedDate"], users)
user_ids = [u[0] for u in users]

# Stages
STAGES = [("Prospecting", 10, False, False), ("Qualification", 20, False, False), ("Needs Analysis", 30, False, False),
          ("Value Proposition", 40, False, False), ("Id. Decision Makers", 50, False, False), ("Proposal/Price Quote", 60, False, False),
          ("Negotiation/Review", 80, False, False), ("Closed Won", 100, True, True), ("Closed Lost", 0, True, False)]
stages = []
for i, (label, prob, closed, won) in enumerate(STAGES):
    stages.append([sfid("01J"), label, label.replace(" ", "").replace("/", "").replace(".", ""), "true", str(i + 1), str(closed).lower(), str(won).lower(), str(prob), ts(i)])
# The stage file lacks "Negotiation/Review": deals in that stage reference a stage that is not uploaded.
del stages[6]
write("OpportunityStage.csv", ["Id", "MasterLabel", "ApiName", "IsActive", "SortOrder", "IsClosed", "IsWon", "DefaultProbability", "LastModifiedDate"], stages)

# Accounts (UTF-8 with BOM, multi-line addresses, quoted commas, non-ASCII names)
COMPANIES = ["Bluefin Logistics", "Acme, Inc.", "Müller & Söhne GmbH", "Société Générale de Fret", "株式会社サクラ物流", "Harborline Freight", "Łódź Textiles S.A.",
             "Nordlys AS", "Cedar & Pine Co.", "Árvíztűrő Kft.", "Zenith Analytics", "Orbital Foods", "Riverbend Health", "Kestrel Aviation", "Quokka Labs Pty Ltd"]
INDUSTRIES = ["Logistics", "Retail", "Manufacturing", "Finance", "Healthcare", "Technology", "Food & Beverage"]
COUNTRIES = ["United States", "Germany", "France", "Japan", "Poland", "Norway", "Hungary", "Australia", "United Kingdom"]
accounts = []
for i in range(80):
    base = COMPANIES[i % len(COMPANIES)]
    name = base if i < len(COMPANIES) else f"{base} {['North', 'South', 'East', 'West', 'Holdings', 'Group'][i % 6]} {i}"
    slug = "".join(c for c in base.lower() if c.isascii() and c.isalnum())[:14] or f"company{i}"
    street = f"{100 + i} Harbor Road\nSuite {i * 10 + 4}" if i % 4 == 0 else f"{100 + i} Market Street"
    accounts.append([sfid("001"), name, random.choice(["Customer", "Prospect", "Partner"]), random.choice(INDUSTRIES), f"https://www.{slug}.example",
                     f"+1 555 01{i:02d}", street, random.choice(["Springfield", "Berlin", "Lyon", "Osaka"]), "", f"{10000 + i * 37}", random.choice(COUNTRIES),
                     f"{random.randint(1, 900) * 10000}", str(random.randint(5, 5000)), random.choice(user_ids[:11]), ts(i), ts(200 + i, i * 61),
                     "Key account, renewals in Q3; \"strategic\"" if i % 5 == 0 else ""])
accounts[40][0] = accounts[12][0]
plant("Account.csv", 41, "duplicate-object-id", f"Id {accounts[12][0]} repeats row 13")
write("Account.csv", ["Id", "Name", "Type", "Industry", "Website", "Phone", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry",
                      "AnnualRevenue", "NumberOfEmployees", "OwnerId", "CreatedDate", "LastModifiedDate", "Description"], accounts, bom=True)
account_ids = [a[0] for a in accounts if a is not accounts[40]]

# Contacts (CRLF line endings)
contacts = []
for i in range(200):
    first, last = random.choice(FIRST), random.choice(LAST)
    account = random.choice(account_ids)
    domain = "".join(c for c in last.lower() if c.isascii() and c.isalpha()) or "mail"
    contacts.append([sfid("003"), account, first, last, random.choice(["Mr.", "Ms.", "Dr.", ""]), random.choice(["Head of Procurement", "CFO", "Operations Manager", "IT Director", "Buyer"]),
                     f"{domain}.{i}@{domain}-corp.example", f"+44 20 7946 {i:04d}", random.choice(["", f"+49 151 {i:07d}"]),
                     f"{i} Rue de la Paix" if i % 7 else f"{i} Long Lane\nFlat {i}", random.choice(["Paris", "London", "Kraków"]), random.choice(COUNTRIES),
                     random.choice(["Web", "Partner Referral", "Trade Show", "Phone Inquiry"]), random.choice(user_ids), ts(i % 300), ts(250 + i % 100, i * 7)])
for row, bad in [(17, "marta.oyelaran@@bluefin.example"), (64, "no-email-given"), (150, "j.smith@localhost")]:
    contacts[row - 1][6] = bad
    plant("Contact.csv", row, "invalid-email", f"Email '{bad}'")
for row in (33, 121):
    contacts[row - 1][1] = "001MISSING00000AAA" if row == 33 else "001DELETED00000BBB"
    plant("Contact.csv", row, "missing-reference", f"AccountId '{contacts[row - 1][1]}' names no account")
contacts[89][15] = ""
plant("Contact.csv", 90, "missing-required", "LastModifiedDate is empty")
write("Contact.csv", ["Id", "AccountId", "FirstName", "LastName", "Salutation", "Title", "Email", "Phone", "MobilePhone", "MailingStreet", "MailingCity", "MailingCountry",
                      "LeadSource", "OwnerId", "CreatedDate", "LastModifiedDate"], contacts, crlf=True)
contact_ids = [c[0] for c in contacts]

# Opportunities
deals = []
for i in range(120):
    stage = random.choice(STAGES)
    closed, won = stage[2], stage[3]
    deals.append([sfid("006"), random.choice(account_ids), f"{random.choice(COMPANIES)} — {random.choice(['renewal', 'expansion', 'pilot', 'fleet deal'])} {2023 + i % 2}",
                  stage[0], f"{random.randint(5, 500) * 250}.00", str(stage[1]), f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", random.choice(["New Business", "Existing Business"]),
                  random.choice(["Web", "Partner Referral", ""]), random.choice(["Pipeline", "Best Case", "Commit", "Closed", "Omitted"]),
                  str(closed).lower(), str(won).lower(), random.choice(user_ids), ts(i), ts(280 + i % 80, i * 13), random.choice(["", "Send proposal", "Call CFO, confirm budget"])])
deals[9][1] = "001MISSING00000CCC"
plant("Opportunity.csv", 10, "missing-reference", "AccountId '001MISSING00000CCC' names no account")
deals[24][12] = "005NOTAUSER0000DDD"
plant("Opportunity.csv", 25, "missing-reference", "OwnerId '005NOTAUSER0000DDD' names no user")
deals[55][4] = "n/a"
plant("Opportunity.csv", 56, "invalid-type", "Amount 'n/a'")
deals[70][6] = "2024-02-30"
plant("Opportunity.csv", 71, "invalid-date", "CloseDate '2024-02-30'")
negotiation = [i + 1 for i, d in enumerate(deals) if d[3] == "Negotiation/Review"]
for row in negotiation:
    plant("Opportunity.csv", row, "lookup-not-found", "StageName 'Negotiation/Review' is not in OpportunityStage.csv")
write("Opportunity.csv", ["Id", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type", "LeadSource", "ForecastCategoryName", "IsClosed", "IsWon",
                          "OwnerId", "CreatedDate", "LastModifiedDate", "NextStep"], deals)
deal_ids = [d[0] for d in deals]

# Opportunity history: a few versions of the first 60 deals, oldest first per deal.
history = []
for i, deal in enumerate(deals[:60]):
    for version in range(1 + i % 3):
        stage = STAGES[version]
        history.append([sfid("008"), deal[0], stage[0], f"{random.randint(5, 500) * 250}.00", deal[6], str(stage[1]), ts(i, 3600 * (version + 1))])
write("OpportunityHistory.csv", ["Id", "OpportunityId", "StageName", "Amount", "CloseDate", "Probability", "CreatedDate"], history)

# Leads
leads = []
for i in range(60):
    first, last = random.choice(FIRST), random.choice(LAST)
    converted = i % 6 == 0
    leads.append([sfid("00Q"), first, last, random.choice(COMPANIES), random.choice(["Operations Manager", "Buyer", "CTO"]), f"{first.lower()}.{i}@lead-{i}.example".encode("ascii", "ignore").decode(),
                  f"+1 555 0{i:03d}", "Closed - Converted" if converted else random.choice(["Open - Not Contacted", "Working - Contacted"]), random.choice(["Web", "Trade Show"]),
                  random.choice(INDUSTRIES), str(converted).lower(), random.choice(account_ids) if converted else "", random.choice(contact_ids) if converted else "",
                  random.choice(deal_ids) if converted else "", f"{1 + i % 12:02d}/{1 + i % 28:02d}/2024" if converted else "", random.choice(user_ids), ts(i), ts(290 + i % 50, i)])
leads[12][12] = "003GONE000000000EEE"
plant("Lead.csv", 13, "missing-reference", "ConvertedContactId '003GONE000000000EEE' names no contact")
write("Lead.csv", ["Id", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "Status", "LeadSource", "Industry", "IsConverted", "ConvertedAccountId",
                   "ConvertedContactId", "ConvertedOpportunityId", "ConvertedDate", "OwnerId", "CreatedDate", "LastModifiedDate"], leads)

# A file that belongs to no Gong entity.
write("Campaign.csv", ["Id", "Name", "Type", "Status", "StartDate", "EndDate", "BudgetedCost"],
      [[sfid("701"), f"Spring webinar {i}", "Webinar", "Completed", f"2024-0{i + 1}-01", f"2024-0{i + 1}-28", str(1000 * (i + 1))] for i in range(6)])

with open(os.path.join(OUT, "PLANTED.md"), "w") as f:
    f.write("# Planted problems in salesforce-small\n\nWritten by `Samples/make-salesforce-small.py`; rows are 1-based data rows (header excluded).\n\n")
    f.write("| file | row | rule | what |\n|---|---|---|---|\n")
    for file, row, rule, what in planted:
        f.write(f"| {file} | {row} | {rule} | {what} |\n")
print("wrote", OUT, len(planted), "planted problems")
