#!/usr/bin/env python3
"""Writes Tests/Fixtures/exports/salesforce-data-loader: Salesforce Data Loader "Export" runs,
one extract per object, as a Windows desktop install writes them.

What is vendor-specific (see ../README.md):
- headers are the queried API field names in UPPER CASE (ID, ACCOUNTID, OWNERID, ISCLOSED, …),
  the way Data Loader writes the result of a SOQL query;
- every cell is quoted, empty cells too ("");
- Windows-1252 bytes: "Write all CSVs with UTF-8 encoding" (dataAccess.writeUTF8) is off by
  default, so accented names (Müller, Société, Núñez) are single bytes, € is 0x80, a no-break
  space is 0xA0; no byte-order mark;
- booleans as true / false;
- datetimes in UTC as 2024-03-05T14:22:10.000Z, dates as 2024-03-05;
- 18-character ids;
- the admin also extracted OpportunityStage (stage ids, MASTERLABEL, SORTORDER, ISACTIVE), and an
  object Gong has no entity for (Case).
- CRLF line ends (a Windows machine).

Deterministic: fixed seed, no clock. Run with no arguments.
"""
import csv, datetime, io, os, random

random.seed(1252)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "salesforce-data-loader")
os.makedirs(OUT, exist_ok=True)

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def sfid(prefix):
    return prefix + "8a" + "000" + "".join(random.choice(ALNUM) for _ in range(7)) + "".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))


def ts(day, minute=0):
    d = datetime.datetime(2024, 2, 1, 9, 0, 0) + datetime.timedelta(days=day, minutes=minute, seconds=(day * 13 + minute) % 60)
    return d.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def date(day):
    return (datetime.date(2024, 2, 1) + datetime.timedelta(days=day)).isoformat()


def fold(text):
    """An ASCII email local part from a name: Müller -> muller, Groß -> gross, Ó Briain -> o-briain."""
    import unicodedata
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace(" ", "-")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii()).lower()


def tf(flag):
    return "true" if flag else "false"


def write(name, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([h.upper() for h in header])
    for row in rows:
        assert len(row) == len(header), (name, row)
        writer.writerow(row)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buffer.getvalue().encode("cp1252"))


# ---------------------------------------------------------------- users
PEOPLE = [("José", "Núñez", "jose.nunez"), ("Renée", "Fontaine", "renee.fontaine"), ("Lars", "Müller", "lars.mueller"),
          ("Siobhán", "Kelly", "siobhan.kelly"), ("Tom", "Whitaker", "tom.whitaker"), ("Zoë", "Ångström", "zoe.angstrom"),
          ("Admin", "Northwind", "sfadmin"), ("Agnès", "Mercier", "agnes.mercier"), ("Håkon", "Berg", "hakon.berg"),
          ("Inès", "Faure", "ines.faure"), ("Klaus", "Weiß", "klaus.weiss"), ("Marta", "Sánchez", "marta.sanchez"),
          ("Noël", "Girard", "noel.girard"), ("Paddy", "O'Connor", "paddy.oconnor"), ("Ulla", "Sørensen", "ulla.sorensen")]
users = []
for i, (first, last, local) in enumerate(PEOPLE):
    users.append([sfid("005"), f"{local}@northwind-example.com.prod", last, first, f"{first} {last}", f"{local}@northwind-example.com",
                  random.choice(["Account Executive", "Senior AE", "Sales Manager"]) if i < 6 else "System Administrator" if i == 6 else random.choice(["Support Agent", "Marketing", "Customer Success"]),
                  tf(i != 4), "Europe/Paris" if i in (1, 2) else "America/New_York", ts(-400 + i), ts(100 + i * 9, i * 3)])
users[4][7] = "false"  # Tom Whitaker is deactivated but still owns deals
write("extract_User.csv", ["Id", "Username", "LastName", "FirstName", "Name", "Email", "Title", "IsActive", "TimeZoneSidKey", "CreatedDate",
                           "LastModifiedDate"], users)
owners = [u[0] for u in users[:6]]

# ---------------------------------------------------------------- stages
STAGES = [("Prospecting", 10, False, False, "Pipeline", True), ("Qualification", 20, False, False, "Pipeline", True),
          ("Needs Analysis", 30, False, False, "Pipeline", True), ("Perception Analysis", 40, False, False, "Pipeline", False),
          ("Proposal/Price Quote", 60, False, False, "Best Case", True), ("Negotiation/Review", 80, False, False, "Commit", True),
          ("Closed Won", 100, True, True, "Closed", True), ("Closed Lost", 0, True, False, "Omitted", True)]
stages = []
for i, (label, probability, closed, won, forecast, active) in enumerate(STAGES):
    stages.append([sfid("01J"), label, label.replace(" ", "").replace("/", "").replace(".", ""), tf(active), str(i + 1), tf(closed), tf(won),
                   forecast.replace(" ", ""), forecast, str(probability), ts(-500 + i), ts(-20 + i, 5)])
write("extract_OpportunityStage.csv", ["Id", "MasterLabel", "ApiName", "IsActive", "SortOrder", "IsClosed", "IsWon", "ForecastCategory",
                                       "ForecastCategoryName", "DefaultProbability", "CreatedDate", "LastModifiedDate"], stages)

# ---------------------------------------------------------------- accounts
COMPANIES = [("Müller & Söhne GmbH", "Manufacturing", "https://www.mueller-soehne.example", "Königstraße 12", "Stuttgart", "", "70173", "Germany", "+49 711 555 0112"),
             ("Société Générale de Fret", "Transportation", "www.sgfret.example", "14 rue de la Paix", "Paris", "", "75002", "France", "+33 1 55 55 01 23"),
             ("Café Olé Distribución S.L.", "Food & Beverage", "cafeole.example", "Calle Mayor 8", "Madrid", "", "28013", "Spain", "+34 915 55 01 44"),
             ("Bluefin Logistics", "Transportation", "https://bluefin.example", "200 Harbor Road", "Boston", "MA", "02134", "United States", "(617) 555-0134"),
             ("Åkerlund Bygg AB", "Construction", "https://akerlund.example", "Storgatan 3", "Umeå", "", "903 26", "Sweden", "+46 90 555 01 30"),
             ("Crème Brûlée Bakeries", "Food & Beverage", "https://cremebrulee.example", "5 Baker St", "Montréal", "QC", "H2X 1Y4", "Canada", "+1 514 555 0150"),
             ("Granite State Insurance", "Insurance", "", "77 Main Street", "Concord", "NH", "03301", "United States", "603-555-0177"),
             ("Zenith Analytics", "Technology", "https://zenith-analytics.example", "500 Market St\nSuite 1200", "San Francisco", "CA", "94105", "United States", "(415) 555-0105"),
             ("Øresund Shipping ApS", "Transportation", "https://oresund.example", "Havnegade 10", "København", "", "1058", "Denmark", "+45 33 55 01 58"),
             ("Hudson Valley Farms", "Agriculture", "https://hvfarms.example", "12 Orchard Ln", "Kingston", "NY", "12401", "United States", "845.555.0112"),
             ("Pädagogik Verlag GmbH", "Media", "https://paedagogik-verlag.example", "Schulweg 4", "Köln", "", "50667", "Germany", "+49 221 555 0167"),
             ("Lumen Retail Group", "Retail", "https://lumenretail.example", "1200 Broadway", "New York", "NY", "10001", "United States", "(212) 555-0101"),
             ("Brightwater Utilities", "Energy", "https://brightwater.example", "5 Canal St", "Lowell", "MA", "01852", "United States", "(978) 555-0152"),
             ("Atlas Components", "Manufacturing ", "https://atlascomponents.example", "19 Foundry Rd", "Camden", "NJ", "08102", "United States", "(856) 555-0102"),
             ("Riverbend Health", "Healthcare", "https://riverbend.example", "300 River Road", "Providence", "RI", "02903", "United States", "(401) 555-0103"),
             ("Château Vignoble SAS", "Food & Beverage", "https://chateau-vignoble.example", "2 Route des Vins", "Beaune", "", "21200", "France", "+33 3 80 55 01 21")]
accounts = []
for i, (name, industry, web, street, city, state, postal, country, phone) in enumerate(COMPANIES):
    accounts.append([sfid("001"), tf(False), name, random.choice(["Customer", "Prospect", "Partner"]), street, city, state, postal, country, phone,
                     web, industry, f"{random.randint(1, 300) * 100000}" if i % 3 else "", str(random.randint(8, 4000)),
                     "Budget €50k approved for 2025" if i == 2 else ("Früher: Müller KG" if i == 0 else ""),
                     owners[i % 6], ts(-300 + i * 5), ts(60 + i * 7, i * 9)])
accounts[9][2] = "Hudson Valley\u00a0Farms"  # no-break space (0xA0 in Windows-1252)
write("extract_Account.csv", ["Id", "IsDeleted", "Name", "Type", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode",
                              "BillingCountry", "Phone", "Website", "Industry", "AnnualRevenue", "NumberOfEmployees", "Description", "OwnerId",
                              "CreatedDate", "LastModifiedDate"], accounts)
account_ids = [a[0] for a in accounts]

# ---------------------------------------------------------------- contacts
PEOPLE = [("Jürgen", "Groß"), ("Amélie", "Côté"), ("François", "Lefèvre"), ("Maria", "Ibáñez"), ("Björn", "Sjöberg"), ("Chloé", "Girard"),
          ("Seán", "Ó Briain"), ("Ines", "Müller"), ("Kai", "Hansen"), ("Noémie", "Bélanger"), ("Dominik", "Schröder"), ("Beatriz", "Gonçalves"),
          ("Mats", "Ekström"), ("Léa", "Rousseau"), ("Carlos", "Peña"), ("Frida", "Nygård"), ("Paul", "Becker"), ("Anaïs", "Dupré"),
          ("Olaf", "Dahl"), ("Sophie", "Wagner"), ("Henri", "Lemaître"), ("Elena", "Ruíz"), ("Max", "Brenner"), ("Åsa", "Lind")]
contacts = []
for i, (first, last) in enumerate(PEOPLE):
    account_index = i % len(accounts)
    company = COMPANIES[account_index]
    domain = company[2].split("//")[-1].replace("www.", "") or "granitestate.example"
    local = fold(first[0] + "." + last)
    contacts.append([sfid("003"), tf(False), account_ids[account_index], last, first, random.choice(["Herr", "Mme", "Mr.", "Ms.", ""]),
                     random.choice(["Einkaufsleiter", "Directrice financière", "Head of Logistics", "Buyer", "COO"]), f"{local}@{domain}",
                     company[8][:-2] + f"{10 + i}", f"+49 170 555{i:04d}" if i % 3 == 0 else "", company[4], company[6], company[7],
                     random.choice(["Web", "Partner Referral", "Trade Show"]), tf(i % 5 == 2), owners[i % 6], ts(-200 + i * 6), ts(90 + i * 5, i * 4)])
contacts[3][2] = ""  # no account
contacts[10][7] = "d.schroeder@paedagogik-verlag.example "  # trailing space
write("extract_Contact.csv", ["Id", "IsDeleted", "AccountId", "LastName", "FirstName", "Salutation", "Title", "Email", "Phone", "MobilePhone",
                              "MailingCity", "MailingPostalCode", "MailingCountry", "LeadSource", "HasOptedOutOfEmail", "OwnerId", "CreatedDate",
                              "LastModifiedDate"], contacts)
contact_ids = [c[0] for c in contacts]

# ---------------------------------------------------------------- opportunities
plan = [6, 7, 6, 0, 1, 2, 4, 5, 3, 6, 7, 0, 2, 4, 5, 6, 7, 1, 5, 6, 4, 3]
deals = []
for i, stage_index in enumerate(plan):
    label, probability, closed, won, forecast, _ = STAGES[stage_index]
    account_index = (i * 3) % len(accounts)
    created = -120 + i * 11
    close = created + 25 + (i * 17) % 100
    deals.append([sfid("006"), tf(False), account_ids[account_index], f"{COMPANIES[account_index][0]} – {['Rahmenvertrag', 'Renouvellement', 'Pilot', 'Expansion'][i % 4]}",
                  label if i != 16 else label + " ", f"{random.randint(8, 600) * 125}.00" if i != 5 else "", str(probability), date(close),
                  random.choice(["New Business", "Existing Business"]), random.choice(["Web", "Partner Referral", ""]), tf(closed), tf(won),
                  forecast.replace(" ", ""), forecast, "EUR" if COMPANIES[account_index][7] in ("Germany", "France", "Spain") else "USD",
                  owners[i % 6], ts(created), ts(max(created + 15, 100) + i * 2, i * 11)])
write("extract_Opportunity.csv", ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type", "LeadSource",
                                  "IsClosed", "IsWon", "ForecastCategory", "ForecastCategoryName", "CurrencyIsoCode", "OwnerId", "CreatedDate",
                                  "LastModifiedDate"], deals)

# ---------------------------------------------------------------- leads
LEADS = [("Hélène", "Marchand", "Marchand Frères"), ("Ulrich", "Böhm", "Böhm Elektro"), ("Inés", "Quintana", "Quintana Café"),
         ("Niamh", "Doyle", "Doyle Transport"), ("Göran", "Persson", "Persson Åkeri"), ("Renée", "Blanc", "Blanc Textiles"),
         ("Dieter", "Krämer", "Krämer Logistik"), ("Lucía", "Ortega", "Ortega Hermanos"), ("Pål", "Strøm", "Strøm Marine"),
         ("Claire", "Dubois", "Crème Brûlée Bakeries"), ("Ana", "Silva", "Silva & Filhos"), ("Jens", "Koch", "Koch Maschinenbau"),
         ("Eva", "Novák", "Novák s.r.o."), ("Marc", "André", "André Fret"), ("Sigrid", "Olsen", "Olsen Fisk"), ("Tomás", "Herrera", "Herrera Import")]
leads = []
for i, (first, last, company) in enumerate(LEADS):
    converted = i == 9
    local = fold(first + "." + last)
    leads.append([sfid("00Q"), tf(False), last, first, company, random.choice(["Geschäftsführer", "Gérant", "Owner", "Buyer"]), f"{local}@example.org",
                  f"+33 6 55 55 {10 + i:02d} {20 + i:02d}", "Closed - Converted" if converted else random.choice(["Open - Not Contacted", "Working - Contacted"]),
                  random.choice(["Web", "Trade Show", "Partner Referral"]), random.choice(["Manufacturing", "Retail", "Transportation"]), tf(converted),
                  date(200) if converted else "", account_ids[5] if converted else "", contact_ids[5] if converted else "",
                  deals[5][0] if converted else "", owners[i % 6], ts(-60 + i * 7), ts(150 + i * 4, i)])
write("extract_Lead.csv", ["Id", "IsDeleted", "LastName", "FirstName", "Company", "Title", "Email", "Phone", "Status", "LeadSource", "Industry",
                           "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedContactId", "ConvertedOpportunityId", "OwnerId",
                           "CreatedDate", "LastModifiedDate"], leads)

# ---------------------------------------------------------------- an object Gong has no entity for
CASES = [("Lieferung verspätet", "Closed", "High"), ("Facture en double", "Working", "Medium"), ("Portal login fails", "New", "Low"),
         ("Pedido incompleto", "Closed", "Medium"), ("Rechnung fehlerhaft", "Closed", "Low"), ("Colis endommagé", "Escalated", "High"),
         ("API rate limit", "Working", "Medium"), ("Etiketten drucken nicht", "Closed", "Low"), ("Retard de livraison – Lyon", "New", "High"),
         ("Cambio de dirección", "Closed", "Low"), ("Password reset", "Closed", "Low"), ("Falsche Menge geliefert", "Working", "Medium"),
         ("Devis non reçu", "New", "Medium"), ("Zollpapiere fehlen", "Escalated", "High"), ("Factura duplicada", "Closed", "Low")]
cases = [[sfid("500"), f"{1000 + k:08d}", account_ids[k % len(account_ids)], contact_ids[k], subject, status, priority,
          random.choice(["Email", "Phone", "Web"]), ts(100 + k * 9), ts(110 + k * 9)]
         for k, (subject, status, priority) in enumerate(CASES)]
write("extract_Case.csv", ["Id", "CaseNumber", "AccountId", "ContactId", "Subject", "Status", "Priority", "Origin", "CreatedDate", "LastModifiedDate"], cases)

print("wrote", OUT)
