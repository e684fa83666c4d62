import Foundation

/// Writes a Salesforce-shaped export of the requested size, deterministically.
struct Generator {
    let folder: String
    let counts: (users: Int, accounts: Int, contacts: Int, deals: Int, leads: Int)

    private static let firstNames = ["Priya", "Marta", "Jonas", "Aiko", "Chloé", "Łukasz", "Søren", "Zoë", "Mateo", "Fatima", "Oliver", "Yuki", "Amara", "Björn"]
    private static let lastNames = ["Nair", "Oyelaran", "Schäfer", "Tanaka", "Dubois", "Wiśniewski", "Kristensen", "O'Brien", "García", "Haddad", "Smith", "Sato"]
    private static let industries = ["Logistics", "Retail", "Manufacturing", "Finance", "Healthcare", "Technology", "Food & Beverage"]
    private static let stages = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"]
    private static let countries = ["United States", "Germany", "France", "Japan", "Poland", "Norway"]

    func id(_ prefix: String, _ index: Int) -> String {
        let digits = String(index, radix: 36, uppercase: true)
        return prefix + "5e" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits + "AAA"
    }

    func timestamp(_ seed: Int) -> String {
        let day = seed % 28 + 1, month = seed % 12 + 1, second = seed % 60
        return "2023-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T\(10 + seed % 10):\(10 + seed % 50):\(second < 10 ? "0" : "")\(second).000Z"
    }

    func run() throws {
        try write("User.csv", ["Id", "Username", "FirstName", "LastName", "Name", "Email", "IsActive", "Title", "CreatedDate", "LastModifiedDate"], count: counts.users) { i in
            let first = Self.firstNames[i % 14], last = Self.lastNames[i % 12]
            return [id("005", i), "user\(i)@corp.example.crm", first, last, "\(first) \(last)", "user\(i)@corp.example", "true", "Account Executive", timestamp(i), timestamp(i + 7)]
        }
        try write("OpportunityStage.csv", ["Id", "MasterLabel", "ApiName", "IsActive", "SortOrder", "IsClosed", "IsWon", "DefaultProbability", "LastModifiedDate"], count: Self.stages.count) { i in
            [id("01J", i), Self.stages[i], Self.stages[i].filter(\.isLetter), "true", String(i + 1), String(i >= 6), String(i == 6), String(i * 12), timestamp(i)]
        }
        try write("Account.csv", ["Id", "Name", "Type", "Industry", "Website", "Phone", "BillingStreet", "BillingCity", "BillingCountry", "AnnualRevenue",
                                  "NumberOfEmployees", "OwnerId", "CreatedDate", "LastModifiedDate", "Description"], count: counts.accounts) { i in
            [id("001", i), "Company \(i), \(Self.industries[i % 7]) Ltd", ["Customer", "Prospect", "Partner"][i % 3], Self.industries[i % 7], "https://www.company\(i).example",
             "+1 555 \(1000 + i % 9000)", i % 4 == 0 ? "\(i) Harbor Road\nSuite \(i % 90)" : "\(i) Market Street", "City \(i % 500)", Self.countries[i % 6],
             String(100_000 + i * 37 % 9_000_000), String(5 + i % 5000), id("005", i % counts.users), timestamp(i), timestamp(i + 3), i % 5 == 0 ? "Key account, renewals in Q3" : ""]
        }
        try write("Contact.csv", ["Id", "AccountId", "FirstName", "LastName", "Salutation", "Title", "Email", "Phone", "MailingCity", "MailingCountry", "LeadSource",
                                  "OwnerId", "CreatedDate", "LastModifiedDate"], count: counts.contacts) { i in
            [id("003", i), id("001", i % counts.accounts), Self.firstNames[i % 14], Self.lastNames[i % 12], ["Mr.", "Ms.", "Dr.", ""][i % 4], ["CFO", "Buyer", "IT Director"][i % 3],
             "contact\(i)@company\(i % counts.accounts).example", "+44 20 7946 \(1000 + i % 9000)", "City \(i % 500)", Self.countries[i % 6], ["Web", "Trade Show", "Partner Referral"][i % 3],
             id("005", i % counts.users), timestamp(i), timestamp(i + 5)]
        }
        try write("Opportunity.csv", ["Id", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type", "ForecastCategoryName", "IsClosed", "IsWon",
                                      "OwnerId", "CreatedDate", "LastModifiedDate"], count: counts.deals) { i in
            let stage = i % Self.stages.count
            return [id("006", i), id("001", i % counts.accounts), "Company \(i % counts.accounts) renewal \(2023 + i % 2)", Self.stages[stage], "\(250 * (i % 2000 + 1)).00", String(stage * 12),
                    "2024-\(i % 12 < 9 ? "0" : "")\(i % 12 + 1)-\(i % 28 < 9 ? "0" : "")\(i % 28 + 1)", ["New Business", "Existing Business"][i % 2], ["Pipeline", "Best Case", "Commit"][i % 3],
                    String(stage >= 6), String(stage == 6), id("005", i % counts.users), timestamp(i), timestamp(i + 11)]
        }
        try write("Lead.csv", ["Id", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "Status", "LeadSource", "IsConverted", "ConvertedAccountId",
                               "ConvertedContactId", "ConvertedOpportunityId", "OwnerId", "CreatedDate", "LastModifiedDate"], count: counts.leads) { i in
            let converted = i % 10 == 0
            return [id("00Q", i), Self.firstNames[i % 14], Self.lastNames[i % 12], "Prospect \(i % 20_000)", "Buyer", "lead\(i)@prospect\(i % 20_000).example", "+1 555 \(2000 + i % 7000)",
                    converted ? "Closed - Converted" : "Working - Contacted", ["Web", "Trade Show"][i % 2], String(converted),
                    converted ? id("001", i % counts.accounts) : "", converted ? id("003", i % counts.contacts) : "", converted ? id("006", i % counts.deals) : "",
                    id("005", i % counts.users), timestamp(i), timestamp(i + 13)]
        }
    }

    /// Salesforce Data Loader style: every cell quoted, LF line ends.
    private func write(_ name: String, _ header: [String], count: Int, row: (Int) -> [String]) throws {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        func append(_ cells: [String]) {
            for (index, cell) in cells.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(UInt8(ascii: "\""))
                for byte in cell.utf8 {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            }
            buffer.append(UInt8(ascii: "\n"))
        }
        append(header)
        for index in 0..<count {
            append(row(index))
            if buffer.count > 1 << 22 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        try handle.close()
    }
}
