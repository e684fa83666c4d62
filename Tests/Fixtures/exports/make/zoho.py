#!/usr/bin/env python3
"""Writes Tests/Fixtures/exports/zoho: Zoho CRM module exports (Setup > Data Administration > Export)
of Accounts, Contacts, Deals, Leads and Users.

What makes it Zoho-shaped:
- one file per module, named "<Module>_<yyyy>_<mm>_<dd>.csv"; UTF-8, every value double-quoted,
  LF line ends;
- field labels as headers ("Record Id", "Account Name", "Deal Name", "Closing Date", "Probability (%)",
  "Billing Code", "Mailing Zip", ...) and, for every lookup and owner field, a companion
  "<Label>.id" column before it: "Account Owner.id" + "Account Owner", "Account Name.id" +
  "Account Name", "Contact Name.id", "Parent Account.id", "Created By.id", "Modified By.id";
- record ids written with Zoho's export prefix: "zcrm_4876876000000412001" (19 digits after
  "zcrm_"), the same in "Record Id" and in the ".id" columns that point at the record;
- owner / created-by columns hold the user's full name, the ".id" column the user's zcrm_ id,
  which is the "Record Id" of the Users file;
- times "2024-11-30 14:22:10" in the exporting user's time zone, dates "2024-12-20", check boxes
  "true" / "false", amounts as plain numbers;
- Deals carry no won/lost flag: the outcome is in the stage ("Closed Won", "Closed Lost",
  "Closed Lost to Competition");
- dirt: a contact without account (empty "Account Name.id"), a deal without amount, a deal owned by
  an inactive user, ZIP codes with leading zeros (02134, 07030), mixed phone formats, empty cells.

Deterministic (fixed seed): running it again writes the same bytes.
"""
import csv, datetime, io, os, random

random.seed(4876876)
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "zoho")
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".csv"):
        os.remove(os.path.join(OUT, old))
STAMP = "2024_12_02"


def write(module, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(os.path.join(OUT, f"{module}_{STAMP}.csv"), "wb") as f:
        f.write(buffer.getvalue().encode("utf-8"))


def zid(block, n):
    return f"zcrm_4876876000000{block}{n:03d}"


BASE = datetime.datetime(2024, 1, 15, 9, 0, 0)


def ts(day, seconds=0):
    day = min(day, 315 + day % 4)
    return (BASE + datetime.timedelta(days=day, seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def date(day):
    return (BASE + datetime.timedelta(days=day)).strftime("%Y-%m-%d")


# Users
USERS = [("Patricia", "Gómez", "CEO", "Administrator", "Active"), ("Samuel", "Osei", "Sales Manager", "Manager", "Active"),
         ("Keiko", "Yamamoto", "Sales Rep", "Standard", "Active"), ("Liam", "Byrne", "Sales Rep", "Standard", "Active"),
         ("Amira", "Haddad", "Sales Rep", "Standard", "Active"), ("Victor", "Lund", "Sales Rep", "Standard", "Inactive")]
users = []
for i, (first, last, role, profile, status) in enumerate(USERS):
    email = f"{first.lower()}.{last.lower().replace('ó', 'o')}@sunrise-solar.example"
    users.append([zid("225", 13 + i), first, last, f"{first} {last}", email, role, profile, status, f"+1 312 555 01{i:02d}",
                  "America/Chicago", ts(i), ts(200 + i * 9, i * 77)])
write("Users", ["Record Id", "First Name", "Last Name", "Full Name", "Email", "Role", "Profile", "Status", "Phone", "Time Zone",
                "Created Time", "Modified Time"], users)
ACTIVE = [u for u in users if u[7] == "Active"]
ADMIN = users[0]

# Accounts
ACCOUNTS = [
    ("Prairie State Schools", "Education", "Customer", "Springfield", "IL", "62701", "https://prairiestate.example"),
    ("Lakeshore Cold Storage", "Logistics", "Customer", "Milwaukee", "WI", "53202", "lakeshorecold.example"),
    ("Beacon Hill Condominiums", "Real Estate", "Prospect", "Boston", "MA", "02134", "https://beaconhillcondos.example"),
    ("Riverbend Hospital", "Healthcare", "Customer", "Louisville", "KY", "40202", "https://riverbendhospital.example"),
    ("Hudson Yards Bakery", "Food & Beverage", "Prospect", "Hoboken", "NJ", "07030", ""),
    ("Mesa Verde Vineyards", "Agriculture", "Customer", "Paso Robles", "CA", "93446", "mesaverdevineyards.example"),
    ("Ironworks Fabrication", "Manufacturing", "Customer", "Gary", "IN", "46402", "https://ironworksfab.example"),
    ("Cedar Rapids Public Library", "Government", "Prospect", "Cedar Rapids", "IA", "52401", "https://crlibrary.example"),
    ("Golden Prairie Grocers", "Retail", "Customer", "Omaha", "NE", "68102", "goldenprairie.example"),
    ("Summit County Fire District", "Government", "Prospect", "Frisco", "CO", "80443", ""),
    ("Bluegrass Distillery", "Food & Beverage", "Customer", "Lexington", "KY", "40507", "https://bluegrassdistillery.example"),
    ("Northstar Data Center", "Technology", "Customer", "Minneapolis", "MN", "55401", "https://northstar-dc.example"),
    ("Harborview Apartments", "Real Estate", "Prospect", "Portland", "ME", "04101", "harborview.example"),
    ("Twin Pines Golf Club", "Hospitality", "Prospect", "Ann Arbor", "MI", "48104", ""),
    ("Ozark Outdoor Supply", "Retail", "Customer", "Springfield", "MO", "65806", "https://ozarkoutdoor.example"),
    ("Great Lakes Dairy Co-op", "Agriculture", "Customer", "Green Bay", "WI", "54301", "greatlakesdairy.example"),
    ("St. Brigid Parish", "Non-Profit", "Prospect", "Providence", "RI", "02903", ""),
    ("Keystone Auto Group", "Automotive", "Customer", "Harrisburg", "PA", "17101", "https://keystoneauto.example"),
    ("Sandhills Animal Hospital", "Healthcare", "Prospect", "Lincoln", "NE", "68508", "sandhillsvet.example"),
    ("Red River Brewing", "Food & Beverage", "Customer", "Fargo", "ND", "58102", "https://redriverbrewing.example"),
]
accounts = []
for i, (name, industry, kind, city, state, zip_code, website) in enumerate(ACCOUNTS):
    owner = random.choice(ACTIVE)
    created = random.randint(0, 90)
    parent = accounts[1] if i == 15 else None  # the co-op is a child of another account
    accounts.append([zid("412", i + 1), owner[0], owner[3], random.choice(["Active", "Acquired", "Market Failed", "-None-", ""]), name,
                     random.choice([f"(312) 555-{1000 + i}", f"312-555-{1000 + i}", f"+1 312 555 {1000 + i}"]),
                     parent[0] if parent else "", parent[4] if parent else "", kind, industry,
                     str(random.randint(1, 90) * 100000) if i % 3 else "", ADMIN[0], ADMIN[3], owner[0], owner[3],
                     ts(created, i * 500), ts(created + random.randint(10, 230), i * 901),
                     f"{random.randint(10, 9999)} {random.choice(['Main', 'Oak', 'Lake', 'Market'])} St", city, state, zip_code, "United States",
                     website, str(random.randint(5, 2500)) if i % 4 else "", ""])
write("Accounts", ["Record Id", "Account Owner.id", "Account Owner", "Rating", "Account Name", "Phone", "Parent Account.id", "Parent Account",
                   "Account Type", "Industry", "Annual Revenue", "Created By.id", "Created By", "Modified By.id", "Modified By",
                   "Created Time", "Modified Time", "Billing Street", "Billing City", "Billing State", "Billing Code", "Billing Country",
                   "Website", "Employees", "Description"], accounts)

# Contacts
FIRST = ["Megan", "Carlos", "Thi", "Derek", "Aaliyah", "Björn", "Rosa", "Ethan", "Nadia", "Owen", "Priya", "Luis", "Hana", "Jack", "Ifeoma",
         "Matteo", "Leah", "Gustavo", "Erin", "Tariq", "Sofia", "Wyatt", "Mei", "Caleb", "Zainab", "Ryan", "Anya", "Marcus", "Julia", "Kwame",
         "Noelle", "Sean", "Dalia", "Trevor"]
LAST = ["Schultz", "Vega", "Nguyen", "Hansen", "Brooks", "Ekström", "Delgado", "Walsh", "Karimi", "Doyle", "Shah", "Ortega", "Kim", "Murphy",
        "Okonkwo", "Bianchi", "Goldberg", "Lima", "Fitzgerald", "Hussain", "Marino", "Cole", "Zhang", "Porter", "Abubakar", "Keller", "Volkov",
        "Reyes", "Novak", "Asante", "Dupont", "Gallagher", "Farah", "Lindahl"]
contacts = []
for i in range(34):
    account = accounts[i % len(accounts)]
    owner = random.choice(ACTIVE)
    first, last = FIRST[i], LAST[i]
    domain = (account[22].split("//")[-1] or account[4].split()[0].lower() + ".example")
    ascii_last = last.lower().translate(str.maketrans("öäå", "oaa"))
    created = random.randint(20, 200)
    contacts.append([zid("530", i + 1), owner[0], owner[3], random.choice(["Trade Show", "Web Site", "Cold Call", "Partner", "Advertisement"]),
                     random.choice(["Mr.", "Ms.", "Mrs.", "Dr.", "-None-"]), first, last, f"{first} {last}", account[0], account[4],
                     f"{first[0].lower()}{ascii_last}@{domain}", random.choice(["Facilities Manager", "Owner", "CFO", "Operations Director", ""]),
                     random.choice(["", f"(312) 555-{2000 + i}"]), random.choice(["", f"+1 773 555 {3000 + i}"]),
                     "true" if i % 9 == 4 else "false", ADMIN[0], ADMIN[3], owner[0], owner[3], ts(created, i * 311),
                     ts(created + random.randint(1, 120), i * 733), account[18], account[19], account[20], account[21]])
# A contact that belongs to no account.
contacts[16][8] = contacts[16][9] = ""
contacts[16][10] = "jo.lindqvist@gmail.example"
write("Contacts", ["Record Id", "Contact Owner.id", "Contact Owner", "Lead Source", "Salutation", "First Name", "Last Name", "Full Name",
                   "Account Name.id", "Account Name", "Email", "Title", "Phone", "Mobile", "Email Opt Out", "Created By.id", "Created By",
                   "Modified By.id", "Modified By", "Created Time", "Modified Time", "Mailing City", "Mailing State", "Mailing Zip",
                   "Mailing Country"], contacts)

# Deals
STAGES = [("Qualification", 10), ("Needs Analysis", 20), ("Value Proposition", 40), ("Id. Decision Makers", 60), ("Proposal/Price Quote", 75),
          ("Negotiation/Review", 90), ("Closed Won", 100), ("Closed Lost", 0), ("Closed Lost to Competition", 0)]
deals = []
for i in range(36):
    account = accounts[(i * 3) % len(accounts)]
    contact = next((c for c in contacts if c[8] == account[0]), None)
    owner = random.choice(ACTIVE)
    stage, probability = random.choice(STAGES)
    amount = random.randint(20, 600) * 100
    created = random.randint(60, 250)
    deals.append([zid("618", i + 1), owner[0], owner[3], str(amount), f"{account[4]} - {random.choice(['Rooftop array', 'Battery backup', 'Carport solar', 'Maintenance plan', 'Expansion'])}",
                  date(created + random.randint(20, 160)), account[0], account[4], stage, random.choice(["New Business", "Existing Business", "-None-"]),
                  str(probability), f"{amount * probability // 100}", random.choice(["Web Site", "Trade Show", "Partner", "Cold Call", "-None-"]),
                  contact[0] if contact else "", contact[7] if contact else "", "Standard (Standard)",
                  random.choice(["Price", "Timing", "Competitor"]) if stage.startswith("Closed Lost") else "",
                  ADMIN[0], ADMIN[3], owner[0], owner[3], ts(created, i * 601), ts(created + random.randint(1, 70), i * 1207), "USD"])
# A deal without amount yet, one owned by a user who is now inactive.
deals[6][3] = ""
deals[6][11] = ""
deals[19][1], deals[19][2] = users[5][0], users[5][3]
write("Deals", ["Record Id", "Deal Owner.id", "Deal Owner", "Amount", "Deal Name", "Closing Date", "Account Name.id", "Account Name", "Stage",
                "Type", "Probability (%)", "Expected Revenue", "Lead Source", "Contact Name.id", "Contact Name", "Pipeline", "Reason For Loss",
                "Created By.id", "Created By", "Modified By.id", "Modified By", "Created Time", "Modified Time", "Currency"], deals)

# Leads
LEAD_NAMES = [("Harper", "Quinn"), ("Mohammed", "Ali"), ("Chloe", "Bernard"), ("Isaac", "Feld"), ("Lucy", "Tran"), ("Andre", "Silva"),
              ("Nina", "Horvat"), ("Oscar", "Wilde-Ng"), ("Fatou", "Diallo"), ("Gabe", "Russo"), ("Ivy", "Chan"), ("Jonah", "Marsh"),
              ("Kara", "Lopez"), ("Leo", "Brandt"), ("Maya", "Singh"), ("Nate", "Olsen"), ("Olga", "Petrenko"), ("Pablo", "Ruiz"),
              ("Rina", "Sato"), ("Seth", "Greene"), ("Tess", "Morgan"), ("Uma", "Kapoor"), ("Vince", "Carter"), ("Wren", "Ellis")]
COMPANIES = ["Lakeview Dental", "Pioneer Feed & Seed", "Copper Kettle Diner", "Westfield Storage", "Riverside Church", "Maple Grove Clinic",
             "Prairie Wind Motel", "Bright Minds Daycare", "Hilltop Hardware", "Elm Street Lofts", "Union Station Cafe", "Blue Ridge Orchards"]
leads = []
for i, (first, last) in enumerate(LEAD_NAMES):
    owner = random.choice(ACTIVE)
    company = COMPANIES[i % len(COMPANIES)]
    created = random.randint(150, 300)
    leads.append([zid("705", i + 1), owner[0], owner[3], company, first, last, f"{first} {last}",
                  random.choice(["Owner", "Facilities Manager", "Office Manager", ""]),
                  f"{first.lower()}@{company.lower().replace(' ', '').replace('&', 'and')}.example" if i % 7 != 3 else "",
                  random.choice([f"(414) 555-{4000 + i}", f"+1 414 555 {4000 + i}", ""]), random.choice(["", f"414-555-{5000 + i}"]),
                  random.choice(["Web Site", "Trade Show", "Cold Call", "Online Store", "-None-"]),
                  random.choice(["Not Contacted", "Attempted to Contact", "Contact in Future", "Contacted", "Pre-Qualified", "Junk Lead"]),
                  random.choice(["Healthcare", "Retail", "Hospitality", "Agriculture", "Real Estate", "-None-"]),
                  str(random.randint(2, 200)) if i % 3 else "", "true" if i % 8 == 0 else "false",
                  ADMIN[0], ADMIN[3], owner[0], owner[3], ts(created, i * 919), ts(created + random.randint(0, 20), i * 1301),
                  random.choice(["Madison", "Racine", "Kenosha", "Appleton"]), "WI", random.choice(["53703", "53403", "53140", "54911"])])
write("Leads", ["Record Id", "Lead Owner.id", "Lead Owner", "Company", "First Name", "Last Name", "Full Name", "Title", "Email", "Phone",
                "Mobile", "Lead Source", "Lead Status", "Industry", "No. of Employees", "Email Opt Out", "Created By.id", "Created By",
                "Modified By.id", "Modified By", "Created Time", "Modified Time", "City", "State", "Zip Code"], leads)
print("wrote", OUT)
