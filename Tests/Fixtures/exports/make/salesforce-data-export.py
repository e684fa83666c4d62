#!/usr/bin/env python3
"""Writes Tests/Fixtures/exports/salesforce-data-export: a Salesforce weekly Data Export
(Setup → Data Export → Export Now / Schedule Export), unzipped.

What is vendor-specific (see ../README.md):
- one CSV per object, named by the object's API name (Account.csv, Opportunity.csv, …);
- headers are the API field names (Id, IsDeleted, AccountId, OwnerId, StageName, …);
- UTF-8 with a byte-order mark, every cell quoted (empty cells too: "");
- checkboxes written as "1" when checked and "" when not (not true/false);
- datetimes in UTC as 2024-03-05T14:22:10.000Z, dates as 2024-03-05;
- 18-character case-insensitive ids with the object's key prefix (001 Account, 003 Contact, …);
- no OpportunityStage.csv: stages only appear as StageName values;
- formula fields (ExpectedRevenue, Fiscal) are left out, as the export always does.

Deterministic: fixed seed, no clock. Run with no arguments.
"""
import csv, io, os, random

random.seed(20241130)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "salesforce-data-export")
os.makedirs(OUT, exist_ok=True)

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def sfid(prefix):
    """An 18-character Salesforce id: 3-char key prefix, pod/instance chars, record part, 3-char checksum."""
    base = prefix + "Dn" + "0000" + "".join(random.choice(ALNUM) for _ in range(6))
    return base + "".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345") for _ in range(3))


def ts(day, minute=0):
    """A UTC datetime as the export writes it; day 0 = 2024-01-02."""
    import datetime
    d = datetime.datetime(2024, 1, 2, 8, 0, 0) + datetime.timedelta(days=day, minutes=minute, seconds=(day * 37 + minute) % 60)
    return d.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def date(day):
    import datetime
    return (datetime.date(2024, 1, 2) + datetime.timedelta(days=day)).isoformat()


def fold(text):
    """ASCII for an email local part: Björn -> bjorn, Yılmaz -> yilmaz, Søren -> soren."""
    import unicodedata
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ı", "i").replace("'", "")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii()).lower()


def b(flag):
    return "1" if flag else ""


def write(name, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        assert len(row) == len(header), (name, row)
        writer.writerow(row)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


# ---------------------------------------------------------------- users
PEOPLE = [("Priya", "Nair", "Account Executive"), ("Marcus", "Oyelaran", "Account Executive"), ("Sofia", "Lindqvist", "Sales Manager"),
          ("Jonas", "Schäfer", "Account Executive"), ("Chloé", "Dubois", "SDR"), ("Diego", "Muñoz", "Account Executive"),
          ("Hana", "Kim", "VP Sales"), ("Integration", "User", ""), ("Grace", "Obi", "Support Agent"), ("Tom", "Reilly", "Support Agent"),
          ("Ana", "Sousa", "Marketing Manager"), ("Ben", "Hart", "Solutions Engineer"), ("Mia", "Keller", "Customer Success Manager"),
          ("Leo", "Varga", "Finance Analyst"), ("Ida", "Berg", "Sales Ops Analyst")]
SYSADMIN = sfid("005")
users = []
for i, (first, last, title) in enumerate(PEOPLE):
    uid = SYSADMIN if i == 6 else sfid("005")
    ascii_last = last.replace("ä", "ae").replace("ñ", "n").replace("é", "e").lower()
    email = f"{first.lower().replace('é', 'e')}.{ascii_last}@northwind-example.com"
    if i == 7:
        email = "integration@northwind-example.com"
    if i == 1:
        email = "Marcus.Oyelaran@Northwind-Example.com"  # mixed case as typed into the user record
    users.append([uid, f"{email.lower()}.prod", last, first, "Northwind Traders", title, email, f"+1 (617) 555-01{i:02d}",
                  first[0].lower() + ascii_last[:4], b(i != 5), "America/New_York", "en_US", "Standard", ts(-300 + i * 3), SYSADMIN,
                  ts(200 + i * 5, i * 11), SYSADMIN, ts(200 + i * 5, i * 11)])
users[5][9] = ""  # Diego Muñoz left: IsActive unchecked, still owns records
write("User.csv", ["Id", "Username", "LastName", "FirstName", "CompanyName", "Title", "Email", "Phone", "Alias", "IsActive",
                   "TimeZoneSidKey", "LocaleSidKey", "UserType", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById",
                   "SystemModstamp"], users)
owners = [u[0] for u in users[:6]]

# ---------------------------------------------------------------- accounts
COMPANIES = [
    ("Bluefin Logistics", "Logistics", "www.bluefinlogistics.example", "200 Harbor Road", "Boston", "MA", "02134", "United States"),
    ("Acme, Inc.", "Manufacturing ", "http://acme-inc.example", "1 Acme Way\nBuilding 4", "Worcester", "MA", "01608", "United States"),
    ("Müller & Söhne GmbH", "Manufacturing", "https://www.mueller-soehne.example/de/", "Königstraße 12", "Dresden", "", "01069", "Germany"),
    ("Société Générale de Fret", "Logistics", "sgfret.example", "14 rue de la Paix", "Paris", "", "75002", "France"),
    ("Harborline Freight", "Logistics", "https://harborline.example", "88 Pier Street", "Portland", "ME", "04101", "United States"),
    ("Nordlys AS", "Energy", "https://www.nordlys.example", "Strandgata 5", "Tromsø", "", "9008", "Norway"),
    ("Cedar & Pine Co.", "Retail", "https://cedarandpine.example", "41 Elm Street", "Hartford", "CT", "06103", "United States"),
    ("Zenith Analytics", "Technology", "https://zenith-analytics.example", "500 Market St, Suite 1200", "San Francisco", "CA", "94105", "United States"),
    ("Orbital Foods", "Food & Beverage", "https://orbitalfoods.example", "9 Mill Lane", "Newark", "NJ", "07102", "United States"),
    ("Riverbend Health", "Healthcare", "https://www.riverbendhealth.example", "300 River Road", "Providence", "RI", "02903", "United States"),
    ("Kestrel Aviation", "Transportation", "https://kestrel-aviation.example", "Hangar 7, Logan Airport", "Boston", "MA", "02128", "United States"),
    ("Quokka Labs Pty Ltd", "Technology", "https://quokkalabs.example", "12 George St", "Sydney", "NSW", "2000", "Australia"),
    ("Granite State Insurance", "Insurance", "", "77 Main Street", "Concord", "NH", "03301", "United States"),
    ("Lumen Retail Group", "Retail", "https://lumenretail.example", "1200 Broadway", "New York", "NY", "10001", "United States"),
    ("Fjord Fisheries", "Food & Beverage", "https://fjordfisheries.example", "Bryggen 3", "Bergen", "", "5003", "Norway"),
    ("Vértice Consultores", "Consulting", "https://vertice.example", "Calle Mayor 8", "Madrid", "", "28013", "Spain"),
    ("Brightwater Utilities", "Energy", "https://brightwater.example", "5 Canal St", "Lowell", "MA", "01852", "United States"),
    ("Atlas Components", "Manufacturing", "https://atlascomponents.example", "19 Foundry Rd", "Camden", "NJ", "08102", "United States"),
]
accounts = []
for i, (name, industry, web, street, city, state, postal, country) in enumerate(COMPANIES):
    accounts.append([sfid("001"), b(False), "", name, random.choice(["Customer - Direct", "Prospect", "Customer - Channel", "Partner"]), "",
                     street, city, state, postal, country, f"+1 (617) 555-{2000 + i * 7}" if country == "United States" else f"+47 55 {30 + i} {10 + i} {20 + i}",
                     web, industry, f"{random.randint(2, 400) * 250000}" if i % 4 else "", str(random.randint(12, 9000)) if i % 5 else "",
                     random.choice(["Hot", "Warm", "Cold", ""]), "Key account; renewals in Q3" if i % 6 == 0 else "",
                     owners[i % len(owners)], ts(-200 + i * 4), owners[i % len(owners)], ts(150 + i * 6, i * 13), owners[i % len(owners)],
                     ts(150 + i * 6, i * 13), date(250 + i) if i % 3 else ""])
accounts[5][3] = "Nordlys\u00a0AS"  # a no-break space pasted from a web page
write("Account.csv", ["Id", "IsDeleted", "MasterRecordId", "Name", "Type", "ParentId", "BillingStreet", "BillingCity", "BillingState",
                      "BillingPostalCode", "BillingCountry", "Phone", "Website", "Industry", "AnnualRevenue", "NumberOfEmployees", "Rating",
                      "Description", "OwnerId", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp",
                      "LastActivityDate"], accounts)
account_ids = [a[0] for a in accounts]

# ---------------------------------------------------------------- contacts
FIRST = ["Amara", "Björn", "Nadia", "Émile", "Ines", "Kofi", "Yuki", "Oliver", "Fatima", "Mateo", "Zoë", "Søren", "Aiko", "Lena", "Ravi",
         "Grace", "Tomás", "Elif", "Noah", "Maya", "Pierre", "Sven", "Lucía", "Omar", "Hiro", "Anna", "Kwame", "Julia", "Felix", "Rosa"]
LAST = ["Okafor", "Andersen", "Petrova", "Lefèvre", "Costa", "Mensah", "Sato", "Smith", "Haddad", "García", "Byrne", "Kristensen", "Tanaka",
        "Weber", "Iyer", "O'Neill", "Ruiz", "Yılmaz", "Fischer", "Cohen", "Laurent", "Holm", "Navarro", "Farouk", "Ito", "Novak", "Boateng",
        "Rossi", "Braun", "Silva"]
contacts = []
for i in range(30):
    first, last = FIRST[i], LAST[i]
    account = account_ids[i % len(account_ids)]
    company = COMPANIES[i % len(COMPANIES)]
    domain = (company[2].split("//")[-1].split("/")[0].replace("www.", "") or "granitestate.example")
    local = "".join(c for c in fold(first[0] + last) if c.isalnum())
    contacts.append([sfid("003"), b(False), "", account, last, first, random.choice(["Mr.", "Ms.", "Dr.", ""]), company[3].split("\n")[0],
                     company[4], company[5], company[6], company[7], f"+1 617 555 {3000 + i}" if i % 3 else f"(617) 555-{3100 + i}",
                     f"+1 857 555 {4000 + i}" if i % 4 == 0 else "", f"{local}@{domain}",
                     random.choice(["Head of Procurement", "CFO", "Operations Manager", "IT Director", "Buyer", "VP Supply Chain"]),
                     random.choice(["Web", "Partner Referral", "Trade Show", "Phone Inquiry", "Web "]), b(i % 7 == 3), b(i % 11 == 5),
                     owners[i % len(owners)], ts(-150 + i * 3), owners[i % len(owners)], ts(180 + i * 4, i * 7), owners[i % len(owners)],
                     ts(180 + i * 4, i * 7), date(260 + i) if i % 2 else ""])
contacts[6][3] = ""  # a private contact with no account
contacts[12][14] = " s.kristensen@nordlys.example "  # stray spaces around the email
contacts[21][5] = "Lucía\u00a0María"  # a no-break space between two first names
write("Contact.csv", ["Id", "IsDeleted", "MasterRecordId", "AccountId", "LastName", "FirstName", "Salutation", "MailingStreet", "MailingCity",
                      "MailingState", "MailingPostalCode", "MailingCountry", "Phone", "MobilePhone", "Email", "Title", "LeadSource",
                      "HasOptedOutOfEmail", "DoNotCall", "OwnerId", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById",
                      "SystemModstamp", "LastActivityDate"], contacts)
contact_ids = [c[0] for c in contacts]

# ---------------------------------------------------------------- opportunities
STAGES = [("Prospecting", 10, "Pipeline"), ("Qualification", 10, "Pipeline"), ("Needs Analysis", 20, "Pipeline"),
          ("Value Proposition", 50, "Pipeline"), ("Id. Decision Makers", 60, "Pipeline"), ("Perception Analysis", 70, "Pipeline"),
          ("Proposal/Price Quote", 75, "Best Case"), ("Negotiation/Review", 90, "Commit"), ("Closed Won", 100, "Closed"),
          ("Closed Lost", 0, "Omitted")]
deals = []
plan = [8, 9, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 6, 7, 8, 2, 3, 9, 8, 0, 1, 4, 6, 7, 8, 9, 5, 3, 8]
for i, stage_index in enumerate(plan):
    stage, probability, forecast = STAGES[stage_index]
    closed, won = stage_index >= 8, stage_index == 8
    account_index = (i * 5) % len(accounts)
    created = -100 + i * 9
    close = created + 30 + (i * 13) % 120
    deals.append([sfid("006"), b(False), account_ids[account_index], b(False),
                  f"{COMPANIES[account_index][0]} - {['Renewal', 'Expansion', 'Pilot', 'Fleet deal', 'New logo'][i % 5]} {2024 + (i % 3 == 0)}",
                  stage, f"{random.randint(4, 400) * 250}.00" if i != 13 else "", str(probability), date(close),
                  random.choice(["New Business", "Existing Business", "Existing Business - Upgrade"]), "Send proposal" if i % 4 == 1 else "",
                  random.choice(["Web", "Partner Referral", "Trade Show", ""]), b(closed), b(won), forecast.replace(" ", ""),
                  forecast, "", owners[i % len(owners)], ts(created), owners[i % len(owners)], ts(max(created + 20, 120) + i, i * 17),
                  owners[i % len(owners)], ts(max(created + 20, 120) + i, i * 17), date(close - 5) if closed else "", str(2024 + (close >= 364)),
                  str(((close % 364) // 91) + 1)])
write("Opportunity.csv", ["Id", "IsDeleted", "AccountId", "IsPrivate", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type",
                          "NextStep", "LeadSource", "IsClosed", "IsWon", "ForecastCategory", "ForecastCategoryName", "CampaignId", "OwnerId",
                          "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate",
                          "FiscalYear", "FiscalQuarter"], deals)

# ---------------------------------------------------------------- opportunity history
history = []
for i, deal in enumerate(deals[:18]):
    final = plan[i]
    path = [s for s in (0, 2, 4, 6, 7) if s < final][: 1 + i % 3] or [0]
    created = -100 + i * 9
    for version, stage_index in enumerate(path):
        stage, probability, forecast = STAGES[stage_index]
        history.append([sfid("008"), deal[0], owners[i % len(owners)], ts(created + version * 6, 30 + version), stage,
                        f"{random.randint(4, 400) * 250}.00", deal[8], str(probability), forecast.replace(" ", ""),
                        ts(created + version * 6, 30 + version), b(False)])
write("OpportunityHistory.csv", ["Id", "OpportunityId", "CreatedById", "CreatedDate", "StageName", "Amount", "CloseDate", "Probability",
                                 "ForecastCategory", "SystemModstamp", "IsDeleted"], history)

# ---------------------------------------------------------------- leads
LEAD_PEOPLE = [("Ana", "Lima", "Lima Importação Ltda"), ("Ben", "Carter", "Carter Freight"), ("Chen", "Wei", "Wei Trading"),
               ("Dara", "Walsh", "Walsh & Daughters"), ("Eero", "Mäkinen", "Mäkinen Oy"), ("Farah", "Khan", "Khan Textiles"),
               ("Gus", "Olsen", "Olsen Marine"), ("Hélène", "Moreau", "Moreau SARL"), ("Ivan", "Horvat", "Horvat d.o.o."),
               ("Jade", "Nguyen", "Nguyen Foods"), ("Karl", "Berg", "Berg Maskin AB"), ("Leila", "Aziz", "Aziz Group"),
               ("Mo", "Reyes", "Reyes Construction"), ("Nia", "Adeyemi", "Adeyemi Health"), ("Owen", "Price", "Price Brothers"),
               ("Paula", "Santos", "Bluefin Logistics"), ("Quinn", "Baker", "Zenith Analytics"), ("Rui", "Ferreira", "Ferreira Lda"),
               ("Sara", "Lund", "Lund Design"), ("Theo", "Graham", "Graham Partners")]
leads = []
for i, (first, last, company) in enumerate(LEAD_PEOPLE):
    converted = i in (15, 16)
    local = "".join(c for c in fold(first + "." + last) if c.isalnum() or c == ".")
    domain = "".join(c for c in fold(company) if c.isalnum())[:16] + ".example"
    account = account_ids[0] if i == 15 else account_ids[7] if i == 16 else ""
    leads.append([sfid("00Q"), b(False), "", last, first, random.choice(["Mr.", "Ms.", ""]), random.choice(["Owner", "COO", "Buyer", "Logistics Lead"]),
                  company, f"{10 + i} Commerce Drive", random.choice(["Boston", "Austin", "Denver", "Chicago"]), random.choice(["MA", "TX", "CO", "IL"]),
                  f"0{2100 + i}" if i % 4 == 0 else f"{60600 + i}", "United States", f"(312) 555-{5000 + i}", f"{local}@{domain}",
                  random.choice(["Web", "Trade Show", "Partner Referral", "Purchased List"]),
                  "Closed - Converted" if converted else random.choice(["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"]),
                  random.choice(["Logistics", "Retail", "Manufacturing", "Healthcare", ""]), random.choice(["Hot", "Warm", "Cold", ""]),
                  owners[i % len(owners)], b(converted), date(300 + i) if converted else "", account,
                  contact_ids[0] if i == 15 else contact_ids[7] if i == 16 else "", deals[0][0] if i == 15 else "", b(not converted and i % 3 == 0),
                  ts(-50 + i * 11), owners[i % len(owners)], ts(260 + i * 3, i), owners[i % len(owners)], ts(260 + i * 3, i)])
write("Lead.csv", ["Id", "IsDeleted", "MasterRecordId", "LastName", "FirstName", "Salutation", "Title", "Company", "Street", "City", "State",
                   "PostalCode", "Country", "Phone", "Email", "LeadSource", "Status", "Industry", "Rating", "OwnerId", "IsConverted",
                   "ConvertedDate", "ConvertedAccountId", "ConvertedContactId", "ConvertedOpportunityId", "IsUnreadByOwner", "CreatedDate",
                   "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"], leads)

# ---------------------------------------------------------------- an object Gong has no entity for
CAMPAIGNS = [("Spring logistics webinar", "Webinar", "Completed", 60, 4000), ("ProMat 2024 booth", "Trade Show", "Completed", 75, 25000),
             ("Q3 renewal push", "Email", "Completed", 190, 500), ("Partner summit", "Conference", "In Progress", 300, 12000),
             ("Holiday mailer", "Direct Mail", "Planned", 330, 1500), ("Cold chain whitepaper", "Content", "Completed", 20, 2500),
             ("Boston customer dinner", "Event", "Completed", 110, 6000), ("LinkedIn retargeting Q2", "Advertisement", "Completed", 95, 8000),
             ("Freight Tech podcast", "Sponsorship", "Completed", 130, 3500), ("Nordics roadshow", "Event", "Completed", 160, 9000),
             ("Website chat pilot", "Web", "Aborted", 170, 0), ("Q4 pipeline blitz", "Telemarketing", "In Progress", 280, 1200),
             ("Customer advisory board", "Conference", "Planned", 350, 15000), ("Referral program 2024", "Referral Program", "In Progress", 5, 2000),
             ("G2 reviews drive", "Email", "Completed", 220, 300)]
campaigns = [[sfid("701"), b(False), name, kind, status, date(start), date(start + 27), f"{budget}.00", b(status in ("In Progress", "Planned")),
              owners[k % len(owners)], ts(start - 10), ts(start + 30)]
             for k, (name, kind, status, start, budget) in enumerate(CAMPAIGNS)]
write("Campaign.csv", ["Id", "IsDeleted", "Name", "Type", "Status", "StartDate", "EndDate", "BudgetedCost", "IsActive", "OwnerId",
                       "CreatedDate", "LastModifiedDate"], campaigns)

print("wrote", OUT)
