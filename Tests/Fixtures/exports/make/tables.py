"""Table-shaped copies of two CSV exports, for the readers of workbooks and databases:

- salesforce-xlsx/Salesforce.xlsx: Samples/salesforce-small as one workbook, a sheet per object,
  typed as Excel keeps a report opened and saved: numbers as numbers, timestamps and dates as
  date cells with a date format, booleans as booleans, everything else as shared strings.
- salesforce-sqlite/crm.sqlite: the same objects as tables of a SQLite database with declared
  types (INTEGER, REAL, BOOLEAN, TIMESTAMP as ISO text) and NULL for empty cells; and
  salesforce-postgres.sql, the same tables for PostgreSQL (bigint, numeric, boolean, timestamptz),
  which TableSourceTests loads into a server of its own.
- dynamics365-xlsx: the Dynamics 365 views as "Export to Excel" writes them, one workbook per
  view, the sheet named after the view (at most 31 characters).

Each comes with its hand mapping: the CSV shape's mapping with the files renamed.
Needs openpyxl (pip install openpyxl); run from this folder: python3 tables.py
"""
import csv, datetime, os, re, shutil, sqlite3
from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORTS = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(EXPORTS)))
SAMPLE = os.path.join(ROOT, "Samples", "salesforce-small")
SAMPLE_MAPPING = os.path.join(ROOT, "Samples", "salesforce-small.mapping.yaml")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def rows(path):
    """A CSV file's rows; Dynamics' "save as CSV" from Excel writes Windows-1252."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return list(csv.reader(text.splitlines(keepends=True)))


def typed(value, column):
    """The cell's value and number format, as Excel keeps them (text that is no valid date stays text)."""
    try:
        if value in ("true", "false") and column.startswith("Is"):
            return value == "true", None
        if ISO.match(value):
            return datetime.datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S"), "yyyy-mm-dd hh:mm:ss"
        if DAY.match(value):
            return datetime.datetime.strptime(value, "%Y-%m-%d"), "yyyy-mm-dd"
    except ValueError:
        return value, None
    if NUMBER.match(value) and not re.match(r"^-?0\d", value):
        return (float(value) if "." in value else int(value)), None
    return value, None


def salesforce_files():
    return sorted(name for name in os.listdir(SAMPLE) if name.endswith(".csv") and name != "Campaign.csv")


def mapping_with(files, export):
    text = open(SAMPLE_MAPPING, encoding="utf-8").read().replace("export: salesforce-small", "export: " + export)
    for old, new in files.items():
        text = text.replace("file: " + old, "file: " + new)
    return text


def salesforce_xlsx():
    folder = os.path.join(EXPORTS, "salesforce-xlsx")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    book = Workbook()
    book.remove(book.active)
    for name in salesforce_files():
        sheet = book.create_sheet(name[:-4])
        table = rows(os.path.join(SAMPLE, name))
        sheet.append(table[0])
        for row in table[1:]:
            cells = [typed(value, column) for value, column in zip(row, table[0])]
            sheet.append([value for value, _ in cells])
            for cell, (_, number_format) in zip(sheet[sheet.max_row], cells):
                if number_format:
                    cell.number_format = number_format
    book.save(os.path.join(folder, "Salesforce.xlsx"))
    files = {name: "Salesforce.xlsx#" + name[:-4] for name in salesforce_files()}
    open(os.path.join(EXPORTS, "salesforce-xlsx.mapping.yaml"), "w", encoding="utf-8").write(mapping_with(files, "salesforce-xlsx"))


POSTGRES_TYPES = {"BOOLEAN": "boolean", "INTEGER": "bigint", "REAL": "numeric", "TIMESTAMP": "timestamptz", "TEXT": "text"}


def postgres_table(sql, table, header, declared, body):
    """The table as PostgreSQL statements: the same declared types, NULL for empty cells."""
    columns = ", ".join('"%s" %s' % (column, POSTGRES_TYPES[kind]) for column, kind in zip(header, declared))
    sql.append('CREATE TABLE "%s" (%s);' % (table, columns))
    for row in body:
        values = ["NULL" if text == "" else "'" + text.replace("'", "''") + "'" for text in row]
        sql.append('INSERT INTO "%s" VALUES (%s);' % (table, ", ".join(values)))


def salesforce_sqlite():
    sql = []
    folder = os.path.join(EXPORTS, "salesforce-sqlite")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    database = sqlite3.connect(os.path.join(folder, "crm.sqlite"))
    for name in salesforce_files():
        table = rows(os.path.join(SAMPLE, name))
        header, body = table[0], table[1:]
        declared = []
        for index, column in enumerate(header):
            values = [row[index] for row in body if row[index] != ""]
            if values and all(v in ("true", "false") for v in values):
                declared.append("BOOLEAN")
            elif values and all(re.match(r"^-?\d+$", v) and not (len(v) > 1 and v.startswith("0")) for v in values):
                declared.append("INTEGER")
            elif values and all(NUMBER.match(v) and not re.match(r"^0\d", v) for v in values):
                declared.append("REAL")
            elif values and all(ISO.match(v) for v in values):
                declared.append("TIMESTAMP")
            else:
                declared.append("TEXT")
        quoted = ", ".join('"%s" %s' % (column, kind) for column, kind in zip(header, declared))
        database.execute('CREATE TABLE "%s" (%s)' % (name[:-4], quoted))
        postgres_table(sql, name[:-4], header, declared, body)

        def value(text, kind):
            if text == "":
                return None
            if kind == "BOOLEAN":
                return 1 if text == "true" else 0
            if kind == "INTEGER":
                return int(text)
            if kind == "REAL":
                return float(text)
            return text
        database.executemany('INSERT INTO "%s" VALUES (%s)' % (name[:-4], ", ".join("?" * len(header))),
                             [[value(text, kind) for text, kind in zip(row, declared)] for row in body])
    database.commit()
    database.close()
    open(os.path.join(EXPORTS, "salesforce-postgres.sql"), "w", encoding="utf-8").write("\n".join(sql) + "\n")
    files = {name: "crm.sqlite#" + name[:-4] for name in salesforce_files()}
    open(os.path.join(EXPORTS, "salesforce-sqlite.mapping.yaml"), "w", encoding="utf-8").write(mapping_with(files, "salesforce-sqlite"))


def dynamics_xlsx():
    source = os.path.join(EXPORTS, "dynamics365")
    folder = os.path.join(EXPORTS, "dynamics365-xlsx")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    files = {}
    for name in sorted(os.listdir(source)):
        if not name.endswith(".csv"):
            continue
        view = re.sub(r" \d+-\d+-\d+ \d+-\d+-\d+ [AP]M\.csv$", "", name)
        book = Workbook()
        sheet = book.active
        sheet.title = view[:31]
        for row in rows(os.path.join(source, name)):
            sheet.append(row)
        workbook = name[:-4] + ".xlsx"
        book.save(os.path.join(folder, workbook))
        files[name] = workbook + "#" + view[:31]
    text = open(os.path.join(EXPORTS, "dynamics365.mapping.yaml"), encoding="utf-8").read().replace("export: dynamics365", "export: dynamics365-xlsx")
    for old, new in files.items():
        text = text.replace("file: " + old, "file: " + new)
    open(os.path.join(EXPORTS, "dynamics365-xlsx.mapping.yaml"), "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    salesforce_xlsx()
    salesforce_sqlite()
    dynamics_xlsx()
