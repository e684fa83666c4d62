import Foundation

/// A 100,000-row sheet against the same rows as CSV: the contacts of the bench export, written
/// as a workbook by openpyxl (shared strings, as Excel writes them), each validated with the
/// mapping `suggest` makes of it.
@MainActor
enum XLSXBench {
    static let rows = 100_000

    static func run(export: String, folder: String, rounds: Int) throws {
        guard measure("probe", "/usr/bin/env", ["python3", "-c", "import openpyxl"]).status == 0 else {
            print("\nopenpyxl not installed (pip install openpyxl): no workbook bench")
            return
        }
        let csvFolder = folder + "/xlsx-bench/csv", xlsxFolder = folder + "/xlsx-bench/xlsx"
        if !FileManager.default.fileExists(atPath: xlsxFolder + "/Contact.xlsx") {
            try? FileManager.default.removeItem(atPath: folder + "/xlsx-bench")
            try FileManager.default.createDirectory(atPath: csvFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: xlsxFolder, withIntermediateDirectories: true)
            let script = """
            import csv, itertools
            from openpyxl import Workbook
            with open('\(export)/Contact.csv', newline='') as source, open('\(csvFolder)/Contact.csv', 'w', newline='') as out:
                rows = list(itertools.islice(csv.reader(source), \(rows + 1)))
                csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator='\\n').writerows(rows)
            book = Workbook(write_only=True)
            sheet = book.create_sheet('Contact')
            for row in rows:
                sheet.append(row)
            book.save('\(xlsxFolder)/Contact.xlsx')
            """
            let made = measure("write workbook", "/usr/bin/env", ["python3", "-c", script])
            guard made.status == 0 else { print("could not write the workbook (exit \(made.status))"); return }
        }
        for (name, source) in [("csv", csvFolder), ("xlsx", xlsxFolder)] {
            _ = measure("suggest \(name)", options.gongmap, ["suggest", source, "-o", folder + "/xlsx-bench/\(name).yaml", "--force"])
        }
        var ratios: [Double] = []
        print("\nvalidate of \(rows.formatted()) contacts: one sheet of a workbook against the same rows as CSV")
        for _ in 0..<rounds {
            let csv = measure("validate csv", options.gongmap, ["validate", csvFolder, "--mapping", folder + "/xlsx-bench/csv.yaml"])
            let xlsx = measure("validate xlsx", options.gongmap, ["validate", xlsxFolder, "--mapping", folder + "/xlsx-bench/xlsx.yaml"])
            ratios.append(xlsx.seconds / csv.seconds)
            print(String(format: "csv %.2f s (%.0f MB RSS), xlsx %.2f s (%.0f MB RSS): ratio %.2f", csv.seconds, csv.peakRSSMegabytes,
                         xlsx.seconds, xlsx.peakRSSMegabytes, xlsx.seconds / csv.seconds))
        }
        print(String(format: "median xlsx / csv: %.2f (target ≤ 3.0)", median(ratios)))
    }
}
