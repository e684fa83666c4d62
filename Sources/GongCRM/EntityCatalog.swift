/// The standard fields of every entity type, from gong-crm-api.md §3.
///
/// Where the sources disagree (§6) the catalog takes the safe side: STAGE records carry
/// `modifiedDate` when the mapping has one (§6 #2); a contact without an account, a deal without
/// account, owner, stage or close date is accepted but warned about (§6 #5, §5 rules 20–25).
public enum EntityCatalog {
    /// The standard fields of `type`, in the order records list them.
    public static func fields(of type: EntityType) -> [StandardField] { table[type.orderIndex] }

    public static func field(_ name: String, of type: EntityType) -> StandardField? {
        fields(of: type).first { $0.name == name }
    }

    private static let table: [[StandardField]] = EntityType.uploadOrder.map(build)

    private static func build(_ type: EntityType) -> [StandardField] {
        switch type {
        case .businessUser: common + [
            StandardField("emailAddress", .email, .mandatoryUnlessDeleted, "the user's email; Gong matches its users by it"),
        ]
        case .stage: [
            StandardField("objectId", .string, .mandatory, "the stage id that DEAL.stage refers to"),
            StandardField("modifiedDate", .datetime, .optional, "when the stage last changed (sent when known)"),
            StandardField("name", .string, .mandatory, "display name of the stage"),
            StandardField("isActive", .boolean, .optional, "false marks a retired stage"),
            StandardField("sortOrder", .integer, .optional, "position in the sales process, from 1"),
        ]
        case .account: common + [
            StandardField("name", .string, .optional, "account name (default Account_#objectId)"),
            StandardField("domains", .stringArray, .optional, "web and email domains of the company"),
        ]
        case .contact: common + [
            StandardField("accountId", .reference(.account), .recommended("activity cannot be linked from the contact to its account"), "objectId of the contact's account"),
            StandardField("emailAddress", .email, .optional, "matched against participants' emails"),
            StandardField("firstName", .string, .optional, "first name"),
            StandardField("lastName", .string, .optional, "last name"),
            StandardField("title", .string, .optional, "job title"),
            StandardField("phoneNumber", .phone, .optional, "matched against telephony participants"),
        ]
        case .deal: common + [
            StandardField("accountId", .reference(.account), .recommended("a deal without an account does not appear in Gong at all"), "objectId of the deal's account"),
            StandardField("ownerId", .reference(.businessUser), .recommended("a deal without an owner is missing from the deal board"), "objectId of the owning business user"),
            StandardField("name", .string, .optional, "deal name (default Deal_#objectId)"),
            StandardField("createdDate", .datetime, .optional, "creation time in the CRM"),
            StandardField("closeDate", .date, .recommended("a deal without a close date is missing from the deal board"), "actual or expected close date"),
            StandardField("status", .enumeration(["WON", "LOST", "OPEN"]), .optional, "WON, LOST or OPEN (default OPEN)"),
            StandardField("stage", .reference(.stage), .recommended("Gong cannot always associate activities with the deal"), "objectId of an uploaded STAGE"),
            StandardField("amount", .number, .optional, "amount in the company currency"),
        ]
        case .lead: common + [
            StandardField("emailAddress", .email, .optional, "matched against participants' emails"),
            StandardField("firstName", .string, .optional, "first name"),
            StandardField("lastName", .string, .optional, "last name"),
            StandardField("title", .string, .optional, "job title"),
            StandardField("phoneNumber", .phone, .optional, "matched against telephony participants"),
            StandardField("convertedToDealId", .reference(.deal), .optional, "the DEAL the lead became"),
            StandardField("convertedToContactId", .reference(.contact), .optional, "the CONTACT the lead became"),
            StandardField("convertedToAccountId", .reference(.account), .optional, "the ACCOUNT the lead became"),
        ]
        }
    }

    private static let common: [StandardField] = [
        StandardField("objectId", .string, .mandatory, "the record's id in the CRM (≤ 64 letters, digits, '-', or an email)"),
        StandardField("modifiedDate", .datetime, .mandatory, "when the record last changed in the CRM"),
        StandardField("isDeleted", .boolean, .optional, "true deletes the record from Gong"),
        StandardField("url", .url, .optional, "link to the record in the CRM"),
    ]
}
