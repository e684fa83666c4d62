import CRMExport
import GongCRM
import Mapping
import Testing

@Suite("Suggesting a mapping")
struct SuggesterTests {
    func suggest(_ folder: String) throws -> Suggestion {
        let export = try Export.open([folder])
        return Suggester.suggest(profiles: try export.files.map { try FileProfile.profile($0) }, exportPath: nil)
    }

    func expression(_ suggestion: Suggestion, _ entity: EntityType, _ field: String, history: Bool = false) -> String? {
        suggestion.mapping.sources.first { $0.entity == entity && $0.isHistory == history }?.field(field).map { ExpressionSyntax.render($0.expression) }
    }

    @Test func aSuggestedMappingNamesADatabaseWithoutItsPassword() {
        let suggestion = Suggester.suggest(profiles: [], exportPath: "postgres://crm:Pa55-w0rd@db.example:5432/crm?password=Pa55-w0rd&sslmode=require")
        #expect(suggestion.mapping.export == "postgres://crm@db.example:5432/crm?sslmode=require")
        #expect(!suggestion.mapping.yaml().contains("Pa55-w0rd"))
    }

    @Test func theSalesforceSampleIsAssignedAndMapped() throws {
        let suggestion = try suggest(sampleExport)
        let assigned = Dictionary(uniqueKeysWithValues: suggestion.files.map { ($0.file, ($0.entity?.rawValue ?? "-") + ($0.isHistory ? " history" : "")) })
        #expect(assigned == ["User.csv": "BUSINESS_USER", "OpportunityStage.csv": "STAGE", "Account.csv": "ACCOUNT", "Contact.csv": "CONTACT",
                             "Opportunity.csv": "DEAL", "Lead.csv": "LEAD", "OpportunityHistory.csv": "DEAL history", "Campaign.csv": "-"])
        #expect(suggestion.mapping.unassigned == ["Campaign.csv"])
        for entity in EntityType.allCases {
            #expect(expression(suggestion, entity, "objectId") == "Id")
            #expect(expression(suggestion, entity, "modifiedDate") == "LastModifiedDate")
        }
        #expect(expression(suggestion, .businessUser, "emailAddress") == "Email | trim")
        #expect(expression(suggestion, .stage, "name") == "MasterLabel")
        #expect(expression(suggestion, .stage, "sortOrder") == "SortOrder")
        #expect(expression(suggestion, .account, "name") == "Name")
        #expect(expression(suggestion, .account, "domains") == "Website | domain")
        #expect(expression(suggestion, .contact, "accountId") == "AccountId")
        #expect(expression(suggestion, .contact, "firstName") == "FirstName")
        #expect(expression(suggestion, .contact, "phoneNumber") == "coalesce(Phone, MobilePhone)")
        #expect(expression(suggestion, .deal, "ownerId") == "OwnerId")
        #expect(expression(suggestion, .deal, "closeDate") == "CloseDate")
        #expect(expression(suggestion, .deal, "amount") == "Amount | number")
        #expect(expression(suggestion, .deal, "stage") == "StageName | trim | lookup(STAGE.name)")
        #expect(expression(suggestion, .deal, "status") == "{IsClosed}/{IsWon} | lower | map(dealStatus)")
        #expect(expression(suggestion, .lead, "convertedToDealId") == "ConvertedOpportunityId")
        #expect(expression(suggestion, .deal, "objectId", history: true) == "OpportunityId")
        #expect(expression(suggestion, .deal, "modifiedDate", history: true) == "CreatedDate")
        #expect(suggestion.mapping.options.dateOrder == .monthFirst)
        let industry = try #require(suggestion.mapping.customField("industry", of: .account))
        #expect(industry.type == .picklist)
        #expect(suggestion.mapping.customField("annualRevenue", of: .account)?.type == .currency)
        #expect(suggestion.mapping.customField("probability", of: .deal)?.type == .percent)
        #expect(suggestion.fields.allSatisfy { $0.confidence > 0 && !$0.reason.isEmpty })
        #expect(suggestion.notes.contains { $0.contains("Negotiation/Review") })
    }

    @Test func hubSpotExportWithoutStageOrUserFilesDerivesThem() throws {
        let folder = TemporaryFolder()
        folder.write("hubspot-companies.csv", "Record ID,Company name,Company Domain Name,Industry,Last Modified Date\n101,Acme,acme.example,Retail,2024-03-01 10:00\n102,Bolt,bolt.example,Finance,2024-03-02 11:00\n")
        folder.write("hubspot-contacts.csv", "Record ID,First Name,Last Name,Email,Phone Number,Associated Company,Last Modified Date\n1,Jo,Li,jo@acme.example,+1 555 0100,Acme,2024-03-01 10:00\n2,Al,Ng,al@bolt.example,+1 555 0101,Bolt,2024-03-01 10:00\n")
        folder.write("hubspot-deals.csv", "Record ID,Deal Name,Deal Stage,Amount,Close Date,Deal owner,Last Modified Date\n"
                     + (0..<12).map { "\(900 + $0),Deal \($0),\(["Appointment Scheduled", "Closed Won", "Contract Sent"][$0 % 3]),\(1000 * $0),2024-06-\(10 + $0),\(["ann@us.example", "bob@us.example"][$0 % 2]),2024-03-01 10:00" }.joined(separator: "\n") + "\n")
        let suggestion = try suggest(folder.path)
        #expect(suggestion.files.map { $0.entity } == [.account, .contact, .deal])
        #expect(expression(suggestion, .account, "objectId") == "Record ID")
        #expect(expression(suggestion, .account, "name") == "Company name")
        #expect(expression(suggestion, .account, "domains") == "Company Domain Name | domain")
        #expect(expression(suggestion, .contact, "accountId") == "Associated Company | trim | lookup(ACCOUNT.name)")
        #expect(expression(suggestion, .contact, "emailAddress") == "Email | trim")
        #expect(expression(suggestion, .deal, "stage") == "Deal Stage | slug")
        #expect(expression(suggestion, .deal, "ownerId") == "Deal owner | trim | lower")
        let stages = try #require(suggestion.mapping.sources.first { $0.entity == .stage })
        #expect(stages.input == .distinct([DistinctColumns(file: "hubspot-deals.csv", columns: ["Deal Stage"])]))
        #expect(ExpressionSyntax.render(stages.field("objectId")!.expression) == "Deal Stage | slug")
        let users = try #require(suggestion.mapping.sources.first { $0.entity == .businessUser })
        #expect(users.input == .distinct([DistinctColumns(file: "hubspot-deals.csv", columns: ["Deal owner"])]))
        #expect(ExpressionSyntax.render(users.field("emailAddress")!.expression) == "Deal owner | trim | lower")
        #expect(users.field("modifiedDate")?.expression.source == .now)
    }

    @Test func dynamicsPipedriveAndZohoNamesAreKnown() throws {
        let folder = TemporaryFolder()
        folder.write("dynamics/account.csv", "accountid,name,websiteurl,modifiedon\nA-1,Acme,https://acme.example,2024-03-01T10:00:00Z\n")
        folder.write("dynamics/contact.csv", "contactid,firstname,lastname,emailaddress1,telephone1,parentcustomerid,modifiedon\nC-1,Jo,Li,jo@acme.example,+1 555 0100,A-1,2024-03-01T10:00:00Z\n")
        folder.write("pipedrive/deals.csv", "id,title,value,status,stage_id,user_id,org_id,expected_close_date,update_time\n"
                     + (0..<12).map { "\($0),Deal \($0),\(100 * $0),\(["open", "won", "lost"][$0 % 3]),\($0 % 4 + 1),\($0 % 2 + 7),\($0 % 3 + 20),2024-06-01,2024-03-01 10:00:00" }.joined(separator: "\n") + "\n")
        folder.write("zoho/Leads.csv", "Record Id,First Name,Last Name,Email,Company,Lead Status,Modified Time\nz1,Jo,Li,jo@z.example,Zed,New,2024-03-01 10:00:00\n")
        let suggestion = try suggest(folder.path)
        #expect(suggestion.files.map(\.entity) == [.account, .contact, .deal, .lead])
        #expect(expression(suggestion, .account, "objectId") == "accountid")
        #expect(expression(suggestion, .account, "modifiedDate") == "modifiedon")
        #expect(expression(suggestion, .account, "domains") == "websiteurl | domain")
        #expect(expression(suggestion, .contact, "emailAddress") == "emailaddress1 | trim")
        #expect(expression(suggestion, .contact, "phoneNumber") == "telephone1")
        #expect(expression(suggestion, .contact, "accountId") == "parentcustomerid")
        #expect(expression(suggestion, .deal, "name") == "title")
        #expect(expression(suggestion, .deal, "amount") == "value")
        #expect(expression(suggestion, .deal, "status") == "status | map(dealStatus)")
        #expect(suggestion.mapping.valueMaps["dealStatus"]?.lookup("won") == "WON")
        #expect(expression(suggestion, .deal, "accountId") == "org_id")
        #expect(expression(suggestion, .deal, "closeDate") == "expected_close_date")
        #expect(expression(suggestion, .deal, "modifiedDate") == "update_time")
        #expect(expression(suggestion, .lead, "objectId") == "Record Id")
        #expect(expression(suggestion, .lead, "modifiedDate") == "Modified Time")
        #expect(suggestion.notes.contains { $0.contains("no emails") })
    }

    @Test func hubSpotJSONPropertiesAreUnwrapped() throws {
        let folder = TemporaryFolder()
        folder.write("companies.ndjson", """
            {"id":"101","properties":{"name":"Acme","domain":"acme.example","hs_lastmodifieddate":"2024-03-01T10:00:00.123Z"}}
            {"id":"102","properties":{"name":"Bolt","domain":"bolt.example","hs_lastmodifieddate":"2024-03-02T11:00:00Z"}}
            """)
        folder.write("contacts.json", """
            [{"id":"1","properties":{"firstname":"Zoë","email":"zoe@acme.example","company":"Acme","lastmodifieddate":"2024-03-01T10:00:00Z"}},
             {"id":"2","properties":{"firstname":"Al","email":"al@bolt.example","company":"Bolt","lastmodifieddate":"2024-03-01T10:00:00Z"}}]
            """)
        let suggestion = try suggest(folder.path)
        #expect(expression(suggestion, .account, "name") == "properties.name")
        #expect(expression(suggestion, .account, "modifiedDate") == "properties.hs_lastmodifieddate")
        #expect(expression(suggestion, .contact, "firstName") == "properties.firstname")
        #expect(expression(suggestion, .contact, "emailAddress") == "properties.email | trim")
        #expect(expression(suggestion, .contact, "accountId") == "properties.company | trim | lookup(ACCOUNT.name)")
    }

    @Test func filesOfOtherObjectsStayUnassignedWithAReason() throws {
        let folder = TemporaryFolder()
        folder.write("Case.csv", "Id,Subject,Status\n1,Broken,Open\n")
        folder.write("Task.csv", "Id,Subject,ActivityDate\n1,Call,2024-01-01\n")
        folder.write("AccountHistory.csv", "Id,AccountId,Field,OldValue,NewValue,CreatedDate\n1,A,Name,x,y,2024-01-01T00:00:00Z\n")
        folder.write("misc.csv", "Foo,Bar\n1,2\n")
        let suggestion = try suggest(folder.path)
        #expect(suggestion.files.allSatisfy { $0.entity == nil })
        #expect(Set(suggestion.mapping.unassigned) == ["Case.csv", "Task.csv", "AccountHistory.csv", "misc.csv"])
        #expect(suggestion.files.first { $0.file == "AccountHistory.csv" }?.reason.contains("field change log") == true)
        #expect(suggestion.files.first { $0.file == "Case.csv" }?.reason.contains("cases") == true)
    }

    /// Salesforce Data Export writes booleans as 1 and empty: every closed deal must get a status.
    @Test(arguments: [("1", ""), ("true", "false"), ("Y", "N"), ("TRUE", "FALSE")])
    func dealStatusMapsCoverTheFlagValuesTheExportHolds(yes: String, no: String) throws {
        let folder = TemporaryFolder()
        var deals = "Id,Name,IsClosed,IsWon,LastModifiedDate\n"
        for (index, flags) in [(yes, yes), (yes, no), (no, no), (yes, yes)].enumerated() {
            deals += "006A\(index),Deal \(index),\(flags.0),\(flags.1),2024-03-01T10:00:00Z\n"
        }
        folder.write("Opportunity.csv", deals)
        let suggestion = try suggest(folder.path)
        // Two empty flags make an empty template, which no entry matches: the default says OPEN.
        #expect(expression(suggestion, .deal, "status") == "{IsClosed}/{IsWon} | lower | map(dealStatus)" + (no.isEmpty ? " | default(OPEN)" : ""))
        let map = try #require(suggestion.mapping.valueMaps["dealStatus"])
        let won = (yes + "/" + yes).lowercased(), lost = (yes + "/" + no).lowercased()
        #expect(map.lookup(won) == "WON")
        #expect(map.lookup(lost) == "LOST")
        #expect(map.lookup((no + "/" + no).lowercased()) == (no.isEmpty ? nil : "OPEN"))
    }

    /// A file's columns outweigh its name: deals exported as "pipeline", users as "sales group".
    @Test func columnsOutweighAMisleadingFileName() throws {
        let folder = TemporaryFolder()
        folder.write("pipeline.csv", "Id,Name,Amount,CloseDate,StageName,ForecastCategory\nd1,Fleet,100,2024-06-01,Qualify,Pipeline\n")
        folder.write("sales_group.csv", "Id,Username,FullName,IsActive,ManagerId,Email\nu1,ann,Ann Lee,true,,ann@acme.example\n")
        folder.write("stages.csv", "Id,MasterLabel,SortOrder\ns1,Qualify,1\n")
        let suggestion = try suggest(folder.path)
        let assigned = Dictionary(uniqueKeysWithValues: suggestion.files.map { ($0.file, $0.entity?.rawValue ?? "-") })
        #expect(assigned == ["pipeline.csv": "DEAL", "sales_group.csv": "BUSINESS_USER", "stages.csv": "STAGE"])
    }

    /// Dynamics 365 views and warehouse tables have no ids: natural keys or hashes, and links by name.
    @Test func exportsWithoutIdsGetObjectIdsAndLinksByName() throws {
        let folder = TemporaryFolder()
        folder.write("Accounts.csv", "Account Name,Website,Modified On\nAcme Corp,acme.example,11/30/2024 3:45 PM\nGlobex,globex.example,11/29/2024 9:00 AM\nGlobex,globex.test,11/29/2024 9:00 AM\n")
        folder.write("Contacts.csv", "Full Name,First Name,Last Name,Email,Company Name,Modified On\nAnn Lee,Ann,Lee,ann@acme.example,Acme Corp,11/30/2024 3:45 PM\nBo Ek,Bo,Ek,bo@globex.example,Globex,11/30/2024 3:45 PM\n")
        folder.write("Opportunities.csv", "Topic,Potential Customer,Owner,Est. Close Date,Est. Revenue,Modified On\nFleet,Acme Corp,Cy Doe,12/15/2024,\"$1,000.00\",11/30/2024 3:45 PM\nFleet,Globex,Di Fox,12/16/2024,\"$2,000.00\",11/30/2024 3:45 PM\n")
        folder.write("Users.csv", "Full Name,Primary Email,Title\nCy Doe,cy@us.example,AE\nDi Fox,di@us.example,AE\n")
        let suggestion = try suggest(folder.path)
        func field(_ entity: EntityType, _ name: String) -> String? {
            suggestion.mapping.sources.first { $0.entity == entity && !$0.isHistory }?.field(name).map { ExpressionSyntax.render($0.expression) }
        }
        #expect(field(.businessUser, "objectId") == "Primary Email | trim | lower")
        #expect(field(.contact, "objectId") == "Email | trim | lower")
        // Two accounts named Globex: the name is no key, so a hash of it (and said so).
        #expect(field(.account, "objectId")?.hasPrefix("hash(Account Name") == true)
        #expect(field(.deal, "objectId") == "hash(Topic, Potential Customer)")
        #expect(field(.deal, "accountId") == "Potential Customer | trim | lookup(ACCOUNT.name)")
        #expect(field(.contact, "accountId") == "Company Name | trim | lookup(ACCOUNT.name)")
        #expect(field(.deal, "ownerId") == "Owner | trim | lookup(BUSINESS_USER.Full Name)")
        #expect(suggestion.notes.contains { $0.contains("'Globex'") && $0.contains("lookup-ambiguous") })
        #expect(suggestion.mapping.unassigned.isEmpty)
    }

    @Test func valueMapsAreBuiltFromTheFrequencyTable() throws {
        let folder = TemporaryFolder()
        folder.write("deals.csv", "Stage\n" + Array(repeating: "Won", count: 5).joined(separator: "\n") + "\nOpen\nOpen\nStalled\n")
        let export = try Export.open([folder.path])
        let column = try FileProfile.profile(export.files[0]).columns[0]
        let rows = ValueMapBuilder.rows(for: column, map: ValueMap([("won", "closed-won")]))
        #expect(rows.map(\.value) == ["Won", "Open", "Stalled"])
        #expect(rows.map(\.count) == [5, 2, 1])
        #expect(rows.map(\.target) == ["closed-won", nil, nil])
        #expect(ValueMapBuilder.coverage(rows) == .init(mappedValues: 1, unmappedValues: 2, mappedRecords: 5, unmappedRecords: 3))
        let draft = ValueMapBuilder.draft(rows, targets: [("open", "Open"), ("stalled-deal", "Stalled")], keeping: ValueMap([("won", "closed-won")]))
        #expect(draft.lookup("Open") == "open")
        #expect(draft.lookup("Stalled") == "stalled-deal")
        #expect(draft.lookup("Won") == "closed-won")
    }
}
